// The editor's line table (src/core/fixes/lineTable.ts) must describe the same lines, with the same
// reorder facts, as splitting the edited text afresh; and reorder verdicts that use it must equal
// verdicts computed without it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { reorderAvailability } from '../../../src/core/fixes/availability';
import { landmarks, makeLine, splitLines, type Line } from '../../../src/core/fixes/blocks';
import { applyEdits } from '../../../src/core/fixes';
import { LineTable } from '../../../src/core/fixes/lineTable';
import { parseTemplate } from '../../../src/core/template';

/** The table's lines as plain objects, to compare with a fresh split. */
const plain = (lines: Line[] | null) => lines?.map((l) => makeLine(l.start, l.end, l.next, l));

const dir = join(__dirname, '../../fixtures/corpus');
const docs = readdirSync(dir)
  .filter((f) => f !== 'SOURCES.md')
  .map((f) => ({ fileName: f, text: readFileSync(join(dir, f), 'utf8') }));

// Line breaks of every kind, and text that changes a line's facts (headings, tags, list items, lead-ins).
const pieces = ['', 'e', '\n', '\r', '\r\n', '\n\n', '# ', '<doc>', '</doc>', '- ', ':', '.', 'above', 'below', '   ', 'x\ny'];

describe('line table', () => {
  it('after random edits equals splitting the edited text afresh (corpus files, every kind of line break)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...docs),
        fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 4 }), insert: fc.constantFrom(...pieces) }), { minLength: 1, maxLength: 12 }),
        (doc, list) => {
          let text = doc.text;
          const table = new LineTable(text);
          for (const { at, remove, insert } of list) {
            const start = at % (text.length + 1);
            const edit = { start, end: Math.min(text.length, start + remove), newText: insert };
            text = applyEdits(text, [edit]);
            table.applyEdit(text, edit);
            const fresh = splitLines(text, 0, text.length);
            assert.deepEqual(plain(table.lines(0, text.length)), fresh, `${doc.fileName} after ${JSON.stringify(edit)}`);
            assert.deepEqual(table.landmarks(0, text.length), landmarks(fresh));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('handles the empty text, a lone \\r before a typed \\n, and a line emptied between \\r and \\n', () => {
    const cases: Array<[string, { start: number; end: number; newText: string }]> = [
      ['', { start: 0, end: 0, newText: 'a\r\nb' }],
      ['a\rb', { start: 2, end: 2, newText: '\n' }],
      ['a\rX\nb', { start: 2, end: 3, newText: '' }],
      ['a\n', { start: 2, end: 2, newText: 'b' }],
      ['a\nb', { start: 0, end: 3, newText: '' }],
    ];
    for (const [before, edit] of cases) {
      const table = new LineTable(before);
      const after = applyEdits(before, [edit]);
      table.applyEdit(after, edit);
      assert.deepEqual(plain(table.lines(0, after.length)), splitLines(after, 0, after.length), JSON.stringify([before, edit]));
    }
  });

  it('reorder verdicts with the table equal verdicts without it, on every corpus file', () => {
    for (const { fileName, text } of docs) {
      const parsed = parseTemplate(text, { fileName });
      assert.deepEqual(reorderAvailability(text, parsed, fileName, false, new LineTable(text)), reorderAvailability(text, parsed, fileName), fileName);
    }
  });
});
