import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineStarts, positionAt } from '../../../src/core/positions';
import { repoPath, runCli } from './cliHarness';

const EXAMPLE = 'examples/support-agent.prompty';
/** Static prose well above every model's 1,024-token minimum, with no variables or dates. */
const STATIC = Array.from({ length: 120 }, (_, i) => `Rule ${i + 1}: answer politely, cite the policy section, and keep the reply short.`).join('\n');

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<'startLine' | 'startColumn' | 'endLine', number> } }>;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'prompt-cost-analyze-'));
}

describe('cli: analyze', function () {
  this.timeout(60_000);

  it('prints the JSON contract for a prompt file', async () => {
    const r = await runCli(['analyze', '--format', 'json', EXAMPLE]);
    assert.equal(r.code, 0, r.stderr);
    const { files } = JSON.parse(r.stdout);
    assert.equal(files.length, 1);
    const f = files[0];
    assert.equal(f.file, EXAMPLE);
    assert.equal(typeof f.model, 'string');
    for (const key of ['total', 'static', 'dynamic', 'cacheablePrefix']) assert.equal(typeof f.tokens[key], 'number', key);
    assert.equal(typeof f.tokens.exact, 'boolean');
    assert.ok(f.tokens.cacheablePrefix <= f.tokens.total);
    for (const key of ['uncached', 'write', 'warm', 'expected']) assert.equal(typeof f.cost.perRequest[key], 'number', key);
    assert.equal(typeof f.cost.monthly, 'number');
    assert.match(f.pricing.source, /genai-prices/);

    // Segments cover the file, and each position agrees with its offset.
    const text = readFileSync(repoPath(EXAMPLE), 'utf8');
    const starts = lineStarts(text);
    let offset = 0;
    for (const s of f.segments) {
      assert.equal(typeof s.kind, 'string');
      assert.equal(typeof s.tokens, 'number');
      assert.equal(s.start.offset, offset, 'no gap or overlap');
      assert.deepEqual({ line: s.start.line, character: s.start.character }, positionAt(starts, s.start.offset));
      assert.deepEqual({ line: s.end.line, character: s.end.character }, positionAt(starts, s.end.offset));
      offset = s.end.offset;
    }
    assert.equal(offset, text.length);
    assert.ok(f.segments.some((s: { kind: string; name?: string }) => s.kind === 'dynamic' && s.name === 'question'));
    for (const finding of f.findings) {
      assert.equal(typeof finding.rule, 'string');
      assert.ok(['error', 'warning', 'info'].includes(finding.severity));
      assert.equal(typeof finding.message, 'string');
      assert.equal(typeof finding.fix, 'boolean');
      assert.equal(typeof finding.range.start.line, 'number');
    }
  });

  it('uses --model, --rate and --volume in the cost', async () => {
    const file = join(tempDir(), 'static.prompt');
    writeFileSync(file, `${STATIC}\n\nQuestion: {{question}}\n`);
    const run = async (rate: string) =>
      JSON.parse((await runCli(['analyze', '--format', 'json', '--model', 'gpt-4o', '--rate', rate, '--volume', '100', file])).stdout).files[0];
    const [slow, busy] = await Promise.all([run('0.01'), run('100')]);
    assert.ok(slow.cost.cachedTokens > 0);
    assert.equal(slow.model, 'gpt-4o');
    assert.equal(slow.tokens.exact, true);
    assert.ok(busy.cost.hitProbability > slow.cost.hitProbability);
    const expectedMonthly = slow.cost.perRequest.expected * 100 * 30;
    assert.ok(Math.abs(slow.cost.monthly - expectedMonthly) < 1e-9 * Math.max(1, expectedMonthly));
  });

  it('--prices applies negotiated prices and prices a custom model', async () => {
    const dir = tempDir();
    const prices = join(dir, 'prices.json');
    writeFileSync(prices, JSON.stringify({ 'claude-sonnet-4-5': { input: 2.4 }, 'acme-1': { input: 1, output: 2 } }));
    const [negotiated, custom] = await Promise.all(
      [['--model', 'claude-sonnet-4-5'], ['--model', 'acme-1']].map(async (model) =>
        JSON.parse((await runCli(['analyze', '--format', 'json', '--prices', prices, ...model, EXAMPLE])).stdout).files[0],
      ),
    );
    assert.equal(negotiated.pricing.prices.input, 2.4);
    assert.match(negotiated.pricing.source, /override \(input\)/);
    assert.equal(custom.model, 'acme-1');
    assert.equal(custom.pricing.source, 'override');
    assert.ok(Math.abs(custom.cost.perRequest.uncached - (custom.tokens.total * 1 + custom.cost.outputTokens * 2) / 1e6) < 1e-12);
  });

  it('recurses into folders over prompt file names only', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'a.prompty'), `---\nname: a\n---\nsystem:\n${STATIC}\n`);
    writeFileSync(join(dir, 'nested', 'b.j2'), `${STATIC}\n{{ question }}\n`);
    writeFileSync(join(dir, 'README.md'), '# not a prompt\n');
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules', 'c.prompty'), 'ignored');
    const r = await runCli(['analyze', '--format', 'json', dir]);
    assert.equal(r.code, 0, r.stderr);
    const names = JSON.parse(r.stdout).files.map((f: { file: string }) => f.file.slice(dir.length + 1));
    assert.deepEqual(names, ['a.prompty', join('nested', 'b.j2')]);
  });

  it('prints a readable table by default', async () => {
    const r = await runCli(['analyze', EXAMPLE]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /FILE\s+MODEL\s+TOKENS/);
    assert.ok(r.stdout.includes(EXAMPLE));
    assert.match(r.stdout, /per month .*\/day × 30 days/);
  });

  it('writes valid SARIF 2.1.0 whose results point at the findings', async () => {
    const json = JSON.parse((await runCli(['analyze', '--format', 'json', EXAMPLE])).stdout).files[0];
    const r = await runCli(['analyze', '--format', 'sarif', EXAMPLE]);
    assert.equal(r.code, 0, r.stderr);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.runs.length, 1);
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'prompt-cost');
    const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    assert.equal(run.results.length, json.findings.length);
    run.results.forEach((result: SarifResult, i: number) => {
      assert.equal(result.ruleId, json.findings[i].rule);
      assert.equal(ruleIds[result.ruleIndex], result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.equal(typeof result.message.text, 'string');
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.equal(artifactLocation.uri, EXAMPLE);
      assert.equal(region.startLine, json.findings[i].range.start.line + 1);
      assert.equal(region.startColumn, json.findings[i].range.start.character + 1);
      assert.ok(region.endLine >= region.startLine);
    });
  });

  it('--fail-on decides exit code 1; without it findings do not fail the run', async () => {
    const dir = tempDir();
    const clean = join(dir, 'clean.prompt');
    const dynamicFirst = join(dir, 'dynamic-first.prompt');
    writeFileSync(clean, `${STATIC}\n`);
    writeFileSync(dynamicFirst, `Hello {{name}}.\n${STATIC}\n`);
    const findings = JSON.parse((await runCli(['analyze', '--format', 'json', dynamicFirst])).stdout).files[0].findings;
    assert.ok(findings.some((f: { rule: string }) => f.rule === 'dynamic-before-static'));
    assert.equal((await runCli(['analyze', dynamicFirst])).code, 0);
    assert.equal((await runCli(['analyze', '--fail-on', 'info', dynamicFirst])).code, 1);
    assert.equal((await runCli(['analyze', '--fail-on', 'info', clean])).code, 0);
  });

  it('-o writes the report only when every input could be analysed', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.sarif');
    const bad = await runCli(['analyze', '--format', 'sarif', '-o', out, EXAMPLE, join(dir, 'missing.prompty')]);
    assert.equal(bad.code, 2);
    assert.equal(existsSync(out), false, 'no partial output file');
    const good = await runCli(['analyze', '--format', 'sarif', '-o', out, EXAMPLE]);
    assert.equal(good.code, 0, good.stderr);
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, '2.1.0');
    assert.deepEqual(readdirSync(dir), ['report.sarif'], 'no temporary file left behind');
  });
});
