// Model prices, read from `@pydantic/genai-prices` (no hand-written table) and optionally overridden by
// the user. Everything is USD per million tokens, resolved for today's date (the library keeps dated
// price changes), with long-context tiers kept so a request is billed on the tier its size selects.
import type { ModelPricing, PriceOverride } from '../types';
import { genaiPrices, PRICE_SOURCE, PRICED_PROVIDERS, type ModelInfo, type ModelPrice } from './catalogue';
import { closestIds } from './similar';
import { checkPriceOverride, PriceOverrideError } from './overrides';

export { PRICE_DATA_VERSION, PRICE_SOURCE } from './catalogue';
export { checkPriceOverride, validatePriceOverrides, PriceOverrideError } from './overrides';

/** The model id is not in the price data (and no override prices it). */
export class UnknownModelError extends Error {
  constructor(
    readonly model: string,
    readonly suggestions: string[],
  ) {
    super(
      `unknown model "${model}"` +
        (suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '; no similar model in the price data') +
        ` (prices from ${PRICE_SOURCE})`,
    );
    this.name = 'UnknownModelError';
  }
}

/**
 * Prices for `model` in USD per million tokens.
 *
 * Catalogue prices come from `@pydantic/genai-prices`; a missing cache price means the provider gives no
 * cache discount (read = input) or no write surcharge (write = input). An entry in `overrides` keyed by
 * the model id replaces the fields it names and drops the catalogue's long-context tiers (they would no
 * longer match); it can also price a model the catalogue does not know, given at least input and output.
 *
 * @throws UnknownModelError when neither the catalogue nor an override prices the model.
 * @throws PriceOverrideError when the override for this model is malformed (validate settings first
 *   with `validatePriceOverrides` to report problems without throwing).
 */
export function getModelPricing(model: string, overrides?: Readonly<Record<string, PriceOverride>>): ModelPricing {
  const id = model.trim();
  const override = overrides?.[id] ?? overrides?.[model];
  if (override !== undefined) {
    const problem = checkPriceOverride(override);
    if (problem) throw new PriceOverrideError(id, problem);
  }
  const catalogue = catalogueEntry(id);
  if (!catalogue) {
    if (override?.input !== undefined && override.output !== undefined) return customPricing(id, override);
    throw new UnknownModelError(id, closestIds(id, catalogueIds()));
  }
  const base = pricingFromModelPrice(id, catalogue.provider, catalogue.prices);
  if (!override) return base;
  const pricing: ModelPricing = { ...base, ...override, source: `${PRICE_SOURCE} + override (${Object.keys(override).join(', ')})` };
  delete pricing.longContext;
  return pricing;
}

/**
 * Every model of the picker's providers (Anthropic, OpenAI, Google) that has per-token text prices,
 * in catalogue order. Deprecated entries and audio/image/embedding-only models are left out.
 */
export function listPricedModels(): ModelPricing[] {
  const result: ModelPricing[] = [];
  const seen = new Set<string>();
  for (const providerId of PRICED_PROVIDERS) {
    for (const info of providerModels(providerId)) {
      if (info.deprecated || seen.has(info.id)) continue;
      const entry = catalogueEntry(info.id);
      // Vertex lists some Claude models under Google; each model appears once, under its maker.
      if (!entry || entry.provider !== providerId || entry.modelId !== info.id) continue;
      if (typeof entry.prices.input_mtok === 'undefined' || typeof entry.prices.output_mtok === 'undefined') continue;
      seen.add(info.id);
      result.push(pricingFromModelPrice(info.id, providerId, entry.prices));
    }
  }
  return result;
}

interface CatalogueEntry {
  provider: string;
  modelId: string;
  prices: ModelPrice;
}

/**
 * Resolves an id the way `calcPrice` does (same provider detection, same matching, today's dated price),
 * but refuses a match that only holds because the library's `starts_with` patterns accept a newer
 * version number: `claude-sonnet-5-5` must not be silently priced as `claude-sonnet-5`.
 */
function catalogueEntry(model: string): CatalogueEntry | undefined {
  // Resolving walks the library's whole provider list and allocates on every call; the pipeline prices
  // each request, so results are kept per id for the day (dated prices can change at midnight UTC).
  const day = Math.floor(Date.now() / 86_400_000);
  if (day !== entriesDay) {
    entries.clear();
    entriesDay = day;
  }
  if (entries.has(model)) return entries.get(model);
  const entry = resolveCatalogueEntry(model);
  entries.set(model, entry);
  return entry;
}

const entries = new Map<string, CatalogueEntry | undefined>();
let entriesDay = -1;

function resolveCatalogueEntry(model: string): CatalogueEntry | undefined {
  const lib = genaiPrices();
  const provider = lib.findProvider({ modelId: model });
  if (!provider) return undefined;
  // Unit usage: only the resolved `model_price` is used, not the price of this usage.
  const result = lib.calcPrice({ input_tokens: 1, output_tokens: 1 }, model, { providerId: provider.id });
  if (!result) return undefined;
  if (extendsVersion(result.model, model)) return undefined;
  return { provider: result.provider.id, modelId: result.model.id, prices: result.model_price };
}

/** True when `id` matched only a `starts_with` pattern followed by a further version number. */
function extendsVersion(info: ModelInfo, id: string): boolean {
  const lower = id.toLowerCase();
  const prefixes: string[] = [];
  const walk = (m: unknown): void => {
    if (typeof m !== 'object' || m === null) return;
    const logic = m as Record<string, unknown>;
    if (typeof logic.equals === 'string' && logic.equals.toLowerCase() === lower) prefixes.push(lower);
    if (typeof logic.starts_with === 'string' && lower.startsWith(logic.starts_with.toLowerCase())) {
      prefixes.push(logic.starts_with.toLowerCase());
    }
    for (const key of ['or', 'and'] as const) if (Array.isArray(logic[key])) (logic[key] as unknown[]).forEach(walk);
  };
  walk(info.match);
  if (prefixes.length === 0) return false;
  const longest = prefixes.reduce((a, b) => (b.length > a.length ? b : a));
  // A one- or two-digit component right after the pattern is another model version; dates and
  // suffixes such as `-20250929`, `-latest` or `-mini` are not.
  return /^[-.]\d{1,2}(?!\d)/.test(lower.slice(longest.length));
}

function providerModels(providerId: string): ModelInfo[] {
  return genaiPrices().findProvider({ providerId })?.models ?? [];
}

function catalogueIds(): string[] {
  return PRICED_PROVIDERS.flatMap((p) => providerModels(p).map((m) => m.id));
}

type PriceFields = Omit<ModelPricing, 'model' | 'provider' | 'source' | 'longContext'>;

function pricingFromModelPrice(model: string, provider: string, prices: ModelPrice): ModelPricing {
  const at = (tokens: number): PriceFields => fieldsAt(prices, tokens);
  const starts = new Set<number>();
  for (const value of Object.values(prices)) {
    if (typeof value === 'object') for (const tier of value.tiers) starts.add(tier.start);
  }
  const pricing: ModelPricing = { model, provider, ...at(0), source: PRICE_SOURCE };
  if (starts.size) {
    pricing.longContext = [...starts].sort((a, b) => a - b).map((above) => ({ above, ...at(above + 1) }));
  }
  return pricing;
}

/** Per-MTok prices for a request of `inputTokens` total input, as genai-prices' tier rule selects them. */
function fieldsAt(prices: ModelPrice, inputTokens: number): PriceFields {
  const price = (key: string): number | undefined => {
    const value = prices[key];
    if (value === undefined || typeof value === 'number') return value;
    // The library's cliff rule: the last tier whose start the total input exceeds applies to all tokens.
    let selected = value.base;
    for (const tier of value.tiers) if (inputTokens > tier.start) selected = tier.price;
    return selected;
  };
  const input = price('input_mtok') ?? 0;
  const cacheWrite5m = price('cache_write_mtok') ?? input;
  return {
    input,
    output: price('output_mtok') ?? 0,
    cacheRead: price('cache_read_mtok') ?? input,
    cacheWrite5m,
    cacheWrite1h: price('cache_write_1h_mtok') ?? cacheWrite5m,
  };
}

function customPricing(model: string, override: PriceOverride): ModelPricing {
  const input = override.input ?? 0;
  const cacheWrite5m = override.cacheWrite5m ?? input;
  return {
    model,
    provider: 'custom',
    input,
    output: override.output ?? 0,
    cacheRead: override.cacheRead ?? input,
    cacheWrite5m,
    cacheWrite1h: override.cacheWrite1h ?? cacheWrite5m,
    source: 'override',
  };
}
