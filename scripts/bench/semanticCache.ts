// Semantic cache: lookup time at 10,000 and 100,000 entries (embedding the query included), recall@1
// of the index against brute-force cosine, and load time and heap of a persisted 100,000-entry store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lexicalEmbedder, lexicalVector } from '../../src/pipeline/embed/lexical';
import { cosine } from '../../src/pipeline/embed/types';
import { cacheNamespace, SemanticCache } from '../../src/pipeline/semantic/cache';
import { VectorIndex } from '../../src/pipeline/semantic/vectorIndex';
import { stats, type BenchRow, type BenchSection } from './types';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const THRESHOLD = 0.9;
const NS = cacheNamespace('You are the support assistant for Acme.', 'small', '1');
const USAGE = { input: 20, cacheWrite: 0, cacheRead: 1800, output: 120 };

// Realistic support requests: shared wording, varying products, numbers and names.
const VERBS = ['Where is', 'Cancel', 'Track', 'Refund', 'Change the address of', 'Explain the charge on', 'Upgrade', 'Reset the password for', 'Summarize the ticket about', 'Translate the note on'];
const THINGS = ['order', 'invoice', 'subscription', 'shipment', 'account', 'booking', 'return', 'warranty claim', 'gift card', 'payment'];
const WORDS = 'blue red fast late broken missing double wrong early weekend express premium basic annual monthly family student business'.split(' ');

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same requests. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticRequests(n: number, seed = 1): string[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => `${pick(VERBS)} my ${pick(WORDS)} ${pick(THINGS)} ${1000 + i} from ${pick(WORDS)} ${pick(WORDS)} customer please`);
}

async function filled(n: number, file?: string): Promise<{ cache: SemanticCache; texts: string[] }> {
  const cache = await SemanticCache.open({ embedder: lexicalEmbedder, maxEntries: n, file });
  const texts = syntheticRequests(n);
  for (const t of texts) await cache.put(NS, t, `answer to ${t}`, 'claude-haiku-4-5', USAGE, lexicalVector(t));
  return { cache, texts };
}

async function lookupRows(n: number, target: number, section: string): Promise<BenchRow[]> {
  const { cache, texts } = await filled(n);
  // Queries: half paraphrases of stored requests (hits), half unseen requests (misses).
  const r = rng(7);
  const queries = Array.from({ length: 400 }, (_, i) => (i % 2 ? texts[Math.floor(r() * texts.length)]!.toLowerCase().replace(' please', '') : syntheticRequests(1, 10_000 + i)[0]!));
  for (const q of queries.slice(0, 50)) await cache.lookup(NS, q);
  const samples: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await cache.lookup(NS, q);
    samples.push(performance.now() - t0);
  }
  const s = stats(samples);
  return [{ section, name: `lookup among ${n.toLocaleString('en')} entries (embedding + index + guards)`, ...s, unit: 'ms', target: `p95 ≤ ${target} ms`, met: s.p95 <= target }];
}

/**
 * recall@1 of the thresholded search (the one lookups use) against brute-force cosine: over queries
 * whose true nearest is at or above the threshold (the hit/miss decision) and over all queries.
 */
function recallAt1(n: number, section: string): BenchRow[] {
  const texts = syntheticRequests(n);
  const vectors = texts.map(lexicalVector);
  const index = new VectorIndex();
  vectors.forEach((v) => index.add(v));
  const queries = Array.from({ length: 400 }, (_, i) => (i % 2 ? texts[(i * 7919) % n]!.toLowerCase().replace(' please', '') : syntheticRequests(1, 20_000 + i)[0]!)).map(lexicalVector);
  let above = 0;
  let agreeAbove = 0;
  let agree = 0;
  for (const q of queries) {
    let bestScore = -Infinity;
    for (const v of vectors) bestScore = Math.max(bestScore, cosine(q, v));
    const got = index.search(q, 1, THRESHOLD)[0];
    const ok = got !== undefined && Math.abs(got.score - bestScore) < 1e-6;
    if (ok) agree++;
    if (bestScore >= THRESHOLD) {
      above++;
      if (ok) agreeAbove++;
    }
  }
  const decision = agreeAbove / above;
  const all = agree / queries.length;
  return [
    { section, name: `recall@1 vs brute force, queries with a match ≥ ${THRESHOLD} (${above} of ${queries.length}, ${n.toLocaleString('en')} entries)`, median: decision, p95: decision, unit: 'ratio', target: '≥ 0.99', met: decision >= 0.99 },
    { section, name: 'recall@1 vs brute force, all queries (nearest misses included)', median: all, p95: all, unit: 'ratio', note: 'below the threshold only the displayed nearest miss depends on it' },
  ];
}

async function storeRows(n: number, section: string): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pcl-bench-cache-'));
  const file = join(dir, 'cache.jsonl');
  try {
    // Written in batches so the bench does not measure 100,000 fsyncs.
    const writer = await SemanticCache.open({ embedder: lexicalEmbedder, maxEntries: n, file });
    const texts = syntheticRequests(n);
    for (let i = 0; i < texts.length; i += 1000) {
      await Promise.all(texts.slice(i, i + 1000).map((t) => writer.put(NS, t, `answer to ${t}`, 'claude-haiku-4-5', USAGE)));
    }
    gc();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const loaded = await SemanticCache.open({ embedder: lexicalEmbedder, maxEntries: n, file });
    const loadMs = performance.now() - t0;
    gc();
    const after = process.memoryUsage();
    const mb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1e6;
    if (loaded.size !== n) throw new Error(`loaded ${loaded.size} of ${n}`);
    return [
      { section, name: `load a persisted ${n.toLocaleString('en')}-entry store`, median: loadMs, p95: loadMs, unit: 'ms' },
      { section, name: `heap held by a loaded ${n.toLocaleString('en')}-entry store`, median: mb, p95: mb, unit: 'MB', target: '≤ 500 MB (stated bound)', met: mb <= 500 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const semanticCache: BenchSection = {
  name: 'pipeline: semantic cache',
  async run() {
    return [
      ...(await lookupRows(10_000, 1, this.name)),
      ...(await lookupRows(100_000, 10, this.name)),
      ...recallAt1(20_000, this.name),
      ...(await storeRows(100_000, this.name)),
    ];
  },
};
