import { strict as assert } from 'node:assert';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cliHarness';

const STATIC = Array.from({ length: 120 }, (_, i) => `Rule ${i + 1}: answer politely, cite the policy section, and keep the reply short.`).join('\n');
/** A greeting with a variable above 2,000 tokens of static rules: the classic reorder case. */
const DYNAMIC_FIRST = `Hello {{name}}, welcome back.\n\n${STATIC}\n`;

/** The multiset of characters, ignoring whitespace (a reorder may normalise separators). */
function characters(text: string): string {
  return [...text.replace(/\s+/g, '')].sort().join('');
}

async function prefixTokens(file: string): Promise<number> {
  const r = await runCli(['analyze', '--format', 'json', file]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).files[0].tokens.cacheablePrefix;
}

describe('cli: fix', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let original: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'prompt-cost-fix-'));
    file = join(dir, 'greeting.prompt');
    writeFileSync(file, DYNAMIC_FIRST);
    original = DYNAMIC_FIRST;
  });

  it('prints the reordered template without touching the file', async () => {
    const r = await runCli(['fix', '--rule', 'dynamic-before-static', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.notEqual(r.stdout, original, 'the greeting moved');
    assert.ok(r.stdout.startsWith('Rule 1:'), 'static rules first');
    assert.equal(characters(r.stdout), characters(original), 'a reorder neither adds nor drops characters');
    assert.equal(readFileSync(file, 'utf8'), original);
  });

  it('--write replaces the file atomically (new inode, same mode, no temp file) with what fix prints', async () => {
    chmodSync(file, 0o640);
    const printed = (await runCli(['fix', file])).stdout;
    const before = await prefixTokens(file);
    const inode = statSync(file).ino;
    const r = await runCli(['fix', '--write', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(readFileSync(file, 'utf8'), printed);
    assert.notEqual(statSync(file).ino, inode, 'renamed over, not rewritten in place');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir), ['greeting.prompt']);
    assert.ok((await prefixTokens(file)) > before, 'the cacheable prefix grew');
    // Idempotent: a second run finds nothing to move.
    const again = await runCli(['fix', '--write', file]);
    assert.equal(again.code, 0);
    assert.equal(readFileSync(file, 'utf8'), printed);
  });

  it('--write through a symlink replaces the target and keeps the link', async () => {
    const link = join(dir, 'link.prompt');
    symlinkSync(file, link);
    const r = await runCli(['fix', '--write', link]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.ok(readFileSync(file, 'utf8').startsWith('Rule 1:'));
  });

  it('adds a cache_control breakpoint to an Anthropic request and keeps it valid JSON', async () => {
    const request = join(dir, 'request.json');
    const body = { model: 'claude-sonnet-4-5', max_tokens: 300, system: [{ type: 'text', text: STATIC }], messages: [{ role: 'user', content: 'Question: {{question}}' }] };
    writeFileSync(request, JSON.stringify(body, null, 2));
    const r = await runCli(['fix', '--rule', 'prefix-below-minimum', request]);
    assert.equal(r.code, 0, r.stderr);
    const fixed = JSON.parse(r.stdout);
    assert.deepEqual(fixed.system[0].cache_control, { type: 'ephemeral' });
    assert.deepEqual({ ...fixed, system: [{ ...fixed.system[0], cache_control: undefined }] }, { ...body, system: [{ ...body.system[0], cache_control: undefined }] });
  });
});
