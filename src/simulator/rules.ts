// Which caching rules the simulator applies to a model. Placeholder until the pricing owner's
// src/core/cache/rules.ts (`getCacheRules`) lands; then this forwards to it.
import type { CacheRules } from '../core/types';

/** True for model ids the simulator serves on the Anthropic Messages API. */
export function isClaudeModel(model: string): boolean {
  return /claude/i.test(model);
}

/** Caching rules for `model`: minimum tokens, step, breakpoints and default TTL. */
export function cacheRulesFor(model: string): CacheRules {
  if (isClaudeModel(model)) {
    return {
      provider: 'anthropic',
      mode: 'explicit',
      minimumTokens: claudeMinimum(model),
      granularity: 1,
      maxBreakpoints: 4,
      ttlSeconds: 300,
      billsWrites: true,
      sourceUrl: 'https://platform.claude.com/docs/en/build-with-claude/prompt-caching',
    };
  }
  return {
    provider: 'openai',
    mode: 'automatic',
    minimumTokens: 1024,
    granularity: 128,
    maxBreakpoints: 0,
    ttlSeconds: 300,
    billsWrites: false,
    sourceUrl: 'https://developers.openai.com/api/docs/guides/prompt-caching',
  };
}

// Minimum cacheable prompt per model family (Anthropic prompt-caching docs, see the team notes).
function claudeMinimum(model: string): number {
  if (/haiku-4-5|opus-4-[56]/i.test(model)) return 4096;
  if (/3-5-haiku|3-haiku|opus-4-7/i.test(model)) return 2048;
  if (/(opus|fable|mythos)-5(?!-\d)/i.test(model)) return 512;
  return 1024;
}
