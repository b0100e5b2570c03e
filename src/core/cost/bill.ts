// Billing a set of token counts against resolved per-MTok prices, with the long-context cliff rule.
import type { ModelPricing } from '../types';
import { BATCH_DISCOUNT } from '../defaults';

/** Tokens of one request split by how they are billed. All input buckets are disjoint. */
export interface BilledTokens {
  /** Input tokens billed at the plain input price. */
  uncached: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  output: number;
}

/**
 * USD for one request. The tier is chosen by the request's TOTAL input (uncached + cache read + cache
 * writes), and once crossed applies to every token, as in `@pydantic/genai-prices`.
 */
export function billTokens(pricing: ModelPricing, tokens: BilledTokens, batch = false): number {
  const totalInput = tokens.uncached + tokens.cacheRead + tokens.cacheWrite5m + tokens.cacheWrite1h;
  const p = pricesFor(pricing, totalInput);
  const usd =
    (tokens.uncached * p.input +
      tokens.cacheRead * p.cacheRead +
      tokens.cacheWrite5m * p.cacheWrite5m +
      tokens.cacheWrite1h * p.cacheWrite1h +
      tokens.output * p.output) /
    1_000_000;
  return batch ? usd * BATCH_DISCOUNT : usd;
}

/** The flat or tiered prices that apply to a request with `totalInput` input tokens. */
function pricesFor(pricing: ModelPricing, totalInput: number): Omit<ModelPricing, 'longContext'> {
  let selected: Omit<ModelPricing, 'longContext'> = pricing;
  for (const tier of pricing.longContext ?? []) {
    if (totalInput > tier.above) selected = { ...pricing, ...tier };
  }
  return selected;
}
