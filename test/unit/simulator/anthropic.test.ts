// The Anthropic side of the simulator, driven through the official SDK over loopback: prefix-cache writes
// and reads at breakpoints, TTLs on a moved clock, minimum lengths, streaming usage and count_tokens.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { createSimulatorFetch } from '../../../src/simulator';
import { getCacheRules } from '../../../src/core/cache/rules';
import { costFromUsage } from '../../../src/core/cost';
import { estimateTokens } from '../../../src/core/tokens';
import { longText, MINUTE, startHarness, type Harness } from './helpers';

const MODEL = 'claude-sonnet-4-6';
const count = (text: string) => estimateTokens(text, MODEL);
const minimum = getCacheRules(MODEL).minimumTokens;

type Params = Anthropic.MessageCreateParamsNonStreaming;

function cachedSystem(system: string, user = 'Summarise the policy.', ttl?: '5m' | '1h'): Params {
  return {
    model: MODEL,
    max_tokens: 200,
    system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral', ...(ttl ? { ttl } : {}) } }],
    messages: [{ role: 'user', content: user }],
  };
}

/** USD for a response's usage, normalised the way the pipeline does (input = uncached tail). */
function costOf(usage: Anthropic.Usage): number {
  return costFromUsage(
    {
      input: usage.input_tokens,
      cacheWrite: usage.cache_creation_input_tokens ?? 0,
      cacheWrite1h: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
      cacheRead: usage.cache_read_input_tokens ?? 0,
      output: usage.output_tokens,
    },
    MODEL,
  );
}

describe('simulator: Anthropic prompt cache through @anthropic-ai/sdk', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sim.close());

  it('writes the prefix on the first call, reads exactly it within the TTL, and the cost drops', async () => {
    const system = longText(200);
    const prefix = count(system);
    assert.ok(prefix >= minimum, `test prefix ${prefix} must reach the minimum ${minimum}`);
    const total = (await h.anthropic.messages.countTokens({ model: MODEL, system: cachedSystem(system).system, messages: cachedSystem(system).messages })).input_tokens;

    const first = await h.anthropic.messages.create(cachedSystem(system));
    assert.equal(first.usage.cache_creation_input_tokens, prefix);
    assert.equal(first.usage.cache_read_input_tokens, 0);
    assert.deepEqual(first.usage.cache_creation, { ephemeral_5m_input_tokens: prefix, ephemeral_1h_input_tokens: 0 });
    assert.equal(first.usage.input_tokens, total - prefix, 'input_tokens is the uncached tail only');

    h.advance(4 * MINUTE);
    const second = await h.anthropic.messages.create(cachedSystem(system));
    assert.equal(second.usage.cache_read_input_tokens, prefix);
    assert.equal(second.usage.cache_creation_input_tokens, 0);
    assert.equal(second.usage.input_tokens, total - prefix);

    const [writeCost, readCost] = [costOf(first.usage), costOf(second.usage)];
    console.log(`      cost: write ${writeCost.toFixed(6)} USD, read ${readCost.toFixed(6)} USD (simulated usage, catalogue prices)`);
    // Sonnet: a 5m write costs 1.25× input, a read 0.1×, so the prefix part drops by 1.15× its input price.
    const inputPerToken = costFromUsage({ input: 1_000_000, cacheWrite: 0, cacheRead: 0, output: 0 }, MODEL) / 1e6;
    assert.ok(Math.abs(writeCost - readCost - prefix * inputPerToken * 1.15) < 1e-9);
  });

  it('writes again after the TTL, and a hit refreshes the TTL', async () => {
    const system = longText(200);
    const prefix = count(system);
    await h.anthropic.messages.create(cachedSystem(system));
    h.advance(4 * MINUTE);
    assert.equal((await h.anthropic.messages.create(cachedSystem(system))).usage.cache_read_input_tokens, prefix);
    h.advance(4 * MINUTE); // 8 minutes after the write, 4 after the refreshing hit
    assert.equal((await h.anthropic.messages.create(cachedSystem(system))).usage.cache_read_input_tokens, prefix);
    h.advance(5 * MINUTE + 1);
    const expired = await h.anthropic.messages.create(cachedSystem(system));
    assert.equal(expired.usage.cache_read_input_tokens, 0);
    assert.equal(expired.usage.cache_creation_input_tokens, prefix);
  });

  it('keeps 1h entries for an hour and bills mixed TTLs as 1h then 5m segments', async () => {
    const tool = { name: 'lookup', description: longText(120, 'tool manual'), input_schema: { type: 'object' as const, properties: {} } };
    const system = longText(150);
    const params: Params = {
      ...cachedSystem(system, 'Which rule applies?', '5m'),
      tools: [{ ...tool, cache_control: { type: 'ephemeral', ttl: '1h' } }],
    };
    const toolsTokens = count(JSON.stringify(tool));
    const both = count(JSON.stringify(tool) + system);
    const first = await h.anthropic.messages.create(params);
    assert.deepEqual(first.usage.cache_creation, { ephemeral_1h_input_tokens: toolsTokens, ephemeral_5m_input_tokens: both - toolsTokens });
    h.advance(30 * MINUTE);
    const later = await h.anthropic.messages.create(params);
    assert.equal(later.usage.cache_read_input_tokens, toolsTokens, 'the 5m system entry expired, the 1h tools entry did not');
    assert.deepEqual(later.usage.cache_creation, { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: both - toolsTokens });
  });

  it('never caches a prefix under the model minimum, and does not fail', async () => {
    const system = longText(Math.floor(minimum / 25));
    assert.ok(count(system) < minimum);
    for (let i = 0; i < 2; i++) {
      const { usage } = await h.anthropic.messages.create(cachedSystem(system));
      assert.equal(usage.cache_creation_input_tokens, 0);
      assert.equal(usage.cache_read_input_tokens, 0);
      assert.ok(usage.input_tokens >= count(system));
    }
  });

  it('reads an earlier breakpoint by lookback as the conversation grows', async () => {
    const system = longText(200);
    const turn1: Params = cachedSystem(system, 'First question?');
    await h.anthropic.messages.create(turn1);
    const turn2: Params = {
      ...turn1,
      system,
      messages: [
        { role: 'user', content: 'First question?' },
        { role: 'assistant', content: 'First answer.' },
        { role: 'user', content: [{ type: 'text', text: 'Second question?', cache_control: { type: 'ephemeral' } }] },
      ],
    };
    // Same bytes, but the breakpoint moved from the system block to the last message.
    const second = await h.anthropic.messages.create({ ...turn2, system: cachedSystem(system).system });
    assert.equal(second.usage.cache_read_input_tokens, count(system));
    assert.equal(second.usage.cache_creation_input_tokens, count(system + 'First question?First answer.Second question?') - count(system));
  });

  it('caches at the last block with top-level automatic cache_control', async () => {
    const params = { model: MODEL, max_tokens: 100, cache_control: { type: 'ephemeral' }, messages: [{ role: 'user', content: longText(200) }] };
    const create = () => h.anthropic.messages.create(params as unknown as Params);
    assert.equal((await create()).usage.cache_creation_input_tokens, count(longText(200)));
    assert.equal((await create()).usage.cache_read_input_tokens, count(longText(200)));
  });

  it('refuses a fifth breakpoint and a 1h breakpoint after a 5m one with a 400', async () => {
    const block = (text: string, ttl: '5m' | '1h' = '5m') => ({ type: 'text' as const, text, cache_control: { type: 'ephemeral' as const, ttl } });
    const five: Params = { ...cachedSystem('x'), system: ['a', 'b', 'c', 'd', 'e'].map((t) => block(t)) };
    await assert.rejects(h.anthropic.messages.create(five), (err: unknown) => {
      assert.ok(err instanceof Anthropic.BadRequestError);
      assert.equal((err.error as { error: { type: string } }).error.type, 'invalid_request_error');
      assert.match(err.message, /maximum of 4/);
      return true;
    });
    const misordered: Params = { ...cachedSystem('x'), system: [block('a', '5m'), block('b', '1h')] };
    await assert.rejects(h.anthropic.messages.create(misordered), Anthropic.BadRequestError);
  });

  it('makes an entry readable only once the first response has begun', async () => {
    await h.sim.close();
    h = await startHarness({ latencyScale: 0.2 });
    const system = longText(200);
    const [a, b] = await Promise.all([h.anthropic.messages.create(cachedSystem(system)), h.anthropic.messages.create(cachedSystem(system))]);
    assert.equal(a.usage.cache_creation_input_tokens, count(system));
    assert.equal(b.usage.cache_creation_input_tokens, count(system), 'a concurrent twin cannot read an entry still being written');
    assert.equal((await h.anthropic.messages.create(cachedSystem(system))).usage.cache_read_input_tokens, count(system));
  });

  it('answers cached calls faster: time to first byte grows with uncached tokens', async () => {
    await h.sim.close();
    h = await startHarness({ latencyScale: 0.5 });
    const system = longText(400);
    const timed = async () => {
      const started = Date.now();
      const { response } = await h.anthropic.messages.create(cachedSystem(system)).withResponse();
      return { simulated: Number(response.headers.get('x-sim-latency-ms')), elapsed: Date.now() - started };
    };
    const cold = await timed();
    const warm = await timed();
    console.log(`      first byte: cold ${cold.simulated} ms, warm ${warm.simulated} ms (latencyScale 0.5)`);
    assert.ok(warm.simulated < cold.simulated / 2);
    assert.ok(cold.elapsed >= cold.simulated && warm.elapsed >= warm.simulated);
  });

  it('streams message_start with cache usage and a cumulative message_delta that the SDK accumulates', async () => {
    const system = longText(200);
    const plain = await h.anthropic.messages.create(cachedSystem(system)); // writes the entry
    const stream = h.anthropic.messages.stream(cachedSystem(system));
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'message_start') {
        assert.equal(event.message.usage.cache_read_input_tokens, count(system));
        assert.equal(event.message.usage.cache_creation_input_tokens, 0);
        assert.equal(event.message.id.startsWith('msg_sim_'), true);
      }
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') assert.equal(event.usage.cache_read_input_tokens, count(system));
    }
    const final = await stream.finalMessage();
    assert.deepEqual(types.slice(0, 2), ['message_start', 'content_block_start']);
    assert.deepEqual(types.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);
    assert.ok(types.filter((t) => t === 'content_block_delta').length >= 3, 'the text arrives in several deltas');
    assert.equal(text, (plain.content[0] as Anthropic.TextBlock).text, 'streamed and plain answers agree');
    assert.equal(final.usage.output_tokens, plain.usage.output_tokens);
    assert.equal(final.usage.input_tokens, plain.usage.input_tokens);
  });

  it('counts tokens like the messages call bills them in total', async () => {
    const params = cachedSystem(longText(200));
    const { input_tokens: total } = await h.anthropic.messages.countTokens({ model: MODEL, system: params.system, messages: params.messages });
    const { usage } = await h.anthropic.messages.create(params);
    assert.equal(usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0), total);
  });

  it('labels every response as simulated and answers deterministically', async () => {
    const { data, response } = await h.anthropic.messages.create(cachedSystem('Be brief.', 'What is 2+2?')).withResponse();
    assert.equal(response.headers.get('x-simulated'), 'true');
    assert.match(response.headers.get('request-id') ?? '', /^req_sim_/);
    const again = await h.anthropic.messages.create(cachedSystem('Be brief.', 'What is 2+2?'));
    assert.deepEqual(again.content, data.content);
    assert.match((data.content[0] as Anthropic.TextBlock).text, /^Simulated reply/);
  });

  it('lists the priced Claude models', async () => {
    const ids: string[] = [];
    for await (const model of h.anthropic.models.list()) ids.push(model.id);
    assert.ok(ids.includes(MODEL));
    assert.ok(ids.every((id) => id.startsWith('claude')));
  });

  it('stops at max_tokens', async () => {
    const message = await h.anthropic.messages.create({ ...cachedSystem('Be brief.'), max_tokens: 5 });
    assert.equal(message.stop_reason, 'max_tokens');
    assert.ok(message.usage.output_tokens <= 5);
  });

  it('answers a hard request to a small tier with the needs_escalation signal only', async () => {
    const system = 'Answer briefly. If the task is beyond you, reply only with {"needs_escalation": true, "reason": "..."}.';
    const ask = async (model: string, user: string) => {
      const message = await h.anthropic.messages.create({ model, max_tokens: 200, system, messages: [{ role: 'user', content: user }] });
      return (message.content[0] as Anthropic.TextBlock).text;
    };
    const hard = await ask('claude-haiku-4-5', 'Prove that the algorithm terminates.');
    assert.deepEqual(Object.keys(JSON.parse(hard)), ['needs_escalation', 'reason']);
    assert.equal(JSON.parse(hard).needs_escalation, true);
    assert.match(hard, /^\{"needs_escalation": true, "reason": ".+"\}$/);
    assert.equal(JSON.parse(await ask('claude-haiku-4-5', '[[hard]] Sort these names.')).needs_escalation, true);
    assert.doesNotMatch(await ask('claude-haiku-4-5', 'Translate "cat" to French.'), /needs_escalation/);
    assert.doesNotMatch(await ask('claude-opus-5', 'Prove that the algorithm terminates.'), /needs_escalation/);
  });

  it('serves the same answers in process through createSimulatorFetch', async () => {
    const client = new Anthropic({ apiKey: 'sim-test-key', baseURL: 'http://simulator.invalid', fetch: createSimulatorFetch({ latencyScale: 0 }), maxRetries: 0 });
    const system = longText(200);
    assert.equal((await client.messages.create(cachedSystem(system))).usage.cache_creation_input_tokens, count(system));
    assert.equal((await client.messages.create(cachedSystem(system))).usage.cache_read_input_tokens, count(system));
  });
});
