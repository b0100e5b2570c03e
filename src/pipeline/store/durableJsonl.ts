// A JSON Lines file that loses nothing it acknowledged and survives other writers:
// - every line carries a CRC-32 of its JSON, so a torn or altered line is recognised;
// - appends hold a lock file, go to the end of the current file (O_APPEND) and are fsync'd before
//   the promise resolves, so an acknowledged record survives a kill;
// - rewrites (compaction) write a new file, fsync it and rename it over the old one under the same
//   lock; writers notice the rename (inode change) and reopen;
// - a file that is not ours or is damaged before its last line is set aside as `<name>.corrupt-<time>`
//   with a warning; its valid lines are carried into the fresh file.
import { promises as fs, constants } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';

export interface DurableJsonlOptions {
  /** Written as the first line; a file with another header is quarantined. */
  header: Record<string, unknown>;
  warn: (message: string) => void;
  /** How long to wait for another writer's lock before giving up. */
  lockTimeoutMs?: number;
  /** A lock older than this is taken to belong to a dead process. */
  staleLockMs?: number;
}

export class StoreLockedError extends Error {}

function encode(record: unknown): string {
  const json = JSON.stringify(record);
  return `${json}\t${crc32(json).toString(16).padStart(8, '0')}\n`;
}

/** Parses one line; null when it is damaged. */
function decode(line: string): unknown {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return null;
  const json = line.slice(0, tab);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(tab + 1)) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lines (or records) handled between two yields to the event loop. */
export const YIELD_EVERY = 500;

/** Lets other work run (timers, I/O, the editor) before continuing a long loop. */
export const yieldToEventLoop = () => new Promise<void>((r) => setImmediate(r));

export class DurableJsonl {
  /** Bytes of the current file already read. */
  private offset = 0;
  private inode = -1;
  private readonly lockPath: string;
  private readonly headerLine: string;

  constructor(
    readonly file: string,
    private readonly options: DurableJsonlOptions,
  ) {
    this.lockPath = `${file}.lock`;
    this.headerLine = encode(options.header);
  }

  /**
   * Reads every record (header excluded), creating the file if needed and quarantining a damaged one.
   * Reading takes no lock (appends are whole lines, compaction is a rename), so a long load never
   * holds up another window's writes; only creating or quarantining the file does.
   */
  async load(): Promise<unknown[]> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await sweepLeftovers(this.lockPath);
    this.inode = -1;
    const first = await this.readFrom(0, true);
    if (!first.damaged && this.inode >= 0) return first.records;
    return this.withLock(async () => {
      this.inode = -1;
      const { records, damaged } = await this.readFrom(0, true);
      if (damaged) {
        const aside = `${this.file}.corrupt-${Date.now()}`;
        await fs.rename(this.file, aside);
        this.options.warn(`${path.basename(this.file)} was damaged (${damaged}); moved it to ${path.basename(aside)} and started a new one with the ${records.length} readable entries.`);
        await this.writeFresh(records);
      } else if (this.inode < 0) await this.writeFresh([]);
      return records;
    });
  }

  /** Records other writers appended since the last read (all records again if the file was replaced). */
  async readNew(): Promise<{ records: unknown[]; replaced: boolean }> {
    let st;
    try {
      st = await fs.stat(this.file);
    } catch {
      return { records: [], replaced: false };
    }
    if (st.ino !== this.inode) {
      const { records } = await this.readFrom(0, false);
      return { records, replaced: true };
    }
    if (st.size <= this.offset) return { records: [], replaced: false };
    return { records: (await this.readFrom(this.offset, false)).records, replaced: false };
  }

  /**
   * Appends records durably; resolves once they are on disk. Concurrent appends from this process
   * are grouped into one locked write and one fsync.
   */
  append(records: unknown[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ data: records.map(encode).join(''), resolve, reject });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private pending: Array<{ data: string; resolve: () => void; reject: (err: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;

  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0);
      try {
        await this.withLock(async () => {
          const handle = await fs.open(this.file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT, 0o600);
          try {
            const size = await dropTornTail(handle);
            await handle.write((size === 0 ? this.headerLine : '') + batch.map((b) => b.data).join(''));
            await handle.sync();
          } finally {
            await handle.close();
          }
        });
        batch.forEach((b) => b.resolve());
      } catch (err) {
        batch.forEach((b) => b.reject(err));
      }
    }
    // Cleared in the same tick as the last emptiness check, so no append can be left unflushed.
    this.flushing = null;
  }

  /**
   * Compacts: under the lock, reads every record (including other writers' latest), keeps what
   * `select` returns, and replaces the file with it (write new, fsync, rename).
   */
  async rewrite(select: (records: unknown[]) => unknown[]): Promise<void> {
    await this.withLock(async () => {
      const { records } = await this.readFrom(0, false);
      await this.writeFresh(select(records));
    });
  }

  private async writeFresh(records: unknown[]): Promise<void> {
    const tmp = `${this.file}.tmp-${process.pid}`;
    const handle = await fs.open(tmp, 'w', 0o600);
    try {
      await handle.write(this.headerLine + records.map(encode).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, this.file);
    await syncDir(path.dirname(this.file));
    const st = await fs.stat(this.file);
    this.inode = st.ino;
    this.offset = st.size;
  }

  /**
   * Reads complete lines from `start`. A damaged line followed by more lines is corruption; a damaged
   * last line without its newline is a write in progress (or torn by a kill before it was
   * acknowledged) and is left for later.
   */
  private async readFrom(start: number, checkHeader: boolean): Promise<{ records: unknown[]; damaged: string | null }> {
    let buf: Buffer;
    let ino: number;
    try {
      const handle = await fs.open(this.file, 'r');
      try {
        ino = (await handle.stat()).ino;
        const size = (await handle.stat()).size;
        buf = Buffer.alloc(Math.max(0, size - start));
        if (buf.length) await handle.read(buf, 0, buf.length, start);
      } finally {
        await handle.close();
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], damaged: null };
      throw err;
    }
    if (ino !== this.inode) {
      this.inode = ino;
      start = 0;
    }
    const end = buf.lastIndexOf(10) + 1;
    const text = buf.subarray(0, end).toString('utf8');
    const lines = text.split('\n');
    lines.pop();
    const records: unknown[] = [];
    let damaged: string | null = null;
    for (let i = 0; i < lines.length; i++) {
      // A large store is parsed in slices so the extension host keeps serving the editor meanwhile.
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      const record = decode(lines[i]!);
      if (record === null) {
        damaged ??= `line ${i + 1} is not a valid entry`;
        continue;
      }
      if (start === 0 && i === 0) {
        if (JSON.stringify(record) !== JSON.stringify(this.options.header)) damaged ??= 'unknown format or version';
        continue;
      }
      records.push(record);
    }
    if (checkHeader && start === 0 && lines.length === 0 && buf.length > 0) damaged = 'no complete line';
    this.offset = start + end;
    return { records, damaged };
  }

  private async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const timeout = this.options.lockTimeoutMs ?? 10_000;
    const stale = this.options.staleLockMs ?? 30_000;
    const began = Date.now();
    // The lock is created complete (pid inside) by hard-linking a private file, so a process killed
    // while taking it never leaves an anonymous lock behind.
    const mine = `${this.lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    await fs.writeFile(mine, String(process.pid), { mode: 0o600 });
    try {
      for (let wait = 1; ; wait = Math.min(wait * 2, 10)) {
        try {
          await fs.link(mine, this.lockPath);
          break;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
          await breakStaleLock(this.lockPath, stale);
          if (Date.now() - began > timeout) throw new StoreLockedError(`${path.basename(this.file)} is locked by another process`);
          await sleep(wait);
        }
      }
    } finally {
      await fs.rm(mine, { force: true });
    }
    try {
      return await fn();
    } finally {
      await fs.rm(this.lockPath, { force: true });
    }
  }
}

/** Removes the private lock files (`<lock>.<pid>.<random>`) of processes killed while taking the lock. */
async function sweepLeftovers(lockPath: string): Promise<void> {
  const dir = path.dirname(lockPath);
  const prefix = `${path.basename(lockPath)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.startsWith(prefix) ? name.slice(prefix.length).split('.')[0] : NaN);
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) await fs.rm(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a lock left by a process that died, judged by the lock's owner pid or its age. */
async function breakStaleLock(lockPath: string, staleMs: number): Promise<void> {
  try {
    const [st, owner] = await Promise.all([fs.stat(lockPath), fs.readFile(lockPath, 'utf8')]);
    const pid = Number(owner);
    const alive = !(Number.isInteger(pid) && pid > 0) || isAlive(pid);
    if (!alive || Date.now() - st.mtimeMs > staleMs) await fs.rm(lockPath, { force: true });
  } catch {
    // The lock went away meanwhile, or its owner had not written the pid yet.
  }
}

/**
 * Cuts a last line that has no newline. Appends hold the lock, so under the lock such a line can only
 * be a write torn by a kill (never acknowledged); leaving it would glue it to the next record.
 */
async function dropTornTail(handle: fs.FileHandle): Promise<number> {
  const { size } = await handle.stat();
  if (size === 0) return 0;
  const chunk = Buffer.alloc(Math.min(size, 1 << 16));
  await handle.read(chunk, 0, chunk.length, size - chunk.length);
  if (chunk[chunk.length - 1] === 10) return size;
  const nl = chunk.lastIndexOf(10);
  const keep = nl >= 0 ? size - chunk.length + nl + 1 : chunk.length === size ? 0 : size;
  if (keep !== size) await handle.truncate(keep);
  return keep;
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directories cannot be fsync'd on every platform (Windows); the rename is still atomic.
  }
}
