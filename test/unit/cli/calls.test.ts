// `prompt-cost run --call-log FILE` appends one row per run, and `prompt-cost calls` exports that log as
// CSV or as OpenTelemetry GenAI attributes with the same numbers the run reported.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliWith } from './runHarness';

describe('cli: call log export', function () {
  this.timeout(60_000);
  let dir: string;
  let template: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcl-calls-'));
    template = join(dir, 'support.prompt.txt');
    writeFileSync(template, 'You answer questions about orders politely.\nCustomer tier: {{tier}}\n');
  });

  it('exports every run of the log as CSV and as OpenTelemetry attributes', async () => {
    const log = join(dir, 'calls.jsonl');
    const r = await runCliWith(['run', template, '--var', 'tier=gold', '--request', 'Where is order 10?', '--repeat', '2', '--call-log', log, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const runs = JSON.parse(r.stdout).runs as Array<{ result: { costUSD: number; cacheHit: boolean } }>;

    const csv = await runCliWith(['calls', log]);
    assert.equal(csv.code, 0, csv.stderr);
    const [header, ...rows] = csv.stdout.trimEnd().split('\r\n');
    const columns = header!.split(',');
    assert.equal(rows.length, 2);
    const cell = (row: string, name: string) => row.split(',')[columns.indexOf(name)];
    assert.equal(Number(cell(rows[0]!, 'costUSD')), runs[0]!.result.costUSD);
    assert.equal(cell(rows[1]!, 'cacheHit'), String(runs[1]!.result.cacheHit));
    assert.equal(cell(rows[0]!, 'simulated'), 'true');

    const otel = await runCliWith(['calls', '--format', 'otel', log]);
    const spans = otel.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(spans.length, 2);
    assert.equal(spans[0]!['prompt_cost_lens.cost_usd'], runs[0]!.result.costUSD);
    assert.equal(typeof spans[0]!['gen_ai.usage.input_tokens'], 'number');
  });

  it('refuses a missing log with exit 2 and one line, and creates nothing', async () => {
    const missing = join(dir, 'nope.jsonl');
    const r = await runCliWith(['calls', missing]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^prompt-cost calls: .*no such file\n$/);
    assert.equal(existsSync(missing), false);
  });
});
