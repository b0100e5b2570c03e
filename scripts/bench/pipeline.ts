// Pipeline overhead: everything a run does except the model call (render is done by the caller;
// routing, embedding, semantic-cache lookup among 10,000 entries, budget, accounting, cache write),
// measured with a provider that answers instantly. The call log is off here: its fsync is disk time.
import { createPipeline } from '../../src/pipeline';
import { lexicalEmbedder } from '../../src/pipeline/embed/lexical';
import type { ModelProvider } from '../../src/pipeline/providers/types';
import { requestFromParts } from '../../src/pipeline/request';
import { cacheNamespace, SemanticCache } from '../../src/pipeline/semantic/cache';
import { staticPrefix } from '../../src/pipeline/request';
import { syntheticRequests } from './semanticCache';
import { stats, type BenchSection } from './types';

const SYSTEM = 'You are the support assistant for Acme. Answer in two sentences. '.repeat(40);

/** Answers at once with fixed usage, so only the pipeline's own work is timed. */
const instant: ModelProvider = {
  kind: 'anthropic',
  simulated: true,
  endpoint: 'bench',
  async call(_req, o) {
    const usage = { input: 12, cacheWrite: 0, cacheRead: 900, output: 40 };
    o.onUsage(usage);
    o.onText('A short answer.');
    return { text: 'A short answer.', usage, requestId: null, stopReason: 'end_turn' };
  },
};

export const pipelineOverhead: BenchSection = {
  name: 'pipeline: overhead',
  async run() {
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder, maxEntries: 20_000 });
    const prefix = staticPrefix(requestFromParts({ system: SYSTEM, user: '' }));
    for (const tier of ['small', 'frontier']) {
      const ns = cacheNamespace(prefix, tier, '1');
      for (const t of syntheticRequests(5_000, tier === 'small' ? 3 : 4)) await cache.put(ns, t, `answer to ${t}`, 'claude-haiku-4-5', { input: 12, cacheWrite: 0, cacheRead: 900, output: 40 });
    }
    const pipeline = createPipeline({ provider: instant, tiers: [{ name: 'small', model: 'claude-haiku-4-5' }, { name: 'frontier', model: 'claude-sonnet-4-6' }], semanticCache: cache });
    const misses = syntheticRequests(600, 11);
    const time = async (texts: string[]) => {
      const samples: number[] = [];
      for (const user of texts) {
        const t0 = performance.now();
        await pipeline.run({ request: requestFromParts({ system: SYSTEM, user }) });
        samples.push(performance.now() - t0);
      }
      return stats(samples.slice(100));
    };
    const miss = await time(misses);
    // The same requests again: now semantic-cache hits.
    const hit = await time(misses);
    return [
      { section: this.name, name: 'run, semantic-cache miss (route, embed, lookup in 10,000, budget, call stub, pricing, cache write)', ...miss, unit: 'ms', target: 'p95 ≤ 5 ms', met: miss.p95 <= 5 },
      { section: this.name, name: 'run, semantic-cache hit', ...hit, unit: 'ms', target: 'p95 ≤ 5 ms', met: hit.p95 <= 5 },
    ];
  },
};
