// Highlight spans: the quick outline a large document is painted with first must match what the full
// analysis paints moments later (except chat JSON with explicit cache breakpoints, which the outline
// does not apply).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analyze';
import { DEFAULT_ANALYSIS_OPTIONS } from '../../../src/core/defaults';
import { outline } from '../../../src/vscode/analysisWorker';
import { highlightSpans } from '../../../src/vscode/spans';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');
const CORPUS = path.join(__dirname, '..', '..', 'fixtures', 'corpus');

describe('highlight spans', () => {
  it('merges adjacent prefix segments and stops at the prefix end', () => {
    const spans = highlightSpans(
      [
        { start: 0, end: 5, kind: 'static' },
        { start: 5, end: 8, kind: 'role' },
        { start: 8, end: 12, kind: 'comment' },
        { start: 12, end: 20, kind: 'static' },
        { start: 20, end: 25, kind: 'dynamic' },
        { start: 25, end: 30, kind: 'static' },
        { start: 30, end: 40, kind: 'volatile' },
      ],
      16,
    );
    assert.deepEqual(spans.prefix, [
      { start: 0, end: 8 },
      { start: 12, end: 16 },
    ]);
    assert.deepEqual(spans.dynamic, [{ start: 20, end: 25 }]);
    assert.deepEqual(spans.volatile, [{ start: 30, end: 40 }]);
  });

  const files = [
    ...fs.readdirSync(EXAMPLES).map((f) => path.join(EXAMPLES, f)),
    ...fs.readdirSync(CORPUS).filter((f) => f !== 'SOURCES.md').map((f) => path.join(CORPUS, f)),
  ];
  for (const file of files) {
    it(`the outline of ${path.basename(file)} paints what its analysis paints`, () => {
      const text = fs.readFileSync(file, 'utf8');
      // A model without explicit breakpoints, so the outline's prefix rule is the analysis's rule.
      const options = { ...DEFAULT_ANALYSIS_OPTIONS, model: 'gpt-4.1', fileName: file };
      const report = analyze(text, options);
      assert.deepEqual(outline(text, options), highlightSpans(report.segments, report.prefix.end));
    });
  }
});
