// Validation of user price overrides (custom or negotiated prices, USD per million tokens). Settings
// readers call `validatePriceOverrides` to turn bad input into messages; `getModelPricing` re-checks
// the one entry it uses so a malformed value fails at the door with a clear message.
import type { PriceOverride } from '../types';

const FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'] as const;

/** A price override for `model` is malformed. */
export class PriceOverrideError extends Error {
  constructor(
    readonly model: string,
    readonly problem: string,
  ) {
    super(`price override for "${model}": ${problem}`);
    this.name = 'PriceOverrideError';
  }
}

/** Why one override entry is unusable, or undefined when it is fine. */
export function checkPriceOverride(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'expected an object of prices';
  const keys = Object.keys(entry);
  if (keys.length === 0) return 'names no price';
  for (const key of keys) {
    if (!(FIELDS as readonly string[]).includes(key)) return `unknown field "${key}" (use ${FIELDS.join(', ')})`;
    const price = (entry as Record<string, unknown>)[key];
    if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
      return `${key} ${JSON.stringify(price) ?? String(price)} is not a non-negative price in USD per million tokens`;
    }
  }
  return undefined;
}

/**
 * Splits raw overrides (e.g. parsed settings JSON) into the usable entries and one message per
 * rejected entry. Never throws.
 */
export function validatePriceOverrides(raw: unknown): { overrides: Record<string, PriceOverride>; problems: string[] } {
  const overrides: Record<string, PriceOverride> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { overrides, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { overrides, problems: ['price overrides: expected an object keyed by model id'] };
  }
  for (const [model, entry] of Object.entries(raw as Record<string, unknown>)) {
    const problem = checkPriceOverride(entry);
    if (problem) problems.push(new PriceOverrideError(model, problem).message);
    else overrides[model] = entry as PriceOverride;
  }
  return { overrides, problems };
}
