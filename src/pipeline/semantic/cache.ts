// The semantic cache: answers keyed by what a request says rather than its exact bytes. Entries live
// in namespaces (static-prefix hash + tier + prompt version) so a changed prompt never serves an old
// answer; a hit needs similarity ≥ threshold and no guard objecting. TTL and an LRU bound keep it
// small; a DurableJsonl file keeps it across restarts and shared between windows.
import type { GuardName, Usage } from '../events';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { sha256 } from '../hash';
import type { Embedder, SparseVector } from '../embed/types';
import { cosine } from '../embed/types';
import { DurableJsonl, YIELD_EVERY, yieldToEventLoop } from '../store/durableJsonl';
import { guardRefusal, guardsFor } from './guards';
import { VectorIndex } from './vectorIndex';

export interface CachedAnswer {
  id: string;
  namespace: string;
  request: string;
  answer: string;
  model: string;
  /** Usage of the call that produced the answer (for the naive-cost counterfactual of a hit). */
  usage: Usage;
  createdAt: number;
}

export interface LookupResult {
  hit: boolean;
  /** Similarity of the best match (hit or refused); null when the namespace is empty. */
  similarity: number | null;
  matched: CachedAnswer | null;
  guard: GuardName | null;
}

export interface SemanticCacheOptions {
  embedder: Embedder;
  /** Cosine similarity needed for a hit (default 0.90). */
  threshold?: number;
  /** Entry lifetime in ms (default 24 h). */
  ttlMs?: number;
  /** Most entries kept; least recently used go first (default 10,000). */
  maxEntries?: number;
  /** Persist to this JSONL file; memory only when omitted. */
  file?: string;
  clock?: Clock;
  warn?: (message: string) => void;
}

/** Candidates above the threshold checked against the guards before giving up. */
const CANDIDATES = 5;
/** How often (ms) to pick up entries other processes appended. */
const REFRESH_MS = 1000;

interface Entry extends CachedAnswer {
  embedder: string;
  vector: SparseVector;
  slot: number;
}

interface PutRecord {
  t: 'put';
  id: string;
  ns: string;
  e: string;
  q: string;
  a: string;
  m: string;
  u: Usage;
  at: number;
  v: { i: string; x: string };
}

/** The namespace for a static prefix, tier and prompt version; pass `prefixHash` if already computed. */
export function cacheNamespace(prefix: string, tier: string, promptVersion: string, prefixHash = sha256(prefix)): string {
  return `${prefixHash.slice(0, 16)}/${tier}/${promptVersion}`;
}

export class SemanticCache {
  readonly threshold: number;
  readonly embedder: Embedder;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: Clock;
  /** Recency order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private readonly indexes = new Map<string, { index: VectorIndex; slots: Map<number, string> }>();
  private readonly log: DurableJsonl | null;
  private fileRecords = 0;
  private lastRefresh = 0;
  /** Ids evicted since the last compaction, so compaction does not bring them back. */
  private readonly evictedIds = new Set<string>();

  private constructor(options: SemanticCacheOptions) {
    this.embedder = options.embedder;
    this.threshold = options.threshold ?? 0.9;
    this.ttlMs = options.ttlMs ?? 24 * 3600_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.clock = options.clock ?? systemClock;
    this.log = options.file
      ? new DurableJsonl(options.file, {
          header: { format: 'prompt-cost-lens/semantic-cache', version: 1 },
          warn: options.warn ?? (() => undefined),
        })
      : null;
  }

  /** Opens (and loads) a cache; a damaged file is quarantined by the store with a warning. */
  static async open(options: SemanticCacheOptions): Promise<SemanticCache> {
    const cache = new SemanticCache(options);
    if (cache.log) {
      const records = await cache.log.load();
      cache.fileRecords = records.length;
      for (let i = 0; i < records.length; i++) {
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
        cache.apply(records[i]);
      }
      cache.lastRefresh = cache.clock.now();
    }
    return cache;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Embeds `text` with the cache's embedder. */
  async embed(text: string, signal?: AbortSignal): Promise<SparseVector> {
    const [v] = await this.embedder.embed([text], signal);
    return v!;
  }

  /** Finds the best answer for `text` in `namespace`; pass `vector` if already embedded. */
  async lookup(namespace: string, text: string, vector?: SparseVector): Promise<LookupResult> {
    await this.refresh();
    const q = vector ?? (await this.embed(text));
    const space = this.indexes.get(this.spaceKey(namespace));
    const miss: LookupResult = { hit: false, similarity: null, matched: null, guard: null };
    if (!space) return miss;
    const now = this.clock.now();
    let first: LookupResult | null = null;
    let nearest: LookupResult | null = null;
    const refuse = guardsFor(text);
    for (const n of space.index.search(q, CANDIDATES, this.threshold)) {
      const entry = this.entries.get(space.slots.get(n.slot)!)!;
      if (now - entry.createdAt > this.ttlMs) {
        this.evict(entry);
        continue;
      }
      const similarity = Math.min(1, n.score);
      if (similarity < this.threshold) {
        nearest ??= { ...miss, similarity, matched: publicPart(entry) };
        continue;
      }
      const guard = refuse(entry.request);
      if (!guard) {
        this.touch(entry);
        return { hit: true, similarity, matched: publicPart(entry), guard: null };
      }
      first ??= { hit: false, similarity, matched: publicPart(entry), guard };
    }
    return first ?? nearest ?? miss;
  }

  /** Stores a complete answer durably; resolves once it is on disk (when persisted). */
  async put(namespace: string, request: string, answer: string, model: string, usage: Usage, vector?: SparseVector): Promise<CachedAnswer> {
    const v = vector ?? (await this.embed(request));
    const at = this.clock.now();
    const id = sha256(`${namespace}\u0000${request}\u0000${at}\u0000${Math.random()}`).slice(0, 24);
    if (this.log) {
      const record: PutRecord = {
        t: 'put', id, ns: namespace, e: this.embedder.id, q: request, a: answer, m: model, u: usage, at,
        v: { i: Buffer.from(v.idx.buffer, v.idx.byteOffset, v.idx.byteLength).toString('base64'), x: Buffer.from(v.val.buffer, v.val.byteOffset, v.val.byteLength).toString('base64') },
      };
      await this.log.append([record]);
      this.fileRecords++;
    }
    const entry = this.insert({ id, namespace, request, answer, model, usage, createdAt: at }, v);
    if (this.log && this.fileRecords > 2 * this.maxEntries + 1000) await this.compact();
    return publicPart(entry);
  }

  /** Similarity the embedder gives two texts and whether B would be served from A. */
  async compare(a: string, b: string): Promise<LookupResult> {
    const [va, vb] = await this.embedder.embed([a, b]);
    const similarity = Math.min(1, cosine(va!, vb!));
    const guard = similarity >= this.threshold ? guardRefusal(a, b) : null;
    return { hit: similarity >= this.threshold && !guard, similarity, matched: null, guard };
  }

  private spaceKey(namespace: string): string {
    return `${this.embedder.id}\u0000${namespace}`;
  }

  /** Adds a stored record to memory; ignores other embedders' and expired entries. */
  private apply(raw: unknown): Entry | null {
    const r = raw as PutRecord;
    if (r?.t !== 'put' || r.e !== this.embedder.id || this.entries.has(r.id)) return null;
    if (this.clock.now() - r.at > this.ttlMs) return null;
    const idx = Buffer.from(r.v.i, 'base64');
    const val = Buffer.from(r.v.x, 'base64');
    const vector: SparseVector = {
      idx: new Uint32Array(idx.buffer.slice(idx.byteOffset, idx.byteOffset + idx.byteLength)),
      val: new Float32Array(val.buffer.slice(val.byteOffset, val.byteOffset + val.byteLength)),
    };
    return this.insert({ id: r.id, namespace: r.ns, request: r.q, answer: r.a, model: r.m, usage: r.u, createdAt: r.at }, vector);
  }

  /** Indexes an entry as the most recently used, evicting the least recently used beyond the bound. */
  private insert(answer: CachedAnswer, vector: SparseVector): Entry {
    const key = this.spaceKey(answer.namespace);
    let space = this.indexes.get(key);
    if (!space) this.indexes.set(key, (space = { index: new VectorIndex(), slots: new Map() }));
    const slot = space.index.add(vector);
    space.slots.set(slot, answer.id);
    const entry: Entry = { ...answer, embedder: this.embedder.id, vector, slot };
    this.entries.set(answer.id, entry);
    while (this.entries.size > this.maxEntries) this.evict(this.entries.values().next().value!);
    return entry;
  }

  private touch(entry: Entry): void {
    this.entries.delete(entry.id);
    this.entries.set(entry.id, entry);
  }

  private evict(entry: Entry): void {
    this.entries.delete(entry.id);
    if (this.log) this.evictedIds.add(entry.id);
    const space = this.indexes.get(this.spaceKey(entry.namespace));
    if (!space) return;
    space.index.remove(entry.slot);
    space.slots.delete(entry.slot);
  }

  private async refresh(): Promise<void> {
    if (!this.log || this.clock.now() - this.lastRefresh < REFRESH_MS) return;
    this.lastRefresh = this.clock.now();
    const { records } = await this.log.readNew();
    this.fileRecords += records.length;
    records.forEach((r) => this.apply(r));
  }

  /**
   * Rewrites the file with the live entries. Entries another writer appended since our last read are
   * taken in first; entries this process evicted since the last compaction are left out.
   */
  private async compact(): Promise<void> {
    await this.log!.rewrite((records) => {
      const now = this.clock.now();
      for (const r of records) if (!this.evictedIds.has((r as PutRecord).id)) this.apply(r);
      const keep = records.filter((r) => {
        const p = r as PutRecord;
        if (p?.t !== 'put' || now - p.at > this.ttlMs) return false;
        return p.e === this.embedder.id ? this.entries.has(p.id) : true;
      });
      this.fileRecords = keep.length;
      this.evictedIds.clear();
      return keep;
    });
  }
}

function publicPart(e: Entry): CachedAnswer {
  return { id: e.id, namespace: e.namespace, request: e.request, answer: e.answer, model: e.model, usage: e.usage, createdAt: e.createdAt };
}
