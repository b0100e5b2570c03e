// `prompt-cost count [--encoding o200k_base|cl100k_base] [FILE|-]`: exact token count of the raw text.
// Placeholder on js-tiktoken until the core's fast counter lands.
import { readFileSync } from 'node:fs';
import { getEncoding } from 'js-tiktoken';
import type { Command } from '../command';
import { UsageError } from '../errors';

export const count: Command = async (args) => {
  let encoding: 'o200k_base' | 'cl100k_base' = 'o200k_base';
  let file = '-';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--encoding') {
      const value = args[++i];
      if (value !== 'o200k_base' && value !== 'cl100k_base') throw new UsageError(`unknown encoding: ${value}`);
      encoding = value;
    } else file = args[i]!;
  }
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  process.stdout.write(`${getEncoding(encoding).encode(text, [], []).length}\n`);
  return 0;
};
