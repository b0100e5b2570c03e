// The pipeline's own behaviour with the in-process simulator: routing and escalation, the budget
// guard, accounting under concurrency, the call log, and keys that never leak.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallLog, callLogToCsv, createPipeline, toOtelAttributes, type PipelineDeps } from '../../../src/pipeline';
import type { PipelineEvent } from '../../../src/pipeline/events';
import { lexicalEmbedder } from '../../../src/pipeline/embed/lexical';
import { createAnthropicProvider } from '../../../src/pipeline/providers/anthropic';
import { ANTHROPIC_TIERS } from '../../../src/pipeline/providers/create';
import { requestFromParts } from '../../../src/pipeline/request';
import { SemanticCache } from '../../../src/pipeline/semantic/cache';
import { createSimulatorFetch, type SimulatorFetch } from '../../../src/simulator';

const CANARY = 'sk-ant-canary-7f3b9c1d2e4a5b6c';

describe('pipeline', () => {
  let fetch: SimulatorFetch;
  let requests: number;
  const counted = (): typeof fetch => Object.assign((input: string | URL | Request, init?: RequestInit) => {
    requests++;
    return fetch(input, init);
  }, { setFaults: (s: Parameters<SimulatorFetch['setFaults']>[0]) => fetch.setFaults(s), reset: () => fetch.reset() });

  beforeEach(() => {
    fetch = createSimulatorFetch({ latencyScale: 0 });
    requests = 0;
  });

  const make = (extra: Partial<PipelineDeps> = {}) =>
    createPipeline({
      provider: createAnthropicProvider({ apiKey: CANARY, baseURL: 'http://sim.invalid', fetch: counted(), simulated: true }),
      tiers: ANTHROPIC_TIERS,
      secrets: [CANARY],
      sleep: async () => undefined,
      ...extra,
    });

  it('routes a simple request to the small tier and a complex one to the frontier tier', async () => {
    const events: PipelineEvent[] = [];
    const p = make();
    const simple = await p.run({ request: requestFromParts({ user: 'Translate "thank you" into German.' }) }, { onEvent: (e) => events.push(e) });
    assert.equal(simple.route!.tier, 'small');
    assert.equal(simple.model, 'claude-haiku-4-5');
    const complex = await p.run({ request: requestFromParts({ user: 'Design a plan to migrate our billing database with no downtime, step by step.' }) });
    assert.equal(complex.route!.tier, 'frontier');
    assert.equal(complex.model, 'claude-sonnet-4-6');
    const route = events.find((e) => e.type === 'route');
    assert.ok(route && route.type === 'route' && route.decision.reason.length > 0 && route.model === 'claude-haiku-4-5');
  });

  it('re-runs on the frontier tier when the small tier asks for escalation, charging both calls', async () => {
    const events: PipelineEvent[] = [];
    const r = await make().run({ request: requestFromParts({ user: 'Classify this ticket [[hard]]: the invoice total is wrong' }) }, { onEvent: (e) => events.push(e) });
    assert.equal(r.route!.tier, 'small');
    assert.equal(r.calls.length, 2);
    assert.deepEqual(r.calls.map((c) => [c.tier, c.model, c.escalation]), [['small', 'claude-haiku-4-5', true], ['frontier', 'claude-sonnet-4-6', false]]);
    assert.ok(r.calls.every((c) => c.costUSD! > 0));
    assert.equal(r.costUSD, r.calls[0]!.costUSD! + r.calls[1]!.costUSD!);
    assert.equal(r.model, 'claude-sonnet-4-6');
    assert.ok(!r.text.includes('needs_escalation'));
    assert.ok(events.some((e) => e.type === 'escalation' && e.fromTier === 'small' && e.toTier === 'frontier'));
    const streamed = events.filter((e) => e.type === 'text').map((e) => (e as { delta: string }).delta).join('');
    assert.equal(streamed, r.text, 'the escalation request itself is never shown as the answer');
  });

  it('refuses a request that would exceed the session budget before calling the provider', async () => {
    const p = make({ budgetUSD: 0.0001 });
    const events: PipelineEvent[] = [];
    await assert.rejects(p.run({ request: requestFromParts({ system: 'Policy. '.repeat(2000), user: 'Hello' }) }, { onEvent: (e) => events.push(e) }), (err: Error & { code: string }) => {
      assert.equal(err.code, 'budget');
      assert.match(err.message, /Budget guard: .*nothing was sent/);
      return true;
    });
    assert.equal(requests, 0);
    assert.equal(events.at(-1)!.type, 'error');
  });

  it('stops sending once the spend reaches the limit', async () => {
    const p = make({ budgetUSD: 0.05 });
    let refused = 0;
    for (let i = 0; i < 40; i++) {
      try {
        await p.run({ request: requestFromParts({ system: 'Policy. '.repeat(800), user: `Design a plan number ${i} step by step.` }) });
      } catch {
        refused++;
      }
    }
    assert.ok(refused > 0);
    assert.ok(p.budget.spentUSD <= 0.05, `spent ${p.budget.spentUSD}`);
  });

  it('serves a semantic-cache hit at no model cost, reporting similarity, the matched request and the naive cost', async () => {
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder });
    const p = make({ semanticCache: cache });
    const first = await p.run({ request: requestFromParts({ system: 'You answer store questions.', user: 'What are your opening hours on Saturday?' }) });
    const before = requests;
    const events: PipelineEvent[] = [];
    const hit = await p.run({ request: requestFromParts({ system: 'You answer store questions.', user: 'what are your opening hours on saturday' }) }, { onEvent: (e) => events.push(e) });
    assert.equal(requests, before);
    assert.equal(hit.cacheHit, true);
    assert.equal(hit.text, first.text);
    assert.equal(hit.costUSD, 0);
    assert.ok(hit.naiveCostUSD! > 0);
    const stage = events.find((e) => e.type === 'semantic-cache');
    assert.ok(stage && stage.type === 'semantic-cache' && stage.hit && stage.matchedRequest === 'What are your opening hours on Saturday?' && stage.similarity! >= 0.9);
    const refused = await p.run({ request: requestFromParts({ system: 'You answer store questions.', user: 'What are your opening hours on Sunday?' }) });
    assert.equal(refused.cacheHit, false);
  });

  it('keeps per-request costs summing to the total over 200 concurrent requests, logging each one', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'pcl-load-'));
    const log = new CallLog(join(dir, 'calls.jsonl'), () => undefined);
    const p = make({ callLog: log, budgetUSD: 100 });
    const heapBefore = process.memoryUsage().heapUsed;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        p.run({ request: requestFromParts({ system: 'You are a support assistant for Acme. '.repeat(150), user: i % 3 ? `Where is order ${i}?` : `Plan the rollout of feature ${i} step by step [[hard]]` }), feature: 'load' }),
      ),
    );
    const sum = results.reduce((s, r) => s + r.costUSD!, 0);
    const rows = await log.read();
    assert.equal(rows.length, 200);
    const logged = rows.reduce((s, r) => s + r.costUSD!, 0);
    assert.ok(Math.abs(sum - logged) < 1e-12, `${sum} vs ${logged}`);
    assert.ok(Math.abs(sum - p.budget.spentUSD) < 1e-12);
    assert.deepEqual(new Set(rows.map((r) => r.requestId)).size, 200);
    const growth = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    console.log(`      200 concurrent runs: total $${sum.toFixed(6)} (Simulated), heap growth ${growth.toFixed(1)} MB`);
    assert.ok(growth < 200);
  });

  it('exports the call log to CSV and OpenTelemetry GenAI attributes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcl-log-'));
    const log = new CallLog(join(dir, 'calls.jsonl'), () => undefined);
    const p = make({ callLog: log });
    const r = await p.run({ request: requestFromParts({ system: 'Rule. '.repeat(1500), user: 'Where is order 5?' }), feature: 'support', tier: 'frontier' });
    const [row] = await log.read();
    assert.equal(row!.feature, 'support');
    assert.equal(row!.promptTokens, r.usage.input! + r.usage.cacheWrite! + r.usage.cacheRead!);
    const csv = callLogToCsv([row!]).split('\r\n');
    assert.equal(csv[0], 'timestamp,feature,model,route,provider,promptTokens,completionTokens,cacheReadTokens,cacheWriteTokens,costUSD,naiveCostUSD,latencyMs,ttftMs,cacheHit,similarity,requestId,simulated');
    assert.match(csv[1]!, /,support,claude-sonnet-4-6,frontier \(fixed\),anthropic \(simulated\),/);
    const otel = toOtelAttributes(row!);
    assert.equal(otel['gen_ai.usage.input_tokens'], row!.promptTokens);
    assert.equal(otel['gen_ai.usage.output_tokens'], r.usage.output);
    assert.equal(otel['gen_ai.usage.cache_creation.input_tokens'], r.usage.cacheWrite);
    assert.equal(otel['gen_ai.request.model'], 'claude-sonnet-4-6');
    assert.equal('prompt_cost_lens.semantic_cache.similarity' in otel, false, 'unknown values are left out');
  });

  it('never lets the API key appear in events, errors, the call log or its exports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcl-canary-'));
    const log = new CallLog(join(dir, 'calls.jsonl'), () => undefined);
    const seen: string[] = [];
    // A hostile or buggy endpoint that echoes the key back in its error.
    const echo = async (_input: string | URL | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      const key = headers.get('x-api-key') ?? headers.get('authorization');
      return new Response(JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: `bad key ${key}` } }), { status: 400, headers: { 'content-type': 'application/json' } });
    };
    const ok = make({ callLog: log });
    const bad = createPipeline({ provider: createAnthropicProvider({ apiKey: CANARY, baseURL: 'http://sim.invalid', fetch: echo }), tiers: ANTHROPIC_TIERS, secrets: [CANARY], callLog: log });
    fetch.setFaults({ kind: 'server-error', times: 1 });
    await ok.run({ request: requestFromParts({ user: 'Hello there' }) }, { onEvent: (e) => seen.push(JSON.stringify(e)) });
    await bad.run({ request: requestFromParts({ user: 'Hello there' }) }, { onEvent: (e) => seen.push(JSON.stringify(e)) }).catch((err: Error) => seen.push(err.message, String(err.stack)));
    assert.ok(seen.some((s) => s.includes('[redacted]')), 'the echoed key was found and redacted');
    const everything = [...seen, ...readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')), callLogToCsv(await log.read()), JSON.stringify((await log.read()).map(toOtelAttributes))].join('\n');
    assert.equal(everything.includes(CANARY), false);
  });
});
