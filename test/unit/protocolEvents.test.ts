import { strict as assert } from 'node:assert';
import type { PipelineEvent, PipelineResult } from '../../src/pipeline/events';
import { parseNotification } from '../../src/protocol/playground';
import { redactSecrets } from '../../src/pipeline/redact';
import { notificationFor } from '../../src/vscode/playgroundEvents';

const CANARY = 'sk-ant-canary-0123456789abcdef';
const result: PipelineResult = {
  requestId: 'req_1',
  text: 'Hello',
  simulated: true,
  cacheHit: false,
  similarity: 0.41,
  route: { tier: 'small', confidence: 0.82, reason: 'extraction verb', router: 'rules', escalatedByMargin: false },
  model: 'claude-haiku-4-5',
  calls: [],
  usage: { input: 20, cacheWrite: 1500, cacheRead: 0, output: 30 },
  costUSD: 0.002,
  naiveCostUSD: 0.006,
  savingUSD: 0.004,
  latencyMs: 300,
  ttftMs: 90,
};

const events: PipelineEvent[] = [
  { type: 'semantic-cache', hit: false, similarity: 0.41, matchedRequest: 'other', guard: 'negation', threshold: 0.9, embedder: 'lexical' },
  { type: 'route', decision: result.route!, model: 'claude-haiku-4-5' },
  { type: 'model-call', tier: 'small', model: 'claude-haiku-4-5', provider: 'anthropic', attempt: 1, simulated: true },
  { type: 'retry', model: 'claude-haiku-4-5', attempt: 2, delayMs: 1000, reason: `429 for key ${CANARY}` },
  { type: 'fallback', fromModel: 'a', toModel: 'b', reason: '529 overloaded' },
  { type: 'text', delta: 'Hel' },
  { type: 'usage', model: 'claude-haiku-4-5', usage: { input: 20, cacheWrite: 1500, cacheRead: 0, output: null } },
  { type: 'escalation', fromTier: 'small', toTier: 'frontier', reason: 'needs_escalation' },
  { type: 'done', result },
  { type: 'error', message: `401 invalid x-api-key ${CANARY}`, code: 'provider' },
  { type: 'error', message: 'aborted', code: 'aborted' },
];

const redact = (m: string): string => redactSecrets(m, [CANARY]);

describe('pipeline events → playground notifications', () => {
  for (const event of events) {
    it(`${event.type} becomes a notification the webview accepts`, () => {
      const n = notificationFor('r1', event, redact, () => 0.001);
      assert.ok(n);
      const parsed = parseNotification(JSON.parse(JSON.stringify(n)));
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
      assert.ok(!JSON.stringify(n).includes(CANARY), 'a key reached a webview message');
    });
  }

  it('keeps unknown usage unknown and prices live usage', () => {
    const n = notificationFor('r1', events[6], redact, (model, usage) => (model === 'claude-haiku-4-5' && usage.cacheWrite === 1500 ? 0.5 : null));
    assert.deepEqual(n, {
      method: 'run/didUsage',
      params: { runId: 'r1', usage: { input: 20, cacheWrite: 1500, cacheRead: 0, output: null }, costUsd: 0.5 },
    });
  });

  it('reports cancellation as cancelled, and a provider error with its message', () => {
    const cancelled = notificationFor('r1', events[10], redact, () => null);
    const failed = notificationFor('r1', events[9], redact, () => null);
    assert.deepEqual(cancelled?.params, { runId: 'r1', message: 'aborted', cancelled: true });
    assert.deepEqual(failed?.params, { runId: 'r1', message: '401 invalid x-api-key [redacted]', cancelled: false });
  });

  it('carries the final figures of a run', () => {
    const n = notificationFor('r1', { type: 'done', result }, redact, () => null);
    assert.equal(n?.method, 'run/didComplete');
    if (n?.method !== 'run/didComplete') return;
    assert.deepEqual(
      [n.params.result.tier, n.params.result.costUsd, n.params.result.naiveCostUsd, n.params.result.savingUsd, n.params.result.simulated],
      ['small', 0.002, 0.006, 0.004, true],
    );
  });
});
