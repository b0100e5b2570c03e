// Cost of a request from the usage the provider reported, for the pipeline's accounting.
import type { PriceOverride } from '../types';
import { getModelPricing } from '../pricing';
import { genaiPrices } from '../pricing/catalogue';
import { billTokens } from './bill';
import { BATCH_DISCOUNT } from '../defaults';

/**
 * Usage normalised across providers. `input` is the UNCACHED input only, as Anthropic's `input_tokens`
 * means it; for OpenAI pass `prompt_tokens − cached_tokens` (minus `cache_write_tokens` on GPT-5.6+,
 * which bills them separately), for Gemini `promptTokenCount − cachedContentTokenCount`. `cacheWrite` counts all cache-write tokens (5-minute and 1-hour);
 * `cacheWrite1h` is the part of them written with the 1-hour TTL.
 */
export interface NormalisedUsage {
  input: number;
  cacheWrite: number;
  cacheWrite1h?: number;
  cacheRead: number;
  output: number;
}

/** The usage numbers cannot be billed (negative, not finite, or 1-hour writes above all writes). */
export class InvalidUsageError extends Error {
  constructor(message: string) {
    super(`invalid usage: ${message}`);
    this.name = 'InvalidUsageError';
  }
}

/**
 * USD for one request's reported usage. Catalogue models are priced by `@pydantic/genai-prices`'
 * `calcPrice`, which expects TOTAL input tokens (uncached + cache reads + cache writes): passing the
 * uncached count there under-bills every cached request (the "0.0174 instead of 0.0474" mistake), so
 * the conversion happens here and nowhere else. A model with a price override is billed from the
 * overridden prices with the same rules.
 *
 * @throws UnknownModelError for a model neither the catalogue nor an override prices.
 * @throws InvalidUsageError for impossible usage numbers.
 */
export function costFromUsage(
  usage: NormalisedUsage,
  model: string,
  options: { overrides?: Readonly<Record<string, PriceOverride>>; batch?: boolean } = {},
): number {
  const { input, cacheWrite, cacheRead, output } = usage;
  const cacheWrite1h = usage.cacheWrite1h ?? 0;
  for (const [key, value] of Object.entries({ input, cacheWrite, cacheWrite1h, cacheRead, output })) {
    if (!Number.isFinite(value) || value < 0) throw new InvalidUsageError(`${key} is ${value}, not a token count`);
  }
  if (cacheWrite1h > cacheWrite) {
    throw new InvalidUsageError(`cacheWrite1h (${cacheWrite1h}) exceeds cacheWrite (${cacheWrite})`);
  }
  // Resolves (or rejects) the id exactly as everywhere else, before any pricing happens.
  const pricing = getModelPricing(model, options.overrides);
  const billed = { uncached: input, cacheRead, cacheWrite5m: cacheWrite - cacheWrite1h, cacheWrite1h, output };
  const overridden = options.overrides?.[model.trim()] !== undefined || options.overrides?.[model] !== undefined;
  if (overridden) return billTokens(pricing, billed, options.batch);

  const result = genaiPrices().calcPrice(
    {
      input_tokens: input + cacheWrite + cacheRead,
      cache_read_tokens: cacheRead,
      cache_write_tokens: cacheWrite,
      ...(cacheWrite1h > 0 ? { cache_write_1h_tokens: cacheWrite1h } : {}),
      output_tokens: output,
    },
    model.trim(),
    { providerId: pricing.provider },
  );
  // getModelPricing found the model, so the library does too; fall back to the same prices regardless.
  const usd = result ? result.total_price : billTokens(pricing, billed);
  return options.batch ? usd * BATCH_DISCOUNT : usd;
}
