// Memory: heap held by the whole analysis state of the 200k-token prompt (a DocumentAnalyzer after a cold
// analysis and 1,000 keystrokes), by its token index alone, and by one decoded rank table.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { DocumentAnalyzer } from '../../src/core/analyze';
import { DEFAULT_ANALYSIS_OPTIONS } from '../../src/core/defaults';
import { createTokenIndex } from '../../src/core/tokens';
import { rng } from '../../test/unit/core/tokens-random';
import { RankTable } from '../../src/core/tokens/ranks';
import { largeDocument } from './corpus';
import type { BenchSection } from './types';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap plus typed-array memory (MB) still held by what `make` returns, after full collections. */
function heapOf(make: () => unknown): number {
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc();
  const before = used();
  const kept = [make()];
  gc();
  const after = used();
  kept.length = 0;
  return (after - before) / 1e6;
}

/** A prompt file's analyzer after a cold analysis of `text` and 1,000 random single-character edits. */
function editedAnalyzer(text: string): DocumentAnalyzer {
  const analyzer = new DocumentAnalyzer({ ...DEFAULT_ANALYSIS_OPTIONS, model: 'gpt-4o', fileName: 'bench.prompt.md' });
  analyzer.update(text);
  const next = rng(11);
  let length = text.length;
  for (let k = 0; k < 1000; k++) {
    const start = Math.floor(next() * length);
    const insert = next() < 0.5;
    analyzer.applyEdit(insert ? { start, end: start, newText: 'e' } : { start, end: Math.min(length, start + 1), newText: '' });
    length += insert ? 1 : start < length ? -1 : 0;
  }
  return analyzer;
}

export const memory: BenchSection = {
  name: 'memory',
  run() {
    const doc = largeDocument();
    const ranks = heapOf(() => new RankTable(o200k.bpe_ranks));
    // Rank table and price data load on first use and are shared by every document: load them first so
    // the figures below hold only the document's own state.
    editedAnalyzer('warm up');
    const state = heapOf(() => editedAnalyzer(doc));
    const index = heapOf(() => createTokenIndex(doc, 'o200k_base'));
    return [
      {
        section: this.name,
        name: 'analysis state of the 200k-token prompt: DocumentAnalyzer after a cold analysis and 1,000 keystrokes (text, token index, segments, line table, report)',
        median: state,
        p95: state,
        unit: 'MB',
        target: '≤ 50 MB',
        met: state <= 50,
      },
      { section: this.name, name: 'its token index alone, built cold (text chunks share the input string)', median: index, p95: index, unit: 'MB' },
      { section: this.name, name: 'o200k_base rank table (shared by all documents, loaded once)', median: ranks, p95: ranks, unit: 'MB' },
    ];
  },
};
