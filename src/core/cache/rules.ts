// How each provider caches a prompt prefix, as a data table: one row per model family, first match
// wins, each row citing its source. Prices (and so the read discount and write surcharge) are NOT here:
// they come from the price data; this table only says what gets cached, from what size, and for how long.
// Facts checked 2026-11-23 (see the team's provider-caching notes); values marked "unconfirmed" in a
// row's note should be re-checked before relying on them for billing.
import type { CacheRules } from '../types';

const ANTHROPIC_CACHING = 'https://platform.claude.com/docs/en/build-with-claude/prompt-caching';
const OPENAI_CACHING = 'https://developers.openai.com/api/docs/guides/prompt-caching';
const GEMINI_CACHING = 'https://ai.google.dev/gemini-api/docs/caching';

/** A row of the table: a model-id pattern and the rules for the models it matches. */
export interface CacheRuleRow {
  /** Tested against the lower-cased model id. */
  pattern: RegExp;
  rules: CacheRules;
}

const anthropic = (minimumTokens: number, note?: string): CacheRules => ({
  provider: 'anthropic',
  mode: 'explicit',
  minimumTokens,
  granularity: 1,
  maxBreakpoints: 4,
  ttlSeconds: 300,
  longTtlSeconds: 3600,
  billsWrites: true,
  sourceUrl: ANTHROPIC_CACHING,
  ...(note ? { note } : {}),
});

const openaiClassic: CacheRules = {
  provider: 'openai',
  mode: 'automatic',
  minimumTokens: 1024,
  granularity: 128,
  maxBreakpoints: 0,
  // `in_memory` retention keeps a prefix 5–10 minutes idle; the lower bound keeps estimates conservative.
  ttlSeconds: 300,
  billsWrites: false,
  sourceUrl: OPENAI_CACHING,
  note: 'TTL assumes in_memory retention (5–10 min idle); 24h extended retention caches longer at the same price.',
};

const openaiWithWrites: CacheRules = {
  provider: 'openai',
  mode: 'automatic',
  minimumTokens: 1024,
  granularity: 1,
  maxBreakpoints: 4,
  // `prompt_cache_options.ttl: "30m"` is a minimum lifetime.
  ttlSeconds: 1800,
  billsWrites: true,
  sourceUrl: OPENAI_CACHING,
  note: 'GPT-5.6 and later: exact cached boundaries, cache writes billed (1.25x input in the price data).',
};

const gemini = (minimumTokens: number): CacheRules => ({
  provider: 'google',
  mode: 'implicit',
  minimumTokens,
  granularity: 1,
  maxBreakpoints: 0,
  ttlSeconds: 300,
  billsWrites: false,
  sourceUrl: GEMINI_CACHING,
  note: 'Implicit caching is best-effort and its lifetime is not documented; 5 minutes is assumed.',
});

const noCaching = (provider: string, sourceUrl: string, note: string): CacheRules => ({
  provider,
  mode: 'none',
  minimumTokens: 0,
  granularity: 1,
  maxBreakpoints: 0,
  ttlSeconds: 0,
  billsWrites: false,
  sourceUrl,
  note,
});

/** The built-in table, most specific rows first. */
export const CACHE_RULE_TABLE: readonly CacheRuleRow[] = [
  // Anthropic minimums: the latest published list (2026); newer models differ from older ones.
  { pattern: /^claude-(opus|fable|mythos)-5\b/, rules: anthropic(512, 'Opus 5.5 / Fable 5.1 at 512 is from a secondary source (unconfirmed).') },
  { pattern: /^claude-opus-4[-.]8/, rules: anthropic(1024) },
  { pattern: /^claude-(opus-4[-.]7|mythos)/, rules: anthropic(2048) },
  { pattern: /^claude-(opus-4[-.][56]|haiku-4[-.]5|4[-.][56]-opus|4[-.]5-haiku)/, rules: anthropic(4096) },
  {
    pattern: /^claude-sonnet-4[-.]6/,
    rules: anthropic(1024, 'An earlier doc version and a user report say 2,048 tokens (unconfirmed which applies).'),
  },
  { pattern: /^claude-(3[-.]5-haiku|haiku-3[-.]5|3-haiku)/, rules: anthropic(2048) },
  { pattern: /^claude-(2|v1|instant)/, rules: noCaching('anthropic', ANTHROPIC_CACHING, 'Claude 2 and earlier predate prompt caching.') },
  // Sonnet 5, Sonnet 4.5, Sonnet 4, Opus 4.1, Opus 4, Sonnet 3.7 and other Claude models.
  { pattern: /^claude-/, rules: anthropic(1024) },

  { pattern: /^(gpt-5[-.]([6-9]|\d\d)|gpt-[6-9])/, rules: openaiWithWrites },
  { pattern: /^(gpt-|o\d|chatgpt-|codex-)/, rules: openaiClassic },

  // Gemini implicit caching exists from 2.5 on; minimums from the latest doc version (2026-10-13).
  { pattern: /^gemini-2\.5-/, rules: gemini(2048) },
  { pattern: /^gemini-([3-9]|\d\d)/, rules: gemini(4096) },
  { pattern: /^gemini-/, rules: noCaching('google', GEMINI_CACHING, 'Implicit caching starts with Gemini 2.5.') },
];

const UNKNOWN = noCaching('unknown', '', 'No cache rules are known for this model; caching is not assumed.');

/**
 * Cache rules for `model`: the first row of `table` (the built-in one by default) whose pattern matches.
 * `overrides` keyed by model id replace individual fields of the matched row, e.g. a newly published
 * minimum. Unknown models get a `mode: 'none'` row, so no saving is ever claimed without a rule.
 */
export function getCacheRules(
  model: string,
  overrides?: Readonly<Record<string, Partial<CacheRules>>>,
  table: readonly CacheRuleRow[] = CACHE_RULE_TABLE,
): CacheRules {
  const id = model.trim().toLowerCase();
  const row = table.find((r) => r.pattern.test(id));
  const rules = row ? row.rules : UNKNOWN;
  const override = overrides?.[model.trim()];
  return override ? { ...rules, ...override } : { ...rules };
}
