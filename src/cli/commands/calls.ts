// `prompt-cost calls [--format csv|otel] FILE`: exports a call log (written by `prompt-cost run
// --call-log FILE`, or the playground's call-log.jsonl in the extension's global storage) as CSV or as
// OpenTelemetry GenAI span attributes, one JSON object per line.
import { existsSync, statSync } from 'node:fs';
import { CallLog, callLogToCsv, toOtelAttributes } from '../../pipeline/callLog';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { InputError } from '../errors';

const FLAGS = {
  format: { type: 'string', choices: ['csv', 'otel'] },
} as const;

export const calls: Command = async (args) => {
  const { flags, positionals } = parseFlags(args, FLAGS, { min: 1, max: 1, name: 'FILE' });
  const path = positionals[0]!;
  // Reading a missing path would create an empty log; an export must never write.
  if (!existsSync(path)) throw new InputError(`${path}: no such file`);
  if (!statSync(path).isFile()) throw new InputError(`${path}: not a file`);
  const rows = await new CallLog(path, (message) => process.stderr.write(`prompt-cost calls: ${message}\n`)).read();
  process.stdout.write(
    flags.format === 'otel' ? rows.map((row) => `${JSON.stringify(toOtelAttributes(row))}\n`).join('') : callLogToCsv(rows),
  );
  return 0;
};
