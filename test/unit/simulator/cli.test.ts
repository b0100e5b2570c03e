// `prompt-cost simulator`: prints where it listens, serves the SDKs, stops on Ctrl-C, refuses bad flags.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import OpenAI from 'openai';
import { simulator } from '../../../src/cli/commands/simulator';
import { UsageError } from '../../../src/cli/errors';

const MAIN = 'src/cli/main.ts';

function run(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, 'simulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('prompt-cost simulator', () => {
  it('prints "listening on http://127.0.0.1:N", answers, and exits 0 on SIGINT', async function () {
    // Starting a TypeScript child takes seconds on a busy machine.
    this.timeout(60_000);
    const child = run(['--port', '0', '--latency-scale', '0']);
    try {
      let stdout = '';
      child.stdout.setEncoding('utf8');
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: string) => {
          stdout += chunk;
          const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
          if (match) resolve(match[1]!);
        });
        child.once('exit', () => reject(new Error(`exited before listening: ${stdout}`)));
      });
      const client = new OpenAI({ apiKey: 'sim-test-key', baseURL: `${url}/v1`, maxRetries: 0 });
      const reply = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'ping' }] });
      assert.match(reply.choices[0]!.message.content ?? '', /^Simulated/);
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill();
    }
  });

  it('refuses bad flags with a usage error (exit 2 through main)', async () => {
    for (const args of [['--port', 'eighty'], ['--port', '70000'], ['--latency-scale', '-1'], ['--verbose']]) {
      await assert.rejects(simulator(args), (err: unknown) => err instanceof UsageError && /expected \[--port/.test(err.message));
    }
  });
});
