// Cost of the calls a run made, from the usage the provider reported, and the counterfactual: the
// same request on the frontier model with no caching of any kind.
import { costFromUsage } from '../core/cost';
import type { PriceOverride } from '../core/types';
import type { Usage } from './events';
import { totalInput } from './usage';

/** USD for `usage` on `model`; null when the usage or the model's price is unknown. */
export type Pricer = (usage: Usage, model: string, ttl: '5m' | '1h') => number | null;

/** Prices usage with the core's `costFromUsage` (prices from @pydantic/genai-prices plus overrides). */
export function createPricer(overrides?: Readonly<Record<string, PriceOverride>>): Pricer {
  return (usage, model, ttl) => {
    const { input, cacheWrite, cacheRead, output } = usage;
    if (input === null || cacheWrite === null || cacheRead === null || output === null) return null;
    try {
      return costFromUsage({ input, cacheWrite, cacheRead, output, cacheWrite1h: ttl === '1h' ? cacheWrite : 0 }, model, { overrides });
    } catch {
      // An unknown model has no price: its cost is unknown, not zero.
      return null;
    }
  };
}

/** What `usage` would have cost on `frontierModel` with every input token uncached. */
export function naiveCost(price: Pricer, usage: Usage, frontierModel: string): number | null {
  const input = totalInput(usage);
  if (input === null || usage.output === null) return null;
  return price({ input, cacheWrite: 0, cacheRead: 0, output: usage.output }, frontierModel, '5m');
}

/** Sum of known costs; null if any is unknown. */
export function sumCosts(costs: Array<number | null>): number | null {
  let total = 0;
  for (const c of costs) {
    if (c === null) return null;
    total += c;
  }
  return total;
}
