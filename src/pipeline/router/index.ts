// Routing: the nearest-neighbour router when labelled examples are configured and one is close,
// otherwise the rule classifier.
import type { RouteDecision } from '../events';
import { NearestNeighbourRouter, type LabelledExample } from './knn';
import { classifyByRules } from './rules';

export interface RouterOptions {
  /** Tier names, cheapest first (default `small`, `frontier`). */
  tiers: string[];
  /** Confidence below which a request goes one tier up (default 0.65). */
  margin?: number;
  examples?: LabelledExample[];
}

export type Route = (text: string) => RouteDecision;

export function createRouter(options: RouterOptions): Route {
  const margin = options.margin ?? 0.65;
  const knn = options.examples?.length ? new NearestNeighbourRouter(options.examples, options.tiers, margin) : null;
  return (text) => knn?.route(text) ?? classifyByRules(text, options.tiers, margin);
}

export { parseExamples, ExamplesError, type LabelledExample } from './knn';
export { classifyByRules } from './rules';
