import { strict as assert } from 'node:assert';
import { CACHE_RULE_TABLE, getCacheRules } from '../../../src/core/cache/rules';

describe('cache rules', () => {
  it('Anthropic: explicit breakpoints (max 4), 5-minute TTL with a 1-hour option, billed writes', () => {
    const r = getCacheRules('claude-sonnet-4-5');
    assert.deepEqual(
      [r.provider, r.mode, r.maxBreakpoints, r.ttlSeconds, r.longTtlSeconds, r.billsWrites],
      ['anthropic', 'explicit', 4, 300, 3600, true],
    );
  });

  it('Anthropic minimum cacheable prefix differs by model (latest published list)', () => {
    const expected: Array<[string, number]> = [
      ['claude-opus-5', 512],
      ['claude-opus-4-8', 1024],
      ['claude-opus-4-7', 2048],
      ['claude-opus-4-6', 4096],
      ['claude-opus-4-5-20251101', 4096],
      ['claude-haiku-4-5', 4096],
      ['claude-sonnet-5', 1024],
      ['claude-sonnet-4-6', 1024],
      ['claude-sonnet-4-5-20250929', 1024],
      ['claude-sonnet-4-0', 1024],
      ['claude-opus-4-1', 1024],
      ['claude-3-7-sonnet-latest', 1024],
      ['claude-3-5-haiku-latest', 2048],
      ['claude-3-haiku-20240307', 2048],
    ];
    for (const [model, min] of expected) assert.equal(getCacheRules(model).minimumTokens, min, model);
  });

  it('OpenAI: automatic from 1,024 tokens in 128-token steps; GPT-5.6+ exact and billing writes', () => {
    for (const model of ['gpt-4o', 'gpt-4.1-mini', 'gpt-5', 'gpt-5.5', 'o3']) {
      const r = getCacheRules(model);
      assert.deepEqual([r.mode, r.minimumTokens, r.granularity, r.billsWrites], ['automatic', 1024, 128, false], model);
    }
    for (const model of ['gpt-5.6-sol', 'gpt-5.6', 'gpt-6-luna']) {
      const r = getCacheRules(model);
      assert.deepEqual([r.mode, r.minimumTokens, r.granularity, r.billsWrites], ['automatic', 1024, 1, true], model);
    }
  });

  it('Gemini: implicit from 2.5 with the latest minimums; earlier models not cached implicitly', () => {
    assert.deepEqual([getCacheRules('gemini-2.5-flash').mode, getCacheRules('gemini-2.5-flash').minimumTokens], ['implicit', 2048]);
    assert.equal(getCacheRules('gemini-2.5-pro').minimumTokens, 2048);
    assert.equal(getCacheRules('gemini-3-pro-preview').minimumTokens, 4096);
    assert.equal(getCacheRules('gemini-2.0-flash').mode, 'none');
  });

  it('unknown models claim no caching; every row cites a source', () => {
    assert.equal(getCacheRules('acme-llm').mode, 'none');
    for (const row of CACHE_RULE_TABLE) assert.match(row.rules.sourceUrl, /^https:\/\//, String(row.pattern));
  });

  it('overrides replace single fields of the matched row without changing the table', () => {
    const r = getCacheRules('claude-sonnet-4-6', { 'claude-sonnet-4-6': { minimumTokens: 2048 } });
    assert.equal(r.minimumTokens, 2048);
    assert.equal(r.maxBreakpoints, 4);
    assert.equal(getCacheRules('claude-sonnet-4-6').minimumTokens, 1024);
  });
});
