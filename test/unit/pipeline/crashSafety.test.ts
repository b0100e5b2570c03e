import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicalEmbedder } from '../../../src/pipeline/embed/lexical';
import { SemanticCache } from '../../../src/pipeline/semantic/cache';

const writer = fileURLToPath(new URL('./fixtures/cacheWriter.ts', import.meta.url));

/** Runs a writer until it has acknowledged `n` entries, then SIGKILLs it mid-write. */
function writeThenKill(file: string, ns: string, n: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file, ns], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) acked.push(Number(line.slice(4)));
      if (acked.length >= n && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, sig) => (sig === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited early: ${stderr}`))));
  });
}

describe('semantic cache crash safety', function () {
  this.timeout(60_000);

  it('keeps every acknowledged entry and a loadable store when the writer is killed mid-write, twice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pcl-crash-')), 'cache.jsonl');
    const first = await writeThenKill(file, 'ns-a', 25);
    const second = await writeThenKill(file, 'ns-b', 25);
    const warnings: string[] = [];
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder, file, warn: (m) => warnings.push(m), maxEntries: 100_000 });
    assert.deepEqual(warnings, [], 'a kill is not corruption');
    for (const [ns, acked] of [['ns-a', first], ['ns-b', second]] as const) {
      for (const i of acked) {
        const r = await cache.lookup(ns, `request ${i} about item${i}`);
        assert.equal(r.hit, true, `${ns} entry ${i} was acknowledged`);
        assert.equal(r.matched!.answer, `answer ${i} `.repeat(50));
      }
    }
  });

  it('keeps both processes\' acknowledged entries when two write the same file at once and are killed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pcl-crash-')), 'cache.jsonl');
    const [a, b] = await Promise.all([writeThenKill(file, 'ns-a', 20), writeThenKill(file, 'ns-b', 20)]);
    const warnings: string[] = [];
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder, file, warn: (m) => warnings.push(m), maxEntries: 100_000 });
    assert.deepEqual(warnings, []);
    for (const [ns, acked] of [['ns-a', a], ['ns-b', b]] as const) {
      for (const i of acked) assert.equal((await cache.lookup(ns, `request ${i} about item${i}`)).hit, true, `${ns} ${i}`);
    }
  });
});
