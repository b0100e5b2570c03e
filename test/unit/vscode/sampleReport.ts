// A hand-built AnalysisReport for testing the editor's wording without running the core. The numbers
// are arbitrary but consistent (prefix within total, warm below uncached).
import type { AnalysisReport } from '../../../src/core/types';

export function sampleReport(overrides: Partial<AnalysisReport> = {}): AnalysisReport {
  const base: AnalysisReport = {
    format: 'plain',
    syntax: 'mustache',
    model: 'claude-sonnet-4-5',
    tokens: { total: 4120, static: 3900, dynamic: 220, cacheablePrefix: 3412, exact: true, method: 'o200k_base' },
    segments: [
      { start: 0, end: 100, kind: 'static', tokens: 3412 },
      { start: 100, end: 112, kind: 'dynamic', name: 'user_name', tokens: 4 },
      { start: 112, end: 200, kind: 'static', tokens: 488 },
      { start: 200, end: 220, kind: 'dynamic', name: 'question', tokens: 216 },
    ],
    messages: [],
    prefix: { end: 100, tokens: 3412, reason: 'dynamic', cacheable: true, minimumTokens: 1024 },
    findings: [
      {
        rule: 'dynamic-before-static',
        severity: 'warning',
        message: '{{user_name}} cuts 488 static tokens out of the cacheable prefix',
        start: 100,
        end: 112,
        fix: 'reorder',
        tokens: 488,
        usdPer1k: 1.3176,
      },
    ],
    cost: {
      perRequest: { uncached: 0.0124, write: 0.0149, warm: 0.0031, expected: 0.0033 },
      hitProbability: 0.95,
      breakEvenCalls: 2,
      monthly: 990,
      monthlyUncached: 3720,
      outputTokens: 500,
      outputTokensSource: 'default',
      cachedTokens: 3412,
    },
    pricing: {
      source: '@pydantic/genai-prices 0.1.8',
      model: 'claude-sonnet-4-5',
      prices: {
        model: 'claude-sonnet-4-5',
        provider: 'anthropic',
        input: 3,
        output: 15,
        cacheRead: 0.3,
        cacheWrite5m: 3.75,
        cacheWrite1h: 6,
        source: '@pydantic/genai-prices 0.1.8',
      },
    },
    cacheRules: {
      provider: 'anthropic',
      mode: 'explicit',
      minimumTokens: 1024,
      granularity: 1,
      maxBreakpoints: 4,
      ttlSeconds: 300,
      billsWrites: true,
      sourceUrl: 'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching',
    },
    settings: {},
  };
  return { ...base, ...overrides };
}
