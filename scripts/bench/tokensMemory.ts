// Memory: heap held by the token index of the 200k-token document, and by one decoded rank table.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { createTokenIndex } from '../../src/core/tokens';
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

export const tokensMemory: BenchSection = {
  name: 'tokens: memory',
  run() {
    const doc = largeDocument();
    const index = heapOf(() => createTokenIndex(doc, 'o200k_base'));
    const ranks = heapOf(() => new RankTable(o200k.bpe_ranks));
    return [
      {
        section: this.name,
        name: 'token index of the 200k-token document (its text chunks share the input string)',
        median: index,
        p95: index,
        unit: 'MB',
        target: '≤ 50 MB for the analysis state',
        met: index <= 50,
      },
      { section: this.name, name: 'o200k_base rank table (shared, loaded once)', median: ranks, p95: ranks, unit: 'MB' },
    ];
  },
};
