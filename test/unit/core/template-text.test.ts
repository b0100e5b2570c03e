// The chunked text and the edited view the keystroke path reads instead of rebuilding the string.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChunkedText, EditedView } from '../../../src/core/template/text';
import { applyEdits } from '../../../src/core/fixes';

describe('chunked text', () => {
  it('reads like the string it stands for after any sequence of edits, and so does the edited view', () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 20_000 }), insert: fc.oneof(fc.string({ maxLength: 5 }), fc.constant('x'.repeat(20_000))) });
    fc.assert(
      fc.property(fc.string({ maxLength: 30_000 }).map((s) => s + 'abc'.repeat(6000)), fc.array(edit, { maxLength: 6 }), fc.nat(), fc.nat(), (start, edits, p, q) => {
        const chunked = new ChunkedText(start);
        let text = start;
        for (const { at, remove, insert } of edits) {
          const s = at % (text.length + 1);
          const e = { start: s, end: Math.min(text.length, s + remove), newText: insert };
          const view = new EditedView(chunked, e);
          const next = applyEdits(text, [e]);
          const [a, b] = [p % (next.length + 1), q % (next.length + 1)].sort((x, y) => x - y) as [number, number];
          assert.equal(view.length, next.length);
          assert.equal(view.slice(a, b), next.slice(a, b));
          assert.equal(view.charCodeAt(a), next.charCodeAt(a));
          chunked.applyEdit(e);
          text = next;
          assert.equal(chunked.length, text.length);
          assert.equal(chunked.slice(a, b), text.slice(a, b));
          assert.equal(chunked.charCodeAt(b), text.charCodeAt(b));
        }
        assert.equal(chunked.toString(), text);
      }),
      { numRuns: 60 },
    );
  });
});
