// The OpenAI side of the simulator through the official `openai` SDK over loopback: automatic caching in
// 128-token steps, streaming usage, embeddings and the model list.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createSimulatorFetch } from '../../../src/simulator';
import { estimateTokens } from '../../../src/core/tokens';
import { longText, MINUTE, startHarness, type Harness } from './helpers';

const MODEL = 'gpt-4o';
const count = (text: string) => estimateTokens(text, MODEL);

function chat(system: string, user: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return { model: MODEL, messages: [{ role: 'system', content: system }, { role: 'user', content: user }], ...extra };
}

describe('simulator: OpenAI API through the openai SDK', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sim.close());

  it('caches a shared prefix of at least 1,024 tokens in 128-token steps, as a subset of prompt_tokens', async () => {
    for (const sentences of [110, 150, 190, 260]) {
      h.sim.reset();
      const system = longText(sentences, `handbook ${sentences}`);
      const first = await h.openai.chat.completions.create(chat(system, 'Alpha question?'));
      const second = await h.openai.chat.completions.create(chat(system, 'Beta question?'));
      assert.equal(first.usage?.prompt_tokens_details?.cached_tokens, 0);
      // The shared prefix is the system message with its 3 framing tokens.
      const shared = 3 + count(system);
      const cached = second.usage!.prompt_tokens_details!.cached_tokens!;
      assert.equal(cached, shared >= 1024 ? Math.floor(shared / 128) * 128 : 0, `prefix of ${shared} tokens`);
      assert.equal(cached % 128, 0);
      assert.ok(cached <= second.usage!.prompt_tokens);
      assert.equal(second.usage!.prompt_tokens, 3 + count(system) + 3 + count('Beta question?') + 3);
    }
  });

  it('never caches a prompt under 1,024 tokens', async () => {
    const system = longText(20);
    for (let i = 0; i < 2; i++) {
      const { usage } = await h.openai.chat.completions.create(chat(system, 'Same question?'));
      assert.ok(usage!.prompt_tokens < 1024);
      assert.equal(usage!.prompt_tokens_details!.cached_tokens, 0);
    }
  });

  it('keeps separate caches per prompt_cache_key and forgets idle prompts', async () => {
    const system = longText(200);
    await h.openai.chat.completions.create(chat(system, 'One?', { prompt_cache_key: 'tenant-a' }));
    const otherKey = await h.openai.chat.completions.create(chat(system, 'Two?', { prompt_cache_key: 'tenant-b' }));
    assert.equal(otherKey.usage!.prompt_tokens_details!.cached_tokens, 0);
    const sameKey = await h.openai.chat.completions.create(chat(system, 'Three?', { prompt_cache_key: 'tenant-a' }));
    assert.ok(sameKey.usage!.prompt_tokens_details!.cached_tokens! >= 1024);
    h.advance(5 * MINUTE + 1);
    const idle = await h.openai.chat.completions.create(chat(system, 'Four?', { prompt_cache_key: 'tenant-a' }));
    assert.equal(idle.usage!.prompt_tokens_details!.cached_tokens, 0);
  });

  it('streams text deltas and, with include_usage, a final usage chunk without choices', async () => {
    const system = longText(200);
    const plain = await h.openai.chat.completions.create(chat(system, 'Stream me?'));
    const stream = await h.openai.chat.completions.create({ ...chat(system, 'Stream me?'), stream: true, stream_options: { include_usage: true } });
    let text = '';
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    const last = chunks[chunks.length - 1]!;
    assert.deepEqual(last.choices, []);
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));
    // The repeated prompt is shared up to the reply priming (its last 3 tokens).
    assert.equal(last.usage!.prompt_tokens_details!.cached_tokens, Math.floor((plain.usage!.prompt_tokens - 3) / 128) * 128);
    assert.equal(last.usage!.completion_tokens, plain.usage!.completion_tokens);
    assert.equal(text, plain.choices[0]!.message.content);
    assert.ok(chunks.filter((c) => c.choices[0]?.delta.content).length >= 3);
    assert.equal(chunks[chunks.length - 2]!.choices[0]!.finish_reason, 'stop');

    const withoutUsage = await h.openai.chat.completions.create({ ...chat(system, 'Stream me?'), stream: true });
    for await (const chunk of withoutUsage) assert.equal(chunk.usage, undefined);
  });

  it('labels responses as simulated', async () => {
    const { data, response } = await h.openai.chat.completions.create(chat('Be brief.', 'Hi')).withResponse();
    assert.equal(response.headers.get('x-simulated'), 'true');
    assert.match(data.id, /^chatcmpl-sim-/);
    assert.equal(data.system_fingerprint, 'fp_simulated');
  });

  it('answers a hard request to a small tier with needs_escalation', async () => {
    const system = 'If the task is beyond you, answer only {"needs_escalation": true, "reason": "..."}.';
    const reply = await h.openai.chat.completions.create({ ...chat(system, 'Design a sharded database schema, step by step.'), model: 'gpt-4.1-mini' });
    assert.equal(JSON.parse(reply.choices[0]!.message.content!).needs_escalation, true);
  });

  it('embeds deterministically with the requested dimensions, in float and in the SDK default base64', async () => {
    const texts = ['refund my order 1234', 'please refund order 1234', 'the weather is sunny today'];
    const asFloat = await h.openai.embeddings.create({ model: 'text-embedding-3-small', input: texts, dimensions: 256, encoding_format: 'float' });
    const asBase64 = await h.openai.embeddings.create({ model: 'text-embedding-3-small', input: texts, dimensions: 256 });
    assert.equal(asFloat.data.length, 3);
    for (const [i, item] of asFloat.data.entries()) {
      assert.equal(item.embedding.length, 256);
      asBase64.data[i]!.embedding.forEach((v, j) => assert.ok(Math.abs(v - item.embedding[j]!) < 1e-6));
    }
    const cosine = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    const [refundA, refundB, weather] = asFloat.data.map((d) => d.embedding) as [number[], number[], number[]];
    assert.ok(Math.abs(cosine(refundA, refundA) - 1) < 1e-9);
    assert.ok(cosine(refundA, refundB) > cosine(refundA, weather) + 0.3);
    assert.equal(asFloat.usage.prompt_tokens, texts.reduce((s, t) => s + count(t), 0));
    const full = await h.openai.embeddings.create({ model: 'text-embedding-3-large', input: 'x', encoding_format: 'float' });
    assert.equal(full.data[0]!.embedding.length, 3072);
    await assert.rejects(h.openai.embeddings.create({ model: 'text-embedding-3-small', input: 'x', dimensions: 5000 }), OpenAI.BadRequestError);
  });

  it('lists models and refuses unknown paths with a 404', async () => {
    const ids = [];
    for await (const model of h.openai.models.list()) ids.push(model.id);
    assert.ok(ids.includes('gpt-4o'));
    await assert.rejects(h.openai.completions.create({ model: MODEL, prompt: 'x' }), OpenAI.NotFoundError);
  });

  it('refuses a malformed request with a 400 naming the field', async () => {
    await assert.rejects(h.openai.chat.completions.create({ model: MODEL, messages: [] }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.BadRequestError);
      assert.match(err.message, /messages/);
      return true;
    });
  });

  it('serves the same cache in process through createSimulatorFetch', async () => {
    const client = new OpenAI({ apiKey: 'sim-test-key', baseURL: 'http://simulator.invalid/v1', fetch: createSimulatorFetch({ latencyScale: 0 }), maxRetries: 0 });
    const system = longText(200);
    await client.chat.completions.create(chat(system, 'One?'));
    const second = await client.chat.completions.create(chat(system, 'Two?'));
    assert.equal(second.usage!.prompt_tokens_details!.cached_tokens, Math.floor((3 + count(system)) / 128) * 128);
  });
});

describe('simulator: hostile requests', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.sim.close());

  it('answers odd but valid text (NUL, lone surrogates, bidi controls) normally', async () => {
    const reply = await h.openai.chat.completions.create(chat('a\u0000b', '\ud800 \u202e reversed \udfff'));
    assert.match(reply.choices[0]!.message.content!, /^Simulated/);
  });

  it('refuses a body that is not JSON, and one that is too large, with provider-shaped errors', async () => {
    const post = (body: string) => fetch(`${h.sim.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body });
    const bad = await post('{"model": ');
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys((await bad.json()) as object), ['type', 'error', 'request_id']);
    const huge = await post(JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 5, messages: [{ role: 'user', content: 'x'.repeat(33 * 1024 * 1024) }] }));
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { error: { type: string } }).error.type, 'request_too_large');
  });
});
