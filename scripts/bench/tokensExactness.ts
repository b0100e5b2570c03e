// Exactness: our counts against tiktoken (WASM) on the corpus and on 10,000 random mixed-script strings.
import { get_encoding } from 'tiktoken';
import { countTokens } from '../../src/core/tokens';
import type { Encoding } from '../../src/core/types';
import { randomText, rng } from '../../test/unit/core/tokens-random';
import { corpusFiles } from './corpus';
import type { BenchSection } from './types';

export const tokensExactness: BenchSection = {
  name: 'tokens: exactness',
  run() {
    return (['o200k_base', 'cl100k_base'] as Encoding[]).map((encoding) => {
      const reference = get_encoding(encoding);
      const inputs = corpusFiles().map((f) => f.text);
      const next = rng(encoding === 'o200k_base' ? 101 : 202);
      for (let k = 0; k < 10_000; k++) inputs.push(randomText(next));
      let mismatches = 0;
      for (const text of inputs) if (countTokens(text, encoding) !== reference.encode_ordinary(text).length) mismatches++;
      reference.free();
      return {
        section: this.name,
        name: `${encoding}: mismatches vs tiktoken (${inputs.length} inputs)`,
        median: mismatches,
        p95: mismatches,
        unit: 'count',
        target: '0',
        met: mismatches === 0,
      };
    });
  },
};
