// The cost model: what one request costs cold, when it writes the cache, when it reads it, and on
// average at a given request rate; plus break-even and the monthly projection.
import type { CacheRules, CostBreakdown, CostOptions, ModelPricing } from '../types';
import { DAYS_PER_MONTH, DEFAULT_OUTPUT_TOKENS } from '../defaults';
import { billTokens } from './bill';

export { billTokens, type BilledTokens } from './bill';
export { costFromUsage, InvalidUsageError, type NormalisedUsage } from './usage';

export interface CostInput {
  /** Tokens of the cacheable prefix as the analysis found it (before the provider's rules). */
  prefixTokens: number;
  /** Total input tokens of one request. */
  totalTokens: number;
  /** Output tokens the template asks for (`max_tokens`), if it says. */
  outputTokens?: number;
}

/**
 * Tokens the provider actually caches for a prefix of `prefixTokens`: nothing below the minimum or
 * without caching, otherwise rounded down to the provider's granularity (OpenAI: 128-token steps).
 */
export function cachedTokens(prefixTokens: number, rules: CacheRules): number {
  if (rules.mode === 'none' || prefixTokens < rules.minimumTokens || prefixTokens <= 0) return 0;
  const step = Math.max(1, rules.granularity);
  return Math.floor(prefixTokens / step) * step;
}

/** Probability that a request finds the prefix cached: 1 − e^(−λ·TTL), Poisson arrivals, TTL refreshed on every request. */
export function hitProbability(ratePerMinute: number, ttlSeconds: number): number {
  if (!(ratePerMinute > 0) || !(ttlSeconds > 0)) return 0;
  return 1 - Math.exp(-(ratePerMinute / 60) * ttlSeconds);
}

/**
 * Per-request and monthly cost of a prompt.
 *
 * - uncached: every input token at the input price.
 * - write: the first call, which writes the cached prefix (at the write price when the provider bills
 *   writes, else at the input price).
 * - warm: a call that reads the prefix from the cache.
 * - expected: p·warm + (1 − p)·write, with p the hit probability at `options.ratePerMinute` and the TTL
 *   (5 minutes, or the provider's long TTL when `options.ttl` is `1h` and it has one).
 * - breakEvenCalls: calls within one cache lifetime (the first one writing) after which caching has cost
 *   no more than not caching; 1 when writes carry no surcharge; null when nothing is cached or reads
 *   are not cheaper.
 * - monthly: expected × volume per day × 30 days (a stated month of 30 days).
 * Output tokens come from the template, else `options.outputTokens`, else DEFAULT_OUTPUT_TOKENS, and
 * the source is reported. The batch option halves every price.
 */
export function computeCost(input: CostInput, pricing: ModelPricing, rules: CacheRules, options: CostOptions): CostBreakdown {
  const total = Math.max(0, input.totalTokens);
  const cached = Math.min(cachedTokens(input.prefixTokens, rules), total);
  const [outputTokens, outputTokensSource] =
    input.outputTokens !== undefined
      ? [input.outputTokens, 'template' as const]
      : options.outputTokens !== undefined
        ? [options.outputTokens, 'option' as const]
        : [DEFAULT_OUTPUT_TOKENS, 'default' as const];

  const longTtl = options.ttl === '1h' && rules.longTtlSeconds !== undefined;
  const ttlSeconds = longTtl ? rules.longTtlSeconds! : rules.ttlSeconds;
  const rest = total - cached;
  const writeTokens = rules.billsWrites
    ? { uncached: rest, cacheRead: 0, cacheWrite5m: longTtl ? 0 : cached, cacheWrite1h: longTtl ? cached : 0 }
    : { uncached: total, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 };

  const bill = (tokens: Omit<Parameters<typeof billTokens>[1], 'output'>): number =>
    billTokens(pricing, { ...tokens, output: outputTokens }, options.batch);
  const uncached = bill({ uncached: total, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 });
  const write = bill(writeTokens);
  const warm = bill({ uncached: rest, cacheRead: cached, cacheWrite5m: 0, cacheWrite1h: 0 });
  const p = cached > 0 ? hitProbability(options.ratePerMinute, ttlSeconds) : 0;
  const expected = p * warm + (1 - p) * write;
  const perMonth = Math.max(0, options.volumePerDay) * DAYS_PER_MONTH;

  return {
    perRequest: { uncached, write, warm, expected },
    hitProbability: p,
    breakEvenCalls: breakEven(cached, uncached, write, warm),
    monthly: expected * perMonth,
    monthlyUncached: uncached * perMonth,
    outputTokens,
    outputTokensSource,
    cachedTokens: cached,
    daysPerMonth: DAYS_PER_MONTH,
  };
}

/** Smallest n with write + (n − 1)·warm ≤ n·uncached. */
function breakEven(cached: number, uncached: number, write: number, warm: number): number | null {
  const saving = uncached - warm;
  if (cached === 0 || !(saving > 0)) return null;
  const surcharge = write - uncached;
  if (surcharge <= 0) return 1;
  // Guard against float noise turning an exact multiple into one call more.
  return 1 + Math.ceil(surcharge / saving - 1e-9);
}
