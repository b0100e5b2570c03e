// `prompt-cost`: the command-line face of the analysis core. Each subcommand lives in its own
// module under ./commands and returns an exit code; this file only dispatches and maps errors.
import { UsageError, InputError } from './errors';
import type { Command } from './command';

// Commands load on demand: `count` should not pay for the SDKs that `run` needs.
const commands: Record<string, () => Promise<Command>> = {
  count: () => import('./commands/count').then((m) => m.count),
  analyze: () => import('./commands/analyze').then((m) => m.analyze),
  fix: () => import('./commands/fix').then((m) => m.fix),
  diff: () => import('./commands/diff').then((m) => m.diff),
  simulator: () => import('./commands/simulator').then((m) => m.simulator),
  run: () => import('./commands/run').then((m) => m.run),
  route: () => import('./commands/route').then((m) => m.route),
  similar: () => import('./commands/similar').then((m) => m.similar),
  calls: () => import('./commands/calls').then((m) => m.calls),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name === undefined || !Object.hasOwn(commands, name) ? undefined : commands[name];
  if (!load) {
    process.stderr.write(`usage: prompt-cost <${Object.keys(commands).join('|')}> [options]\n`);
    return name === undefined || name === '--help' || name === '-h' ? 0 : 2;
  }
  try {
    return await (await load())(args);
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
