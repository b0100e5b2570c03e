// A canary ANTHROPIC_API_KEY sent through `prompt-cost run --provider anthropic` (pointed at the
// simulator with the SDK's own ANTHROPIC_BASE_URL) must reach the server as the request's key and
// appear in no output: not on success, not when every call fails, not when the provider is down.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimulatorServer } from '../../../src/simulator';
import type { CliResult } from './cliHarness';
import { runCliWith } from './runHarness';

const CANARY = 'sk-ant-canary-5f1e2d3c4b5a69788796a5b4';

describe('cli: run keeps ANTHROPIC_API_KEY out of its output', function () {
  this.timeout(60_000);
  let sim: SimulatorServer;
  let template: string;
  before(async () => {
    sim = await startSimulator({ latencyScale: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'pcl-canary-'));
    template = join(dir, 'support.prompt.txt');
    writeFileSync(template, 'You answer questions about orders politely.\nCustomer tier: {{tier}}\n');
  });
  after(() => sim.close());
  afterEach(() => sim.setFaults(null));

  const runAnthropic = (baseURL: string): Promise<CliResult> =>
    runCliWith(['run', template, '--var', 'tier=gold', '--request', 'Where is order 10?', '--provider', 'anthropic', '--model', 'claude-haiku-4-5', '--no-semantic-cache'], {
      env: { ANTHROPIC_API_KEY: CANARY, ANTHROPIC_BASE_URL: baseURL },
    });
  const assertNoCanary = (r: CliResult): void => {
    assert.equal(`${r.stdout}${r.stderr}`.includes(CANARY), false, `canary printed:\n${r.stdout}\n${r.stderr}`);
  };

  it('sends the key to the provider and prints it nowhere on success', async () => {
    // A recorder in front of the simulator proves the run really used the canary as its key.
    const seen: IncomingHttpHeaders[] = [];
    const proxy = createServer((req, res) => {
      seen.push(req.headers);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const upstream = await fetch(new URL(req.url!, sim.url), { method: req.method, headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const r = await runAnthropic(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /cost: +\$/);
      assert.ok(seen.some((h) => h['x-api-key'] === CANARY || h.authorization === `Bearer ${CANARY}`), 'the request carried the canary key');
      assertNoCanary(r);
    } finally {
      proxy.close();
    }
  });

  it('prints it nowhere when every call fails with a server error', async () => {
    sim.setFaults({ kind: 'server-error' });
    const r = await runAnthropic(sim.url);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /^prompt-cost run: .+\n$/);
    assertNoCanary(r);
  });

  it('prints it nowhere when the provider is unreachable', async () => {
    const r = await runAnthropic('http://127.0.0.1:9');
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /^prompt-cost run: .+\n$/);
    assertNoCanary(r);
  });
});
