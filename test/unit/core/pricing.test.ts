import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calcPrice } from '@pydantic/genai-prices';
import {
  getModelPricing,
  listPricedModels,
  PRICE_DATA_VERSION,
  PriceOverrideError,
  UnknownModelError,
  validatePriceOverrides,
} from '../../../src/core/pricing';

/** USD → per-MTok price as genai-prices bills `tokens` of one usage key. */
function perMTok(usage: Record<string, number>, model: string, provider: string, tokens: number): number {
  const result = calcPrice(usage, model, { providerId: provider });
  assert.ok(result, `calcPrice knows ${model}`);
  return (result.total_price / tokens) * 1_000_000;
}

describe('pricing: prices from @pydantic/genai-prices', () => {
  const models = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-6', 'gpt-4o', 'gpt-4.1', 'gpt-5.6-sol', 'gemini-2.5-pro', 'o3'];

  for (const model of models) {
    it(`${model}: each per-MTok price equals what calcPrice bills`, () => {
      const p = getModelPricing(model);
      const n = 1000;
      const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
      close(p.input, perMTok({ input_tokens: n }, model, p.provider, n), 'input');
      close(p.output, perMTok({ output_tokens: n }, model, p.provider, n), 'output');
      close(p.cacheRead, perMTok({ input_tokens: n, cache_read_tokens: n }, model, p.provider, n), 'cacheRead');
      close(p.cacheWrite5m, perMTok({ input_tokens: n, cache_write_tokens: n }, model, p.provider, n), 'cacheWrite5m');
      close(
        p.cacheWrite1h,
        perMTok({ input_tokens: n, cache_write_tokens: n, cache_write_1h_tokens: n }, model, p.provider, n),
        'cacheWrite1h',
      );
    });
  }

  it('matches the published Anthropic cache multipliers for Sonnet 4.5 (5m write 1.25x, 1h 2x, read 0.1x)', () => {
    const p = getModelPricing('claude-sonnet-4-5');
    assert.equal(p.provider, 'anthropic');
    assert.ok(Math.abs(p.cacheWrite5m - 1.25 * p.input) < 1e-12);
    assert.ok(Math.abs(p.cacheWrite1h - 2 * p.input) < 1e-12);
    assert.ok(Math.abs(p.cacheRead - 0.1 * p.input) < 1e-12);
    assert.match(p.source, new RegExp(`genai-prices ${PRICE_DATA_VERSION.replace(/\./g, '\\.')}`));
  });

  it('keeps long-context tiers so a request above the threshold is priced like calcPrice prices it', () => {
    for (const model of ['claude-sonnet-4-5', 'gemini-2.5-pro', 'gpt-5.5']) {
      const p = getModelPricing(model);
      const tier = p.longContext?.[0];
      assert.ok(tier, `${model} has a tier`);
      const above = tier.above + 1;
      assert.ok(Math.abs(tier.input - perMTok({ input_tokens: above }, model, p.provider, above)) < 1e-9);
      // At the threshold itself the base price still applies (the library's "greater than" rule).
      assert.ok(Math.abs(p.input - perMTok({ input_tokens: tier.above }, model, p.provider, tier.above)) < 1e-9);
    }
  });

  it('prices dated aliases and rejects a newer version that the library would silently match', () => {
    assert.equal(getModelPricing('claude-sonnet-4-5-20250929').input, getModelPricing('claude-sonnet-4-5').input);
    // genai-prices' `starts_with: claude-sonnet-5` would price Sonnet 5.5 as Sonnet 5.
    assert.ok(calcPrice({ input_tokens: 1 }, 'claude-sonnet-5-5', { providerId: 'anthropic' }));
    assert.throws(() => getModelPricing('claude-sonnet-5-5'), UnknownModelError);
  });

  it('an unknown model throws UnknownModelError naming close matches', () => {
    assert.throws(
      () => getModelPricing('claude-sonet-4-5'),
      (err: unknown) => err instanceof UnknownModelError && err.suggestions.includes('claude-sonnet-4-5') && /did you mean/.test(err.message),
    );
    assert.throws(() => getModelPricing('gpt4o'), (err: unknown) => err instanceof UnknownModelError && err.suggestions[0] === 'gpt-4o');
    assert.throws(() => getModelPricing('zzzzzzzzzzzzzzzzzzzz'), (err: unknown) => err instanceof UnknownModelError && err.suggestions.length === 0);
  });

  it('lists Anthropic, OpenAI and Google text models once each, under their maker', () => {
    const list = listPricedModels();
    const ids = list.map((m) => m.model);
    assert.equal(new Set(ids).size, ids.length);
    for (const [model, provider] of [['claude-sonnet-4-5', 'anthropic'], ['gpt-4o', 'openai'], ['gemini-2.5-flash', 'google']]) {
      assert.equal(list.find((m) => m.model === model)?.provider, provider);
    }
    assert.ok(list.every((m) => ['anthropic', 'openai', 'google'].includes(m.provider)));
    assert.ok(!ids.includes('text-embedding-3-small'), 'embedding-only models have no output price and are left out');
  });
});

describe('pricing: user overrides', () => {
  it('replaces only the fields it names and says so in the source', () => {
    const base = getModelPricing('claude-sonnet-4-5');
    const p = getModelPricing('claude-sonnet-4-5', { 'claude-sonnet-4-5': { input: 2.4 } });
    assert.equal(p.input, 2.4);
    assert.equal(p.output, base.output);
    assert.equal(p.longContext, undefined, 'catalogue tiers no longer match negotiated prices');
    assert.match(p.source, /override \(input\)/);
  });

  it('prices a custom model the catalogue does not know, given input and output', () => {
    const p = getModelPricing('acme-llm', { 'acme-llm': { input: 1, output: 2 } });
    assert.deepEqual([p.input, p.output, p.cacheRead, p.cacheWrite5m, p.source], [1, 2, 1, 1, 'override']);
    assert.throws(() => getModelPricing('acme-llm', { 'acme-llm': { input: 1 } }), UnknownModelError);
  });

  it('a malformed override is a clear error value from validation and a clear error at lookup', () => {
    const { overrides, problems } = validatePriceOverrides({
      'gpt-4o': { input: -1 },
      'gpt-4.1': { inptu: 1 },
      'claude-haiku-4-5': { output: 4 },
      'o3': 'cheap',
    });
    assert.deepEqual(Object.keys(overrides), ['claude-haiku-4-5']);
    assert.equal(problems.length, 3);
    assert.ok(problems.some((p) => p.includes('gpt-4o') && p.includes('non-negative')));
    assert.ok(problems.some((p) => p.includes('unknown field "inptu"')));
    assert.deepEqual(validatePriceOverrides([1, 2]).problems.length, 1);
    assert.throws(
      () => getModelPricing('gpt-4o', { 'gpt-4o': { input: Number.NaN } }),
      (err: unknown) => err instanceof PriceOverrideError && /gpt-4o/.test(err.message),
    );
  });
});

describe('pricing: loading', () => {
  it('does not load the price data until a price is asked for (nothing at extension activation)', () => {
    const script = `
      const loaded = () => Object.keys(require.cache).some((k) => /genai-prices[\\/]dist[\\/]/.test(k));
      const pricing = require('./src/core/pricing');
      const before = loaded();
      pricing.getModelPricing('gpt-4o');
      process.stdout.write(JSON.stringify([before, loaded()]));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '../../..'), encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), [false, true]);
  });

  it('reports the installed @pydantic/genai-prices version', () => {
    const installed = JSON.parse(readFileSync(join(__dirname, '../../../node_modules/@pydantic/genai-prices/package.json'), 'utf8'));
    assert.equal(PRICE_DATA_VERSION, installed.version);
  });
});
