// `prompt-cost`: the command-line face of the analysis core. Each subcommand lives in its own
// module under ./commands and returns an exit code; this file only dispatches and maps errors.
import { UsageError, InputError } from './errors';
import type { Command } from './command';
import { count } from './commands/count';
import { analyze } from './commands/analyze';
import { fix } from './commands/fix';
import { diff } from './commands/diff';
import { simulator } from './commands/simulator';
import { run } from './commands/run';
import { route } from './commands/route';
import { similar } from './commands/similar';

const commands: Record<string, Command> = {
  count,
  analyze,
  fix,
  diff,
  simulator,
  run,
  route,
  similar,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    process.stderr.write(`usage: prompt-cost <${Object.keys(commands).join('|')}> [options]\n`);
    return name === undefined || name === '--help' || name === '-h' ? 0 : 2;
  }
  try {
    return await command(args);
  } catch (err) {
    // Bad usage or input: one clear line, no stack trace, exit 2.
    if (err instanceof UsageError || err instanceof InputError) {
      process.stderr.write(`prompt-cost ${name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`prompt-cost: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
