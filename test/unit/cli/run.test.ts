import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimulatorServer } from '../../../src/simulator';
import { runCliWith } from './runHarness';

const CANARY = 'sk-canary-9d8e7f6a5b4c3d2e1f00';
const POLICY = Array.from({ length: 150 }, (_, i) => `Rule ${i + 1}: answer questions about order ${i * 7 + 3} politely.`).join(' ');

describe('cli: run', function () {
  this.timeout(60_000);
  let dir: string;
  let template: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcl-run-'));
    template = join(dir, 'support.prompt.txt');
    writeFileSync(template, `${POLICY}\nCustomer tier: {{tier}}\n`);
  });

  it('runs on the simulator by default, labels every figure simulated, and serves a repeat from the semantic cache', async () => {
    const r = await runCliWith(['run', template, '--var', 'tier=gold', '--request', 'Where is order 10?', '--repeat', '2', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.simulated, true);
    const [first, second] = out.runs;
    assert.equal(first.result.cacheHit, false);
    assert.equal(first.result.simulated, true);
    assert.ok(first.result.costUSD > 0);
    assert.equal(second.result.cacheHit, true);
    assert.equal(second.result.costUSD, 0);
    assert.equal(second.result.naiveCostUSD, first.result.naiveCostUSD);
    const stages = first.stages.map((s: { type: string }) => s.type);
    for (const stage of ['route', 'semantic-cache', 'model-call', 'done']) assert.ok(stages.includes(stage), stage);
  });

  it('prints the stages, usage, cost, naive cost and saving as text, reading the prefix cache on the second run', async () => {
    const r = await runCliWith(['run', template, '--var', 'tier=gold', '--request', 'Where is order 10?', '--repeat', '2', '--no-semantic-cache', '--tiers', 'small=claude-sonnet-4-6,frontier=claude-opus-4-6']);
    assert.equal(r.code, 0, r.stderr);
    const runs = r.stdout.split(/^run \d\/2/m).slice(1);
    assert.equal(runs.length, 2);
    assert.match(r.stdout, /run 1\/2 — Simulated/);
    assert.match(runs[0]!, /route: +small → claude-sonnet-4-6 \(confidence [\d.]+; .*lookup/);
    assert.match(runs[0]!, /usage: +input [\d,]+, cache write [\d,]+, cache read 0, output [\d,]+/);
    assert.match(runs[0]!, /cost: +\$[\d.]+ · naive \$[\d.]+ · saving .*\(Simulated\)/);
    const read = /cache read ([\d,]+)/.exec(runs[1]!)![1];
    const written = /cache write ([\d,]+)/.exec(runs[0]!)![1];
    assert.notEqual(written, '0');
    assert.equal(read, written, 'the second run reads what the first wrote');
  });

  it('rejects bad usage with exit 2 and one line', async () => {
    for (const args of [
      ['run', template],
      ['run', template, '--var', 'tier'],
      ['run', template, '--var', 'tier=x', '--request', 'hi', '--provider', 'carrier-pigeon'],
      ['run', template, '--var', 'tier=x', '--request', 'hi', '--provider', 'anthropic'],
      ['run', template, '--var', 'tier=x', '--request', 'hi', '--model', 'a', '--tiers', 'small=b'],
      ['run', join(dir, 'missing.prompt.txt')],
    ]) {
      const r = await runCliWith(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
    const noKey = await runCliWith(['run', template, '--var', 'tier=x', '--request', 'hi', '--provider', 'anthropic']);
    assert.match(noKey.stderr, /ANTHROPIC_API_KEY/);
  });

  describe('against a loopback OpenAI-compatible server', () => {
    let sim: SimulatorServer;
    before(async () => (sim = await startSimulator({ latencyScale: 0 })));
    after(() => sim.close());

    it('never prints the API key, on success or failure', async () => {
      const env = { OPENAI_COMPATIBLE_API_KEY: CANARY, OPENAI_API_KEY: CANARY, ANTHROPIC_API_KEY: CANARY };
      const ok = await runCliWith(['run', template, '--var', 'tier=gold', '--request', 'Hello', '--provider', `${sim.url}/v1`, '--model', 'gpt-4.1', '--format', 'json'], { env });
      assert.equal(ok.code, 0, ok.stderr);
      const failed = await runCliWith(['run', template, '--var', 'tier=gold', '--request', 'Hello', '--provider', 'http://127.0.0.1:9/v1', '--model', 'gpt-4.1'], { env });
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /prompt-cost run: /);
      for (const r of [ok, failed]) assert.equal(`${r.stdout}${r.stderr}`.includes(CANARY), false);
    });
  });
});
