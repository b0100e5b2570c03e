// `prompt-cost simulator`: prints where it listens, serves the SDKs, stops on Ctrl-C, refuses bad flags.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import OpenAI from 'openai';

const MAIN = 'src/cli/main.ts';

function run(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, 'simulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('prompt-cost simulator', () => {
  it('prints "listening on http://127.0.0.1:N", answers, and exits 0 on SIGINT', async () => {
    const child = run(['--port', '0', '--latency-scale', '0']);
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
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('refuses a bad flag with exit 2 and one line on stderr', async () => {
    const child = run(['--port', 'eighty']);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(stderr, /^prompt-cost simulator: expected \[--port/);
    assert.equal(stderr.trim().split('\n').length, 1);
  });
});
