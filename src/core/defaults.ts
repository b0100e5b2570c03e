// Defaults shared by the editor and the CLI, so both show the same numbers for the same file.
import type { AnalysisOptions, CostOptions } from './types';

/**
 * Model assumed when neither the template nor the user names one. Claude Sonnet 4.5: widely deployed,
 * and its prices and 1,024-token cache minimum agree across every doc version checked.
 */
export const DEFAULT_MODEL = 'claude-sonnet-4-5';

/** Requests per minute for the cache-hit probability (one every 6 seconds keeps a 5-minute cache warm). */
export const DEFAULT_RATE_PER_MINUTE = 10;

/** Requests per day for the monthly projection. */
export const DEFAULT_VOLUME_PER_DAY = 10_000;

/** Output tokens per request when the template has no `max_tokens` and the user gave no figure. */
export const DEFAULT_OUTPUT_TOKENS = 500;

/** A month, for projections: 30 days. */
export const DAYS_PER_MONTH = 30;

/** Batch APIs (Anthropic, OpenAI, Gemini) bill every token at half price. */
export const BATCH_DISCOUNT = 0.5;

export const DEFAULT_COST_OPTIONS: Readonly<CostOptions> = Object.freeze({
  ratePerMinute: DEFAULT_RATE_PER_MINUTE,
  volumePerDay: DEFAULT_VOLUME_PER_DAY,
  ttl: '5m',
  batch: false,
});

export const DEFAULT_ANALYSIS_OPTIONS: Readonly<AnalysisOptions> = Object.freeze({
  ...DEFAULT_COST_OPTIONS,
  model: DEFAULT_MODEL,
  dynamicBeforeStaticThreshold: 0.05,
});
