// The pipeline through the official SDKs against the simulator over loopback: prefix caching as the
// providers bill it, and every injected fault ending in a retry, a fallback or a clear error.
import { strict as assert } from 'node:assert';
import { costFromUsage } from '../../../src/core/cost';
import { createPipeline, PipelineError, type PipelineDeps, type TierConfig } from '../../../src/pipeline';
import type { PipelineEvent } from '../../../src/pipeline/events';
import { lexicalEmbedder } from '../../../src/pipeline/embed/lexical';
import { buildAnthropicRequest, createAnthropicProvider, MAX_BREAKPOINTS } from '../../../src/pipeline/providers/anthropic';
import { createOpenAIProvider } from '../../../src/pipeline/providers/openai';
import { requestFromParts } from '../../../src/pipeline/request';
import { SemanticCache } from '../../../src/pipeline/semantic/cache';
import { startSimulator, type SimulatorServer } from '../../../src/simulator';

const MINUTE = 60_000;
const SONNET: TierConfig[] = [{ name: 'frontier', model: 'claude-sonnet-4-6' }];

/** Distinct sentences, so the prefix is long enough to cache (≈ 14 tokens each). */
function policy(sentences: number): string {
  return Array.from({ length: sentences }, (_, i) => `Rule ${i + 1}: answer questions about order ${i * 7 + 3} politely and briefly.`).join(' ');
}

const noWait = async () => undefined;

describe('pipeline through the SDKs against the simulator', function () {
  let sim: SimulatorServer;
  let now: number;

  beforeEach(async () => {
    now = Date.UTC(2026, 10, 23);
    sim = await startSimulator({ latencyScale: 0, clock: () => now });
  });
  afterEach(() => sim.close());

  const anthropic = () => createAnthropicProvider({ apiKey: 'sim-key-12345678', baseURL: sim.url, simulated: true });
  const openai = () => createOpenAIProvider({ apiKey: 'sim-key-12345678', baseURL: `${sim.url}/v1`, simulated: true });
  const pipeline = (extra: Partial<PipelineDeps> = {}) => createPipeline({ provider: anthropic(), tiers: SONNET, sleep: noWait, ...extra });

  it('writes the static prefix on the first call and reads exactly it on the second, at the lower price', async () => {
    const p = pipeline();
    const system = policy(150);
    const first = await p.run({ request: requestFromParts({ system, user: 'Where is order 10?' }) });
    const second = await p.run({ request: requestFromParts({ system, user: 'Where is order 17?' }) });
    assert.equal(first.simulated, true);
    assert.ok(first.usage.cacheWrite! > 1024, `wrote ${first.usage.cacheWrite}`);
    assert.equal(first.usage.cacheRead, 0);
    assert.equal(second.usage.cacheRead, first.usage.cacheWrite, 'reads exactly the prefix written');
    assert.equal(second.usage.cacheWrite, 0);
    const priced = (u: typeof first.usage) => costFromUsage({ input: u.input!, cacheWrite: u.cacheWrite!, cacheRead: u.cacheRead!, output: u.output! }, 'claude-sonnet-4-6');
    assert.equal(first.costUSD, priced(first.usage));
    assert.equal(second.costUSD, priced(second.usage));
    assert.ok(second.costUSD! < first.costUSD! / 2, `${second.costUSD} vs ${first.costUSD}`);
    // Naive: the same tokens on the frontier model with no caching at all.
    const total = second.usage.input! + second.usage.cacheRead!;
    assert.equal(second.naiveCostUSD, costFromUsage({ input: total, cacheWrite: 0, cacheRead: 0, output: second.usage.output! }, 'claude-sonnet-4-6'));
    assert.ok(second.savingUSD! > 0);
  });

  it('writes again after the TTL, and with a 1-hour TTL bills the 1-hour write price', async () => {
    const system = policy(150);
    const p = pipeline();
    await p.run({ request: requestFromParts({ system, user: 'Where is order 10?' }) });
    now += 6 * MINUTE;
    const late = await p.run({ request: requestFromParts({ system, user: 'Where is order 11?' }) });
    assert.ok(late.usage.cacheWrite! > 1024);
    assert.equal(late.usage.cacheRead, 0);

    const hour = pipeline({ cacheTtl: '1h' });
    const r = await hour.run({ request: requestFromParts({ system: policy(151), user: 'Where is order 12?' }) });
    const u = r.usage;
    assert.equal(r.costUSD, costFromUsage({ input: u.input!, cacheWrite: u.cacheWrite!, cacheWrite1h: u.cacheWrite!, cacheRead: 0, output: u.output! }, 'claude-sonnet-4-6'));
  });

  it('never caches a prefix under the model minimum', async () => {
    const p = pipeline();
    for (const user of ['Where is order 1?', 'Where is order 2?']) {
      const r = await p.run({ request: requestFromParts({ system: 'You are brief.', user }) });
      assert.equal(r.usage.cacheWrite, 0);
      assert.equal(r.usage.cacheRead, 0);
    }
  });

  it('reads OpenAI cached tokens in 128-token steps, as part of the prompt tokens', async () => {
    const p = createPipeline({ provider: openai(), tiers: [{ name: 'frontier', model: 'gpt-4.1' }] });
    const system = policy(150);
    await p.run({ request: requestFromParts({ system, user: 'Where is order 10?' }) });
    const r = await p.run({ request: requestFromParts({ system, user: 'Where is order 17?' }) });
    assert.ok(r.usage.cacheRead! >= 1024);
    assert.equal(r.usage.cacheRead! % 128, 0);
    assert.equal(r.usage.cacheWrite, 0);
    assert.ok(r.usage.input! > 0 && r.usage.input! < 128 + 30, `uncached remainder ${r.usage.input}`);
  });

  it('puts at most four cache breakpoints, on the last static block of tools, system and messages', () => {
    const body = buildAnthropicRequest(
      {
        tools: [{ name: 'lookup', description: 'd', inputSchema: { type: 'object' } }, { name: 'cancel', description: 'd', inputSchema: { type: 'object' } }],
        toolsStatic: true,
        system: [{ text: 'Policy', static: true }, { text: 'Document', static: true }, { text: 'Today is Monday', static: false }],
        messages: [
          { role: 'user', blocks: [{ text: 'Long reference', static: true }] },
          { role: 'assistant', blocks: [{ text: 'Noted', static: true }] },
          { role: 'user', blocks: [{ text: 'question', static: false }] },
        ],
      },
      'claude-sonnet-4-6',
      100,
      '1h',
    );
    const json = JSON.stringify(body);
    const marks = json.match(/cache_control/g)?.length ?? 0;
    assert.ok(marks <= MAX_BREAKPOINTS);
    assert.equal(marks, 3);
    assert.deepEqual(body.tools!.map((t) => 'cache_control' in t), [false, true]);
    const system = body.system as Array<{ text: string; cache_control?: { ttl: string } }>;
    assert.deepEqual(system.map((b) => b.cache_control?.ttl ?? null), [null, '1h', null]);
    const contents = body.messages.map((m) => (m.content as Array<{ cache_control?: unknown }>).map((b) => 'cache_control' in b));
    assert.deepEqual(contents, [[false], [true], [false]]);
  });

  describe('faults', () => {
    it('retries a 429 after the retry-after the provider asked for', async () => {
      sim.setFaults({ kind: 'rate-limit', retryAfter: 2, times: 1 });
      const events: PipelineEvent[] = [];
      const waits: number[] = [];
      const p = pipeline({ sleep: async (ms) => void waits.push(ms) });
      const r = await p.run({ request: requestFromParts({ user: 'Hello' }) }, { onEvent: (e) => events.push(e) });
      assert.deepEqual(waits, [2000]);
      const retry = events.find((e) => e.type === 'retry');
      assert.ok(retry && retry.type === 'retry' && /429/.test(retry.reason));
      assert.equal(r.calls[0]!.attempts, 2);
    });

    it('does not wait for a retry-after beyond the bound: falls back or fails clearly', async () => {
      sim.setFaults({ kind: 'rate-limit', retryAfter: 120, path: '/v1/messages' });
      const p = pipeline({ retry: { maxRetryAfterMs: 10_000 } });
      await assert.rejects(p.run({ request: requestFromParts({ user: 'Hello' }) }), (err: PipelineError) => {
        assert.equal(err.code, 'provider');
        assert.match(err.message, /429.*asked to wait 120 s, more than the 10 s allowed/);
        return true;
      });
    });

    it('falls back to the tier fallback model when the first keeps failing', async () => {
      sim.setFaults({ kind: 'server-error', times: 3 });
      const events: PipelineEvent[] = [];
      const p = pipeline({ tiers: [{ name: 'frontier', model: 'claude-sonnet-4-6', fallbackModel: 'claude-opus-4-6' }] });
      const r = await p.run({ request: requestFromParts({ user: 'Hello' }) }, { onEvent: (e) => events.push(e) });
      assert.equal(r.model, 'claude-opus-4-6');
      assert.equal(r.calls[0]!.attempts, 4);
      assert.ok(events.some((e) => e.type === 'fallback' && e.fromModel === 'claude-sonnet-4-6' && e.toModel === 'claude-opus-4-6'));
    });

    for (const kind of ['stall', 'truncate', 'malformed', 'reset', 'overloaded'] as const) {
      it(`recovers from a ${kind} by retrying, and caches only the complete answer`, async () => {
        // Event 2 of an Anthropic stream is a ping the SDK skips; 4 is a text delta.
        sim.setFaults({ kind, times: 1, afterEvents: 4 });
        const cache = await SemanticCache.open({ embedder: lexicalEmbedder });
        const p = pipeline({ semanticCache: cache, retry: { stallMs: 1500 } }); // generous: a loaded CI machine must not look stalled
        const r = await p.run({ request: requestFromParts({ user: 'What is the refund policy?' }) });
        assert.equal(r.calls[0]!.attempts, 2);
        assert.equal(cache.size, 1);
        const again = await p.run({ request: requestFromParts({ user: 'What is the refund policy?' }) });
        assert.equal(again.cacheHit, true);
        assert.equal(again.text, r.text, 'the cached answer is the complete one');
      });
    }

    it('ends persistent failures in a clear error and leaves no semantic-cache entry', async () => {
      sim.setFaults({ kind: 'truncate', afterEvents: 2 });
      const cache = await SemanticCache.open({ embedder: lexicalEmbedder });
      const events: PipelineEvent[] = [];
      const p = pipeline({ semanticCache: cache });
      await assert.rejects(p.run({ request: requestFromParts({ user: 'What is the refund policy?' }) }, { onEvent: (e) => events.push(e) }), /connection was cut mid-answer/);
      assert.equal(cache.size, 0);
      const last = events.at(-1)!;
      assert.equal(last.type, 'error');
      assert.equal(events.filter((e) => e.type === 'model-call').length, 3);
    });

    it('shows usage a provider did not report as unknown, never as zero', async () => {
      sim.setFaults({ kind: 'no-usage', times: 1 });
      const r = await pipeline().run({ request: requestFromParts({ user: 'Hello' }) });
      assert.deepEqual(r.usage, { input: null, cacheWrite: null, cacheRead: null, output: null });
      assert.equal(r.costUSD, null);
      assert.equal(r.naiveCostUSD, null);
      assert.equal(r.savingUSD, null);
    });

    it('cancels a streaming run promptly', async () => {
      sim.setFaults({ kind: 'slow', delayMs: 200 });
      const controller = new AbortController();
      const started = Date.now();
      const run = pipeline().run({ request: requestFromParts({ user: 'Hello' }) }, { signal: controller.signal, onEvent: (e) => e.type === 'text' && controller.abort() });
      await assert.rejects(run, (err: PipelineError) => err.code === 'aborted');
      assert.ok(Date.now() - started < 2000);
    });
  });
});
