// Injected provider faults, each observed the way a caller sees it through the official SDKs.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { createSimulatorFetch, type FaultSpec } from '../../../src/simulator';
import { longText, startHarness, type Harness } from './helpers';

const MODEL = 'claude-sonnet-4-6';
const ask: Anthropic.MessageCreateParamsNonStreaming = { model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'Hello there' }] };
const chat: OpenAI.ChatCompletionCreateParamsNonStreaming = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello there' }] };

/** Collects a stream's event types until it ends or throws; returns them with the error, if any. */
async function drain<T extends { type?: string; object?: string }>(stream: AsyncIterable<T>): Promise<{ events: T[]; error: unknown }> {
  const events: T[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, error: null };
  } catch (error) {
    return { events, error };
  }
}

describe('simulator: fault injection through the SDKs', () => {
  let h: Harness;
  let anthropic: Anthropic;
  let openai: OpenAI;
  beforeEach(async () => {
    h = await startHarness();
    // The SDKs log unparsable stream data themselves; these tests provoke it on purpose.
    anthropic = new Anthropic({ apiKey: 'sim-test-key', baseURL: h.sim.url, maxRetries: 0, logLevel: 'off' });
    openai = new OpenAI({ apiKey: 'sim-test-key', baseURL: `${h.sim.url}/v1`, maxRetries: 0, logLevel: 'off' });
  });
  afterEach(() => h.sim.close());

  it('429 with retry-after and the provider error body, on both APIs', async () => {
    h.sim.setFaults({ kind: 'rate-limit', retryAfter: 2 });
    await assert.rejects(anthropic.messages.create(ask), (err: unknown) => {
      assert.ok(err instanceof Anthropic.RateLimitError);
      assert.equal(err.headers?.get('retry-after'), '2');
      assert.equal(err.headers?.get('x-simulated'), 'true');
      assert.deepEqual((err.error as { type: string; error: { type: string } }).error.type, 'rate_limit_error');
      assert.match(err.requestID ?? '', /^req_sim_/);
      return true;
    });
    await assert.rejects(openai.chat.completions.create(chat), (err: unknown) => {
      assert.ok(err instanceof OpenAI.RateLimitError);
      assert.equal(err.headers.get('retry-after'), '2');
      assert.equal(err.code, 'rate_limit_exceeded');
      return true;
    });
  });

  it('lets the SDK retry after retry-after when the fault is for the next request only', async () => {
    h.sim.setFaults({ kind: 'rate-limit', retryAfter: 0.01, times: 1 });
    const retrying = new Anthropic({ apiKey: 'sim-test-key', baseURL: h.sim.url, maxRetries: 2 });
    const message = await retrying.messages.create(ask);
    assert.equal(message.type, 'message');
    assert.equal((await anthropic.messages.create(ask)).type, 'message', 'the fault was used up');
  });

  it('applies "next N requests" faults in order, then answers normally', async () => {
    h.sim.setFaults([{ kind: 'server-error', times: 2 }, { kind: 'overloaded', times: 1 }]);
    await assert.rejects(anthropic.messages.create(ask), Anthropic.InternalServerError);
    await assert.rejects(openai.chat.completions.create(chat), OpenAI.InternalServerError);
    await assert.rejects(anthropic.messages.create(ask), (err: unknown) => {
      assert.ok(err instanceof Anthropic.APIError);
      assert.equal(err.status, 529);
      assert.equal((err.error as { error: { type: string } }).error.type, 'overloaded_error');
      return true;
    });
    assert.equal((await anthropic.messages.create(ask)).type, 'message');
  });

  it('answers 503 for an overloaded OpenAI endpoint', async () => {
    h.sim.setFaults({ kind: 'overloaded', times: 1 });
    await assert.rejects(openai.chat.completions.create(chat), (err: unknown) => err instanceof OpenAI.APIError && err.status === 503);
  });

  it('writes no cache entry for a refused request', async () => {
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      ...ask,
      system: [{ type: 'text', text: longText(200), cache_control: { type: 'ephemeral' } }],
    };
    h.sim.setFaults({ kind: 'server-error', times: 1 });
    await assert.rejects(anthropic.messages.create(params), Anthropic.InternalServerError);
    const after = await anthropic.messages.create(params);
    assert.equal(after.usage.cache_read_input_tokens, 0);
    assert.ok((after.usage.cache_creation_input_tokens ?? 0) > 0);
  });

  it('resets the connection: a connection error in both SDKs', async () => {
    h.sim.setFaults({ kind: 'reset' });
    await assert.rejects(anthropic.messages.create(ask), Anthropic.APIConnectionError);
    await assert.rejects(openai.chat.completions.create(chat), OpenAI.APIConnectionError);
  });

  it('stalls a stream after the first events and keeps the connection until the client gives up', async () => {
    h.sim.setFaults({ kind: 'stall', afterEvents: 2 });
    const controller = new AbortController();
    const stream = await anthropic.messages.create({ ...ask, stream: true }, { signal: controller.signal });
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const { events } = await drain(stream);
    assert.deepEqual(events.map((e) => e.type), ['message_start', 'content_block_start']);
    assert.ok(Date.now() - started >= 140, 'nothing ended the stream before the client aborted');
  });

  it('drops stalled streams when the simulator closes', async () => {
    h.sim.setFaults({ kind: 'stall' });
    const stream = await openai.chat.completions.create({ ...chat, stream: true });
    const drained = drain(stream);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.sim.close();
    const { events, error } = await drained;
    assert.ok(events.length < 5);
    assert.ok(error instanceof Error);
  });

  it('cuts a stream mid-event: the SDK stream throws after the events before the cut', async () => {
    h.sim.setFaults({ kind: 'truncate', afterEvents: 3 });
    const anthropicRun = await drain(await anthropic.messages.create({ ...ask, stream: true }));
    // The third whole event is the ping, which the SDK skips.
    assert.deepEqual(anthropicRun.events.map((e) => e.type), ['message_start', 'content_block_start']);
    assert.match(String(anthropicRun.error), /terminated/);
    const openaiRun = await drain(await openai.chat.completions.create({ ...chat, stream: true, stream_options: { include_usage: true } }));
    assert.equal(openaiRun.events.length, 3);
    assert.ok(openaiRun.events.every((c) => c.usage === null), 'the usage chunk never arrived');
    assert.match(String(openaiRun.error), /terminated/);
    await assert.rejects(anthropic.messages.create(ask), /terminated/);
  });

  it('sends malformed JSON: the SDK fails to parse body and stream', async () => {
    h.sim.setFaults({ kind: 'malformed' });
    await assert.rejects(anthropic.messages.create(ask), SyntaxError);
    await assert.rejects(openai.chat.completions.create(chat), SyntaxError);
    const { events, error } = await drain(await anthropic.messages.create({ ...ask, stream: true }));
    assert.equal(events.length, 2, 'message_start and content_block_start (the ping is skipped), then the bad event');
    assert.match(String(error), /JSON/);
  });

  it('answers without usage when asked', async () => {
    h.sim.setFaults({ kind: 'no-usage' });
    const message = await anthropic.messages.create(ask);
    assert.equal(message.usage, undefined);
    assert.match((message.content[0] as Anthropic.TextBlock).text, /^Simulated/);
    const streamed = (await anthropic.messages.stream(ask).finalMessage()).usage;
    assert.equal(streamed.input_tokens, undefined);
    assert.equal(streamed.output_tokens, undefined);
    assert.equal((await openai.chat.completions.create(chat)).usage, undefined);
    const { events } = await drain(await openai.chat.completions.create({ ...chat, stream: true, stream_options: { include_usage: true } }));
    assert.ok(events.every((c) => c.usage === null && c.choices.length === 1));
  });

  it('slows a stream so a cancel lands mid-answer', async () => {
    h.sim.setFaults({ kind: 'slow', delayMs: 80 });
    const controller = new AbortController();
    const started = Date.now();
    const stream = await openai.chat.completions.create({ ...chat, stream: true }, { signal: controller.signal });
    const arrivals: number[] = [];
    const run = drain((async function* () {
      for await (const chunk of stream) {
        arrivals.push(Date.now());
        if (arrivals.length === 3) controller.abort();
        yield chunk;
      }
    })());
    const { events } = await run;
    assert.equal(events.length, 3, 'the cancel ended the stream mid-answer');
    // Two gaps of 80 ms come before the third event; single gaps jitter with client-side buffering.
    assert.ok(arrivals[2]! - started >= 150, `third event after ${arrivals[2]! - started} ms`);
  });

  it('takes a one-off fault from the x-sim-fault header and refuses a bad one', async () => {
    await assert.rejects(anthropic.messages.create(ask, { headers: { 'x-sim-fault': 'rate-limit; retry-after=3' } }), (err: unknown) => {
      assert.ok(err instanceof Anthropic.RateLimitError);
      assert.equal(err.headers?.get('retry-after'), '3');
      return true;
    });
    assert.equal((await anthropic.messages.create(ask)).type, 'message');
    await assert.rejects(anthropic.messages.create(ask, { headers: { 'x-sim-fault': 'meteor' } }), (err: unknown) => {
      assert.ok(err instanceof Anthropic.BadRequestError);
      assert.match((err.error as { error: { message: string } }).error.message, /unknown fault "meteor"/);
      return true;
    });
  });

  it('limits a fault to one path', async () => {
    h.sim.setFaults({ kind: 'server-error', path: '/v1/embeddings' });
    assert.equal((await openai.chat.completions.create(chat)).object, 'chat.completion');
    await assert.rejects(openai.embeddings.create({ model: 'text-embedding-3-small', input: 'x' }), OpenAI.InternalServerError);
    h.sim.reset();
    assert.equal((await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'x' })).data.length, 1);
  });

  it('rejects an unknown fault kind given to setFaults', () => {
    assert.throws(() => h.sim.setFaults({ kind: 'meteor' } as unknown as FaultSpec), /unknown fault kind/);
  });

  it('injects the same faults in process', async () => {
    const simulatedFetch = createSimulatorFetch({ latencyScale: 0, faults: { kind: 'reset', times: 1 } });
    const client = new Anthropic({ apiKey: 'sim-test-key', baseURL: 'http://simulator.invalid', fetch: simulatedFetch, maxRetries: 0, logLevel: 'off' });
    await assert.rejects(client.messages.create(ask), Anthropic.APIConnectionError);
    simulatedFetch.setFaults({ kind: 'truncate', afterEvents: 1 });
    const { events, error } = await drain(await client.messages.create({ ...ask, stream: true }));
    assert.equal(events.length, 1);
    assert.match(String(error), /terminated/);
  });
});
