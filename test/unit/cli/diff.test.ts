import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cliHarness';

const STATIC = Array.from({ length: 120 }, (_, i) => `Rule ${i + 1}: answer politely, cite the policy section, and keep the reply short.`).join('\n');
const GOOD = `${STATIC}\n\nQuestion: {{question}}\n`;
const BAD = `You are helping {{user_name}}.\n${STATIC}\n\nQuestion: {{question}}\n`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

/** A repository with `main` holding the cache-friendly prompt and `feature` checked out. */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'prompt-cost-diff-'));
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'agent.prompt'), GOOD);
  writeFileSync(join(dir, 'notes.md'), 'not a prompt\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'prompt');
  git(dir, 'checkout', '-q', '-b', 'feature');
  return dir;
}

describe('cli: diff', function () {
  this.timeout(60_000);

  it('flags dynamic content moved above cacheable static text, against the merge base by default', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'agent.prompt'), BAD);
    writeFileSync(join(dir, 'notes.md'), 'changed, still not a prompt\n');
    const r = await runCli(['diff', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(out.base, /merge-base\(HEAD, main\)/);
    assert.deepEqual(out.files.map((f: { file: string }) => f.file), ['agent.prompt']);
    const f = out.files[0];
    assert.equal(f.status, 'modified');
    assert.ok(f.delta.tokens > 0);
    assert.ok(f.delta.cacheablePrefix < 0);
    assert.ok(f.delta.monthly > 0, 'losing the cached prefix costs more per month');
    assert.equal(f.after.monthly - f.before.monthly, f.delta.monthly);
    assert.equal(f.flags.length, 1);
    assert.equal(f.flags[0].rule, 'prefix-regression');
    assert.equal(f.flags[0].range.start.line, 0, 'points at the variable on the first line');
    assert.match(f.flags[0].message, /user_name/);
  });

  it('--fail-on warning fails the check; SARIF carries the flag', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'agent.prompt'), BAD);
    assert.equal((await runCli(['diff', '--base', 'main', '--fail-on', 'warning'], dir)).code, 1);
    const sarif = JSON.parse((await runCli(['diff', '--base', 'main', '--format', 'sarif'], dir)).stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results[0].ruleId, 'prefix-regression');
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'agent.prompt');
  });

  it('a change that keeps the prefix is not flagged; added files are reported', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'agent.prompt'), `${GOOD}Answer in English.\n`);
    writeFileSync(join(dir, 'new.prompty'), `---\nname: n\n---\nsystem:\n${STATIC}\n`);
    const r = await runCli(['diff', '--base', 'main', '--format', 'json', '--fail-on', 'info'], dir);
    assert.equal(r.code, 0, r.stderr);
    const files = JSON.parse(r.stdout).files;
    assert.deepEqual(files.map((f: { file: string; status: string }) => [f.file, f.status]), [['agent.prompt', 'modified'], ['new.prompty', 'added']]);
    assert.ok(files.every((f: { flags: unknown[] }) => f.flags.length === 0));
    assert.equal(files[1].before, null);
  });

  it('writes nothing: the index and the work tree are untouched', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'agent.prompt'), BAD);
    // `git status` itself refreshes the index, so it runs before the snapshot.
    const status = git(dir, 'status', '--porcelain');
    const index = statSync(join(dir, '.git', 'index')).mtimeMs;
    const entries = readdirSync(join(dir, '.git')).sort();
    const r = await runCli(['diff', '--base', 'main'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /agent\.prompt/);
    assert.equal(statSync(join(dir, '.git', 'index')).mtimeMs, index);
    assert.deepEqual(readdirSync(join(dir, '.git')).sort(), entries);
    assert.equal(git(dir, 'status', '--porcelain'), status, 'the work tree is as it was');
  });

  it('an unknown ref is bad input', async () => {
    const r = await runCli(['diff', '--base', 'no-such-branch'], repo());
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown git ref "no-such-branch"/);
  });
});
