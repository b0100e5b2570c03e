import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countTokens, createTokenIndex } from '../../../src/core/tokens';
import type { Encoding } from '../../../src/core/types';
import { randomText, rng } from './tokens-random';

const CORPUS = join(__dirname, '../../../../shared/corpus');
const corpusText = (): string =>
  readdirSync(CORPUS)
    .sort()
    .map((f) => readFileSync(join(CORPUS, f), 'utf8'))
    .join('\n\n');

// Inserts and deletions of one character or a short random string, at random places.
function randomEdit(text: string, next: () => number): { start: number; end: number; newText: string } {
  const start = Math.floor(next() * (text.length + 1));
  const kind = next();
  if (kind < 0.4) return { start, end: start, newText: randomText(next, 1).slice(0, 1 + Math.floor(next() * 3)) };
  if (kind < 0.8) return { start, end: Math.min(text.length, start + 1), newText: '' };
  return { start, end: Math.min(text.length, start + Math.floor(next() * 20)), newText: randomText(next, 2) };
}

for (const encoding of ['o200k_base', 'cl100k_base'] as Encoding[]) {
  describe(`tokens: incremental index (${encoding})`, () => {
    it('stays equal to a cold count over random edits of a real prompt', () => {
      const next = rng(7);
      let text = corpusText().slice(0, 60_000);
      const index = createTokenIndex(text, encoding);
      assert.equal(index.total, countTokens(text, encoding));
      for (let k = 0; k < 300; k++) {
        const edit = randomEdit(text, next);
        text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
        index.applyEdit(edit);
        assert.equal(index.text, text);
        if (k % 10 === 0) assert.equal(index.total, countTokens(text, encoding), `after edit ${k}`);
      }
      assert.equal(index.total, countTokens(text, encoding));
    });

    it('stays equal to a cold count over random edits of random mixed-script text', () => {
      const next = rng(11);
      for (let round = 0; round < 40; round++) {
        let text = '';
        for (let k = 0; k < 30; k++) text += randomText(next);
        const index = createTokenIndex(text, encoding);
        for (let k = 0; k < 25; k++) {
          const edit = randomEdit(text, next);
          text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
          index.applyEdit(edit);
          assert.equal(index.total, countTokens(text, encoding), JSON.stringify(edit));
        }
      }
    });

    it('counts any range exactly as that range encoded on its own', () => {
      const next = rng(13);
      let text = corpusText().slice(0, 40_000);
      for (let k = 0; k < 20; k++) text += randomText(next);
      const index = createTokenIndex(text, encoding);
      for (let k = 0; k < 400; k++) {
        const a = Math.floor(next() * text.length);
        const b = Math.min(text.length, a + Math.floor(next() * (next() < 0.5 ? 200 : 20_000)));
        assert.equal(index.tokensIn(a, b), countTokens(text.slice(a, b), encoding), `[${a}, ${b})`);
      }
      assert.equal(index.tokensIn(0, text.length), index.total);
    });

    it('handles runs that the split reads to their end (white space, letter runs) and emptying', () => {
      const text = `Intro.${' '.repeat(300)}\n\n${'ABCDEFG'.repeat(50)}中${'x'.repeat(100)}`;
      const index = createTokenIndex(text, encoding);
      let current = text;
      for (const edit of [
        { start: 150, end: 150, newText: '\n' },
        { start: 10, end: 11, newText: '' },
        { start: 400, end: 401, newText: 'a' },
        { start: 0, end: current.length + 5, newText: '' },
        { start: 0, end: 0, newText: 'fresh start' },
      ]) {
        const end = Math.min(edit.end, current.length);
        current = current.slice(0, edit.start) + edit.newText + current.slice(end);
        index.applyEdit({ ...edit, end });
        assert.equal(index.total, countTokens(current, encoding));
      }
      // Edits at the end of long runs, which the split reads to their end: a newline after spaces
      // (\s*[\r\n]+), a lower-case letter after capitals that follow a CJK character (one o200k word),
      // a letter after a run of combining marks.
      for (const [before, insert] of [
        [`a${' '.repeat(40)}`, '\n'],
        [`Word 中${'ABCDEFGHIJ'.repeat(5)}`, 'x'],
        [`x ${'\u0301'.repeat(30)}`, 'y'],
      ] as const) {
        const doc = `${before} tail`;
        const runIndex = createTokenIndex(doc, encoding);
        runIndex.applyEdit({ start: before.length, end: before.length, newText: insert });
        assert.equal(runIndex.total, countTokens(`${before}${insert} tail`, encoding), JSON.stringify(before));
        assert.equal(runIndex.tokensIn(0, before.length), countTokens(before, encoding));
      }
      index.update('fresh START and more');
      assert.equal(index.total, countTokens('fresh START and more', encoding));
    });
  });
}
