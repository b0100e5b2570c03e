import { strict as assert } from 'node:assert';
import { calcPrice } from '@pydantic/genai-prices';
import { cachedTokens, computeCost, costFromUsage, hitProbability, InvalidUsageError } from '../../../src/core/cost';
import { getModelPricing, UnknownModelError } from '../../../src/core/pricing';
import { getCacheRules } from '../../../src/core/cache/rules';
import { DEFAULT_OUTPUT_TOKENS } from '../../../src/core/defaults';
import type { CostOptions } from '../../../src/core/types';

const options: CostOptions = { ratePerMinute: 10, volumePerDay: 1000, ttl: '5m', batch: false };
const near = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} ≉ ${b}`);

/** calcPrice with genai-prices' own convention (total input), used as the independent oracle. */
function oracle(model: string, usage: { total: number; read?: number; write?: number; write1h?: number; output: number }): number {
  const result = calcPrice(
    {
      input_tokens: usage.total,
      cache_read_tokens: usage.read ?? 0,
      cache_write_tokens: (usage.write ?? 0) + (usage.write1h ?? 0),
      ...(usage.write1h ? { cache_write_1h_tokens: usage.write1h } : {}),
      output_tokens: usage.output,
    },
    model,
    { providerId: getModelPricing(model).provider },
  );
  assert.ok(result);
  return result.total_price;
}

describe('cost: usage normalisation (input = uncached only)', () => {
  it("bills Anthropic usage {input 10k, write 2k, read 8k, out 500} on Sonnet 4.5 at $0.0474, not the under-billed $0.0174", () => {
    const usd = costFromUsage({ input: 10_000, cacheWrite: 2000, cacheRead: 8000, output: 500 }, 'claude-sonnet-4-5');
    near(usd, 0.0474, 1e-9);
    assert.ok(Math.abs(usd - 0.0174) > 0.01);
  });

  it('bills OpenAI usage (prompt 10k with 4,096 cached → input 5,904) on gpt-4.1 at $0.017856', () => {
    near(costFromUsage({ input: 10_000 - 4096, cacheWrite: 0, cacheRead: 4096, output: 500 }, 'gpt-4.1'), 0.017856, 1e-9);
  });

  it('bills 1-hour writes at the 1-hour price', () => {
    const both = costFromUsage({ input: 100, cacheWrite: 3000, cacheWrite1h: 1000, cacheRead: 0, output: 0 }, 'claude-haiku-4-5');
    const p = getModelPricing('claude-haiku-4-5');
    near(both, (100 * p.input + 2000 * p.cacheWrite5m + 1000 * p.cacheWrite1h) / 1e6, 1e-9);
  });

  it('uses override prices when the model has one, and halves for batch', () => {
    const usage = { input: 1_000_000, cacheWrite: 0, cacheRead: 0, output: 0 };
    near(costFromUsage(usage, 'gpt-4o', { overrides: { 'gpt-4o': { input: 1 } } }), 1);
    near(costFromUsage(usage, 'gpt-4o', { batch: true }), getModelPricing('gpt-4o').input / 2);
  });

  it('rejects impossible usage and unknown models with typed errors', () => {
    assert.throws(() => costFromUsage({ input: -1, cacheWrite: 0, cacheRead: 0, output: 0 }, 'gpt-4o'), InvalidUsageError);
    assert.throws(() => costFromUsage({ input: 1, cacheWrite: 1, cacheWrite1h: 2, cacheRead: 0, output: 0 }, 'claude-sonnet-4-5'), InvalidUsageError);
    assert.throws(() => costFromUsage({ input: 1, cacheWrite: 0, cacheRead: 0, output: 0 }, 'no-such-model'), UnknownModelError);
  });
});

describe('cost: cached tokens after the provider rules', () => {
  it('OpenAI caches in 128-token steps from 1,024', () => {
    const rules = getCacheRules('gpt-4o');
    assert.equal(cachedTokens(1023, rules), 0);
    assert.equal(cachedTokens(1024, rules), 1024);
    assert.equal(cachedTokens(1151, rules), 1024);
    assert.equal(cachedTokens(1152, rules), 1152);
    assert.equal(cachedTokens(5000, rules), 4992);
  });

  it('GPT-5.6 caches the exact boundary', () => {
    assert.equal(cachedTokens(1500, getCacheRules('gpt-5.6-sol')), 1500);
  });

  it('below the minimum nothing is cached, so write = warm = uncached', () => {
    const model = 'claude-haiku-4-5'; // minimum 4,096
    const cost = computeCost({ prefixTokens: 4095, totalTokens: 5000 }, getModelPricing(model), getCacheRules(model), options);
    assert.equal(cost.cachedTokens, 0);
    assert.equal(cost.hitProbability, 0);
    assert.equal(cost.breakEvenCalls, null);
    assert.equal(cost.perRequest.write, cost.perRequest.uncached);
    assert.equal(cost.perRequest.expected, cost.perRequest.uncached);
  });
});

describe('cost: per-request, expected and monthly', () => {
  const model = 'claude-sonnet-4-5';
  const pricing = getModelPricing(model);
  const rules = getCacheRules(model);

  it('uncached, write and warm equal calcPrice for the same usage', () => {
    const c = computeCost({ prefixTokens: 3000, totalTokens: 4000, outputTokens: 200 }, pricing, rules, options);
    near(c.perRequest.uncached, oracle(model, { total: 4000, output: 200 }), 1e-9);
    near(c.perRequest.write, oracle(model, { total: 4000, write: 3000, output: 200 }), 1e-9);
    near(c.perRequest.warm, oracle(model, { total: 4000, read: 3000, output: 200 }), 1e-9);
    const hour = computeCost({ prefixTokens: 3000, totalTokens: 4000, outputTokens: 200 }, pricing, rules, { ...options, ttl: '1h' });
    near(hour.perRequest.write, oracle(model, { total: 4000, write1h: 3000, output: 200 }), 1e-9);
  });

  it('GPT-5.6 bills the first call\'s cache write at the price data\'s write rate (1.25x input)', () => {
    const model = 'gpt-5.6-sol';
    const p = getModelPricing(model);
    near(p.cacheWrite5m, 1.25 * p.input);
    const c = computeCost({ prefixTokens: 3000, totalTokens: 4000, outputTokens: 100 }, p, getCacheRules(model), options);
    near(c.perRequest.write, oracle(model, { total: 4000, write: 3000, output: 100 }), 1e-9);
    assert.ok(c.perRequest.write > c.perRequest.uncached);
  });

  it('applies the long-context tier to the whole request, like calcPrice', () => {
    const c = computeCost({ prefixTokens: 150_000, totalTokens: 250_000, outputTokens: 1000 }, pricing, rules, options);
    near(c.perRequest.warm, oracle(model, { total: 250_000, read: 150_000, output: 1000 }), 1e-9);
    const gpt = getModelPricing('gpt-5.5');
    const g = computeCost({ prefixTokens: 200_000, totalTokens: 300_000, outputTokens: 10 }, gpt, getCacheRules('gpt-5.5'), options);
    near(g.perRequest.warm, oracle('gpt-5.5', { total: 300_000, read: 199_936, output: 10 }), 1e-9);
  });

  it('expected cost mixes warm and write with hit probability 1 − e^(−λ·TTL)', () => {
    const slow = { ...options, ratePerMinute: 0.2 };
    const c = computeCost({ prefixTokens: 3000, totalTokens: 4000 }, pricing, rules, slow);
    const p = 1 - Math.exp(-(0.2 / 60) * 300);
    near(c.hitProbability, p);
    near(c.perRequest.expected, p * c.perRequest.warm + (1 - p) * c.perRequest.write);
    assert.ok(c.perRequest.warm < c.perRequest.expected && c.perRequest.expected < c.perRequest.write);
    const hour = computeCost({ prefixTokens: 3000, totalTokens: 4000 }, pricing, rules, { ...slow, ttl: '1h' });
    near(hour.hitProbability, 1 - Math.exp(-(0.2 / 60) * 3600));
  });

  it('monthly = expected × volume per day × 30 days; batch halves everything', () => {
    const c = computeCost({ prefixTokens: 3000, totalTokens: 4000 }, pricing, rules, options);
    near(c.monthly, c.perRequest.expected * 1000 * 30);
    near(c.monthlyUncached, c.perRequest.uncached * 1000 * 30);
    assert.equal(c.daysPerMonth, 30);
    const b = computeCost({ prefixTokens: 3000, totalTokens: 4000 }, pricing, rules, { ...options, batch: true });
    near(b.perRequest.expected, c.perRequest.expected / 2);
  });

  it('break-even: the smallest n with write + (n−1)·warm ≤ n·uncached', () => {
    for (const ttl of ['5m', '1h'] as const) {
      const c = computeCost({ prefixTokens: 3000, totalTokens: 4000 }, pricing, rules, { ...options, ttl });
      const n = c.breakEvenCalls;
      assert.ok(n !== null);
      const { write, warm, uncached } = c.perRequest;
      assert.ok(write + (n - 1) * warm <= n * uncached + 1e-12, `${ttl}: pays back after ${n}`);
      assert.ok(!(write + (n - 2) * warm <= (n - 1) * uncached), `${ttl}: not after ${n - 1}`);
    }
    // OpenAI before GPT-5.6 bills no write surcharge: caching pays from the first call.
    const o = computeCost({ prefixTokens: 2048, totalTokens: 3000 }, getModelPricing('gpt-4o'), getCacheRules('gpt-4o'), options);
    assert.equal(o.breakEvenCalls, 1);
  });

  it('states where the output token count came from', () => {
    const input = { prefixTokens: 0, totalTokens: 100 };
    assert.deepEqual(pick(computeCost({ ...input, outputTokens: 42 }, pricing, rules, { ...options, outputTokens: 7 })), [42, 'template']);
    assert.deepEqual(pick(computeCost(input, pricing, rules, { ...options, outputTokens: 7 })), [7, 'option']);
    assert.deepEqual(pick(computeCost(input, pricing, rules, options)), [DEFAULT_OUTPUT_TOKENS, 'default']);
  });

  it('the hit probability matches a simulation of Poisson arrivals with a TTL refreshed by every request', () => {
    // Deterministic LCG so the check is reproducible.
    let seed = 42;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) + 0.5) / 2 ** 32;
    for (const [ratePerMinute, ttlSeconds] of [[0.5, 300], [2, 60], [0.05, 3600]] as const) {
      const lambda = ratePerMinute / 60;
      let now = 0;
      let expiresAt = -Infinity;
      let hits = 0;
      const n = 20_000;
      for (let i = 0; i < n; i++) {
        now += -Math.log(random()) / lambda;
        if (now < expiresAt) hits++;
        expiresAt = now + ttlSeconds; // a miss writes, a hit refreshes: either way the entry lives on
      }
      assert.ok(Math.abs(hits / n - hitProbability(ratePerMinute, ttlSeconds)) < 0.015, `${ratePerMinute}/min, ${ttlSeconds}s`);
    }
  });

  it('hit probability is 0 without rate or TTL', () => {
    assert.equal(hitProbability(0, 300), 0);
    assert.equal(hitProbability(5, 0), 0);
  });
});

function pick(c: { outputTokens: number; outputTokensSource: string }): [number, string] {
  return [c.outputTokens, c.outputTokensSource];
}
