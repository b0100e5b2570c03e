// The editor's promise checked against the simulator: the prefix the analysis reports for a prompt file is
// what the simulated provider then writes and reads back, and the cached tokens it predicts are the ones
// the simulated usage shows.
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import type { CostOptions } from '../../../src/core/types';
import { longText, startHarness, type Harness } from './helpers';

const OPTIONS: CostOptions & { dynamicBeforeStaticThreshold: number } = {
  ratePerMinute: 1,
  volumePerDay: 1000,
  ttl: '5m',
  batch: false,
  dynamicBeforeStaticThreshold: 0.1,
};

describe('simulator: agreement with the editor analysis', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.sim.close());

  it('Anthropic: the cache write and read equal the analysed prefix', async () => {
    const system = longText(200, 'support handbook');
    const model = 'claude-sonnet-4-6';
    const file = { model, max_tokens: 200, system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: '{{question}}' }] };
    const report = analyze(JSON.stringify(file, null, 2), { ...OPTIONS, model, fileName: 'support.json' });
    assert.ok(report.prefix.cacheable);
    const send = (question: string) => h.anthropic.messages.create({ ...file, system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: question }] });
    const first = await send('Where is my parcel?');
    const second = await send('Can I change the address?');
    assert.equal(first.usage.cache_creation_input_tokens, report.prefix.tokens);
    assert.equal(second.usage.cache_read_input_tokens, report.cost.cachedTokens);
  });

  it('OpenAI: cached_tokens equal the analysis prediction (prefix with framing, 128-token steps)', async () => {
    const system = longText(200, 'support handbook');
    const model = 'gpt-4o';
    const file = { model, messages: [{ role: 'system', content: system }, { role: 'user', content: '{{question}}' }] };
    const report = analyze(JSON.stringify(file, null, 2), { ...OPTIONS, model, fileName: 'support.json' });
    const send = (question: string) =>
      h.openai.chat.completions.create({ model, messages: [{ role: 'system', content: system }, { role: 'user', content: question }] });
    await send('Where is my parcel?');
    const second = await send('Can I change the address?');
    assert.equal(second.usage!.prompt_tokens_details!.cached_tokens, report.cost.cachedTokens);
    assert.ok(report.cost.cachedTokens > 0);
  });
});
