// Cold count throughput on the 200k-token corpus document: ours (piece cache emptied before every run)
// against js-tiktoken encode().length, gpt-tokenizer countTokens and tiktoken (WASM); one warm-up round.
import { countTokens as gptO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { countTokens as gptCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { getEncoding } from 'js-tiktoken';
import { get_encoding } from 'tiktoken';
import { counterFor } from '../../src/core/tokens/counter';
import type { Encoding } from '../../src/core/types';
import { largeDocument } from './corpus';
import { stats, time, type BenchRow, type BenchSection } from './types';

const RUNS = 7;

export const tokensThroughput: BenchSection = {
  name: 'tokens: cold count, 200k-token document',
  run() {
    const doc = largeDocument();
    const rows: BenchRow[] = [];
    for (const encoding of ['o200k_base', 'cl100k_base'] as Encoding[]) {
      const counter = counterFor(encoding);
      const js = getEncoding(encoding);
      const wasm = get_encoding(encoding);
      const gpt = encoding === 'o200k_base' ? gptO200k : gptCl100k;
      const expected = wasm.encode_ordinary(doc).length;
      // Contestants take turns within each round, so a load spike on the machine hits all of them.
      const contestants: Record<string, () => unknown> = {
        ours: () => {
          counter.clearCache();
          if (counter.count(doc) !== expected) throw new Error(`count mismatch on the bench document (${encoding})`);
        },
        'js-tiktoken encode().length': () => js.encode(doc).length,
        'gpt-tokenizer countTokens': () => gpt(doc),
        'tiktoken (WASM) encode_ordinary': () => wasm.encode_ordinary(doc).length,
      };
      const samples: Record<string, number[]> = {};
      for (let round = -1; round < RUNS; round++) {
        for (const [name, fn] of Object.entries(contestants)) {
          const t = time(fn, 1, false)[0]!;
          if (round >= 0) (samples[name] ??= []).push(t);
        }
      }
      const ours = stats(samples.ours!);
      const peers = Object.fromEntries(
        Object.keys(contestants)
          .filter((name) => name !== 'ours')
          .map((name) => [name, stats(samples[name]!)]),
      );
      wasm.free();
      const jsMedian = peers['js-tiktoken encode().length']!.median;
      const gptMedian = peers['gpt-tokenizer countTokens']!.median;
      const mtok = expected / 1e6;
      rows.push({
        section: this.name,
        name: `${encoding}: prompt-cost-lens (${expected} tokens, ${(mtok / (ours.median / 1000)).toFixed(1)} M tok/s)`,
        ...ours,
        unit: 'ms',
        vsJsTiktoken: jsMedian / ours.median,
        vsGptTokenizer: gptMedian / ours.median,
        target: '≥4× js-tiktoken, ≥1.5× gpt-tokenizer',
        met: jsMedian / ours.median >= 4 && gptMedian / ours.median >= 1.5,
      });
      for (const [name, s] of Object.entries(peers)) {
        rows.push({
          section: this.name,
          name: `${encoding}: ${name}`,
          ...s,
          unit: 'ms',
          vsJsTiktoken: jsMedian / s.median,
          vsGptTokenizer: gptMedian / s.median,
        });
      }
    }
    return rows;
  },
};
