// Keystrokes: 1,000 random single-character inserts and deletes in the 200k-token document, each
// followed by the new exact total; checked against a cold count on a sample. The peers' time to count
// the whole document again (what a tool without an index does per keystroke) gives the ratios.
import { countTokens as gptO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { getEncoding } from 'js-tiktoken';
import { countTokens, createTokenIndex } from '../../src/core/tokens';
import { rng } from '../../test/unit/core/tokens-random';
import { largeDocument } from './corpus';
import { stats, time, type BenchSection } from './types';

export const tokensKeystroke: BenchSection = {
  name: 'tokens: keystroke (incremental index)',
  run() {
    const doc = largeDocument();
    const index = createTokenIndex(doc, 'o200k_base');
    const next = rng(42);
    const samples: number[] = [];
    let checked = 0;
    for (let k = 0; k < 1000; k++) {
      const start = Math.floor(next() * index.length);
      const edit =
        next() < 0.5
          ? { start, end: start, newText: 'etaoin, .\n'[Math.floor(next() * 10)]! }
          : { start, end: start + 1, newText: '' };
      const t0 = performance.now();
      index.applyEdit(edit);
      void index.total;
      samples.push(performance.now() - t0);
      if (k % 100 === 99) {
        checked++;
        if (index.total !== countTokens(index.text, 'o200k_base')) throw new Error(`incremental total wrong after edit ${k}`);
      }
    }
    const ours = stats(samples);
    // Segment counts: a random range of up to 100,000 characters, counted as if encoded on its own.
    const rangeSamples: number[] = [];
    const text = index.text;
    for (let k = 0; k < 1000; k++) {
      const a = Math.floor(next() * text.length);
      const b = Math.min(text.length, a + Math.floor(next() * 100_000));
      const t0 = performance.now();
      const n = index.tokensIn(a, b);
      rangeSamples.push(performance.now() - t0);
      if (k % 100 === 0 && n !== countTokens(text.slice(a, b), 'o200k_base')) throw new Error(`tokensIn(${a}, ${b}) wrong`);
    }
    const ranges = stats(rangeSamples);
    const js = getEncoding('o200k_base');
    const jsMedian = stats(time(() => js.encode(doc).length, 3)).median;
    const gptMedian = stats(time(() => gptO200k(doc), 3)).median;
    return [
      {
        section: this.name,
        name: `o200k_base: applyEdit + total, 1,000 edits (${checked} checked == cold)`,
        ...ours,
        unit: 'ms',
        vsJsTiktoken: jsMedian / ours.median,
        vsGptTokenizer: gptMedian / ours.median,
        target: 'p50 ≤ 0.5 ms, p95 ≤ 2 ms (whole analysis)',
        met: ours.median <= 0.5 && ours.p95 <= 2,
      },
      {
        section: this.name,
        name: 'o200k_base: tokensIn(range) of up to 100k chars, exact as encoded alone (10 checked)',
        ...ranges,
        unit: 'ms',
      },
    ];
  },
};
