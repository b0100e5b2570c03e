// `npm run stress`: the long versions of the load and crash tests (not part of `npm test`).
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipeline } from '../../../src/pipeline';
import { lexicalEmbedder, lexicalVector } from '../../../src/pipeline/embed/lexical';
import { createAnthropicProvider } from '../../../src/pipeline/providers/anthropic';
import { ANTHROPIC_TIERS } from '../../../src/pipeline/providers/create';
import { requestFromParts } from '../../../src/pipeline/request';
import { SemanticCache } from '../../../src/pipeline/semantic/cache';
import { createSimulatorFetch } from '../../../src/simulator';

/** The memory bound stated for a 100,000-entry semantic cache (heap + typed arrays). */
const CACHE_BOUND_MB = 500;

describe('pipeline stress', function () {
  this.timeout(900_000);

  it('loads, serves and evicts a 100,000-entry persisted cache within the memory bound', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pcl-stress-')), 'cache.jsonl');
    const n = 100_000;
    const writer = await SemanticCache.open({ embedder: lexicalEmbedder, maxEntries: n, file });
    const text = (i: number) => `question ${i} about the order of customer${i % 977} shipped from warehouse ${i % 13}`;
    for (let i = 0; i < n; i += 2000) {
      await Promise.all(Array.from({ length: 2000 }, (_, k) => writer.put('ns', text(i + k), `answer ${i + k}`, 'm', { input: 1, cacheWrite: 0, cacheRead: 0, output: 1 }, lexicalVector(text(i + k)))));
    }
    const before = process.memoryUsage();
    const started = Date.now();
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder, maxEntries: n, file });
    const loadMs = Date.now() - started;
    const after = process.memoryUsage();
    const mb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1e6;
    console.log(`      100,000 entries: loaded in ${loadMs} ms, +${mb.toFixed(0)} MB`);
    assert.equal(cache.size, n);
    assert.ok(mb < CACHE_BOUND_MB, `${mb} MB`);
    for (const i of [0, 4242, 99_999]) assert.equal((await cache.lookup('ns', text(i))).matched?.answer, `answer ${i}`);
    // Ten thousand more: the least recently used go, the size stays bounded.
    for (let i = n; i < n + 10_000; i += 2000) {
      await Promise.all(Array.from({ length: 2000 }, (_, k) => cache.put('ns', text(i + k), `answer ${i + k}`, 'm', { input: 1, cacheWrite: 0, cacheRead: 0, output: 1 })));
    }
    assert.equal(cache.size, n);
    assert.equal((await cache.lookup('ns', text(n + 9_999))).hit, true);
  });

  it('keeps accounting exact over 2,000 concurrent runs', async () => {
    const fetch = createSimulatorFetch({ latencyScale: 0 });
    const p = createPipeline({ provider: createAnthropicProvider({ apiKey: 'sim-key-123456', baseURL: 'http://sim.invalid', fetch, simulated: true }), tiers: ANTHROPIC_TIERS, budgetUSD: 1000 });
    const results = await Promise.all(Array.from({ length: 2000 }, (_, i) => p.run({ request: requestFromParts({ system: 'Policy. '.repeat(300), user: `Where is order ${i}?` }) })));
    const sum = results.reduce((s, r) => s + r.costUSD!, 0);
    assert.ok(Math.abs(sum - p.budget.spentUSD) < 1e-9);
  });
});
