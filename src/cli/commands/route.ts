// `prompt-cost route [--tiers a,b,...] [--examples FILE] [--format text|json] TEXT|-`: the tier, confidence
// and reason the pipeline's router gives one request; with `-`, one line per JSON Lines object
// (`{"text": …}`) read from stdin.
import { readFileSync } from 'node:fs';
import { parseJsonLines } from '../../core/jsonLines';
import { createRouter, parseExamples } from '../../pipeline/router';
import { ExamplesError } from '../../pipeline/router/knn';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { InputError, UsageError } from '../errors';
import { readTextFile } from '../input';

const FLAGS = {
  tiers: { type: 'string' },
  examples: { type: 'string' },
  margin: { type: 'number', min: 0 },
  format: { type: 'string', choices: ['text', 'json'] },
} as const;

export const route: Command = async (args) => {
  const { flags, positionals } = parseFlags(args, FLAGS, { min: 1, max: 1, name: 'TEXT (or - for JSON Lines on stdin)' });
  const tiers = (flags.tiers ?? 'small,frontier').split(',').map((t) => t.trim());
  if (tiers.some((t) => t === '') || new Set(tiers).size !== tiers.length) throw new UsageError('--tiers expects distinct names, cheapest first, e.g. small,frontier');
  if (flags.margin !== undefined && flags.margin > 1) throw new UsageError('--margin is a confidence between 0 and 1');
  let examples;
  if (flags.examples !== undefined) {
    try {
      examples = parseExamples(readTextFile(flags.examples).text, tiers);
    } catch (err) {
      if (err instanceof ExamplesError) throw new InputError(`${flags.examples}: ${err.message}`);
      throw err;
    }
  }
  const router = createRouter({ tiers, margin: flags.margin, examples });
  const texts = positionals[0] === '-' ? readJsonLines(readFileSync(0, 'utf8')) : [positionals[0]!];
  for (const text of texts) {
    const d = router(text);
    process.stdout.write(
      flags.format === 'json'
        ? `${JSON.stringify({ tier: d.tier, confidence: d.confidence, reason: d.reason })}\n`
        : `${d.tier}\t${d.confidence.toFixed(2)}\t${d.reason}\n`,
    );
  }
  return 0;
};

function readJsonLines(input: string): string[] {
  return parseJsonLines(input, (n) => new InputError(`stdin line ${n}: not valid JSON`)).map(({ line, value }) => {
    const text = (value as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') throw new InputError(`stdin line ${line}: needs a "text" string`);
    return text;
  });
}
