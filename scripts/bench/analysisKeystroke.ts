// The whole analysis on a keystroke: src/core/analyze.ts's DocumentAnalyzer (template engineer's) on the
// 200k-token document as a prompt file, 1,000 random single-character edits, checked against a cold
// `analyze` of the same text on a sample.
import { analyze, DocumentAnalyzer } from '../../src/core/analyze';
import { DEFAULT_ANALYSIS_OPTIONS } from '../../src/core/defaults';
import { rng } from '../../test/unit/core/tokens-random';
import { largeDocument } from './corpus';
import { stats, type BenchSection } from './types';

const EDITS = 1000;
/** Unmeasured edits first, so the figures are an editing session's, not the JIT compiler's first pass. */
const WARM_UP = 300;

export const analysisKeystroke: BenchSection = {
  name: 'analysis: keystroke (DocumentAnalyzer)',
  run() {
    const options = { ...DEFAULT_ANALYSIS_OPTIONS, model: 'gpt-4o', fileName: 'bench.prompt.md' };
    const analyzer = new DocumentAnalyzer(options);
    let report = analyzer.update(largeDocument());
    // The length is tracked rather than read from the analyzer: joining the text per edit would make
    // garbage that the measured edits then pay for.
    let length = largeDocument().length;
    const next = rng(7);
    const samples: number[] = [];
    let checked = 0;
    for (let k = -WARM_UP; k < EDITS; k++) {
      const start = Math.floor(next() * length);
      const edit = next() < 0.5 ? { start, end: start, newText: 'e' } : { start, end: Math.min(length, start + 1), newText: '' };
      length += edit.newText.length - (edit.end - edit.start);
      const t0 = performance.now();
      report = analyzer.applyEdit(edit);
      if (k < 0) continue;
      samples.push(performance.now() - t0);
      if (k % 200 === 199) {
        checked++;
        const cold = analyze(analyzer.current, options);
        if (JSON.stringify(cold) !== JSON.stringify(report)) throw new Error(`incremental analysis differs from cold after edit ${k}`);
      }
    }
    const s = stats(samples);
    return [
      {
        section: this.name,
        name: `gpt-4o prompt file, ${report.tokens.total} tokens, ${EDITS} edits after ${WARM_UP} warm-up (${checked} checked == cold)`,
        ...s,
        unit: 'ms',
        target: 'p50 ≤ 0.5 ms, p95 ≤ 2 ms',
        met: s.median <= 0.5 && s.p95 <= 2,
      },
    ];
  },
};
