import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DurableJsonl, StoreLockedError } from '../../../src/pipeline/store/durableJsonl';

const HEADER = { format: 'test', version: 1 };

function fresh(): { file: string; warnings: string[]; log: DurableJsonl } {
  const file = join(mkdtempSync(join(tmpdir(), 'pcl-jsonl-')), 'log.jsonl');
  const warnings: string[] = [];
  return { file, warnings, log: new DurableJsonl(file, { header: HEADER, warn: (m) => warnings.push(m), lockTimeoutMs: 500 }) };
}

describe('durable JSONL store', () => {
  it('drops a torn last line (a write cut by a kill) without calling the file corrupt', async () => {
    const { file, warnings, log } = fresh();
    await log.load();
    await log.append([{ n: 1 }, { n: 2 }]);
    appendFileSync(file, '{"n":3'); // never acknowledged
    assert.deepEqual(await log.load(), [{ n: 1 }, { n: 2 }]);
    await log.append([{ n: 4 }]);
    assert.deepEqual(await new DurableJsonl(file, { header: HEADER, warn: (m) => warnings.push(m) }).load(), [{ n: 1 }, { n: 2 }, { n: 4 }]);
    assert.deepEqual(warnings, []);
  });

  it('quarantines a file with another header', async () => {
    const { file, warnings, log } = fresh();
    writeFileSync(file, '{"something":"else"}\n');
    assert.deepEqual(await log.load(), []);
    assert.equal(warnings.length, 1);
    assert.match(readFileSync(file, 'utf8'), /"format":"test"/);
  });

  it('sees records appended by another writer and survives its compaction', async () => {
    const { file, log } = fresh();
    const other = new DurableJsonl(file, { header: HEADER, warn: () => undefined });
    await log.load();
    await other.load();
    await other.append([{ n: 1 }]);
    assert.deepEqual((await log.readNew()).records, [{ n: 1 }]);
    await other.rewrite((records) => [...records, { n: 2 }]);
    const after = await log.readNew();
    assert.equal(after.replaced, true);
    assert.deepEqual(after.records, [{ n: 1 }, { n: 2 }]);
    await log.append([{ n: 3 }]); // goes to the new file, not the replaced one
    assert.deepEqual(await other.load(), [{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('breaks a lock left by a dead process, but waits for a live one', async () => {
    const { file, log } = fresh();
    await log.load();
    writeFileSync(`${file}.lock`, '999999999'); // no such pid
    await log.append([{ n: 1 }]);
    writeFileSync(`${file}.lock`, String(process.ppid)); // alive
    await assert.rejects(log.append([{ n: 2 }]), StoreLockedError);
  });

  it('sweeps the private lock files of processes killed while taking the lock', async () => {
    const { file, log } = fresh();
    writeFileSync(`${file}.lock.999999999.abc`, '999999999');
    writeFileSync(`${file}.lock.${process.pid}.def`, String(process.pid));
    await log.load();
    assert.equal(existsSync(`${file}.lock.999999999.abc`), false);
    assert.equal(existsSync(`${file}.lock.${process.pid}.def`), true, 'a live process keeps its own');
  });
});
