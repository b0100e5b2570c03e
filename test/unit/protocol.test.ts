import { strict as assert } from 'node:assert';
import { command, notification, parseCommand, parseNotification, type HistoryRow } from '../../src/protocol/playground';

const usage = { input: 120, cacheWrite: 1800, cacheRead: 0, output: 42 };
const row: HistoryRow = {
  runId: 'r1',
  startedAt: '2026-01-01T00:00:00.000Z',
  mode: 'pipeline',
  provider: 'Simulator',
  simulated: true,
  request: 'Summarise, please',
  model: 'claude-sonnet-4-5',
  tier: 'frontier',
  cacheHit: false,
  similarity: null,
  usage,
  ttftMs: 12,
  latencyMs: 80,
  costUsd: 0.01,
  naiveCostUsd: 0.012,
  savingUsd: 0.002,
  status: 'ok',
  error: null,
};

describe('playground protocol', () => {
  describe('accepts well-formed messages', () => {
    const commands = [
      command('webview/ready', { pendingRunIds: [] }),
      command('prompt/setValues', { uri: 'file:///a.prompt.md', values: { name: 'Ada' } }),
      command('run/start', {
        batchId: 'b1',
        mode: 'compare',
        providerId: 'simulator',
        request: 'hi',
        runs: [
          { runId: 'r1', variables: {}, tier: 'small', model: null },
          { runId: 'r2', variables: {}, tier: 'frontier', model: null },
        ],
        semanticCache: false,
        fault: 'server-error',
      }),
      command('run/cancel', { batchId: 'b1' }),
      command('provider/setApiKey', { providerId: 'anthropic' }),
      command('history/export', { rows: [row] }),
    ];
    for (const message of commands) {
      it(`command ${message.method}`, () => assert.deepEqual(parseCommand(message), { ok: true, message }));
    }
    const notifications = [
      notification('run/didStage', { runId: 'r1', stage: { stage: 'route', tier: 'small', confidence: 0.8, reason: 'extract verb' } }),
      notification('run/didStage', {
        runId: 'r1',
        stage: { stage: 'semanticCache', hit: true, similarity: 0.93, matchedRequest: 'x', guard: null, embedder: 'lexical' },
      }),
      notification('run/didUsage', { runId: 'r1', usage: { input: 5, cacheWrite: null, cacheRead: null, output: null }, costUsd: null }),
      notification('run/didFail', { runId: 'r1', message: '500 overloaded', cancelled: false }),
    ];
    for (const message of notifications) {
      it(`notification ${message.method}`, () => assert.deepEqual(parseNotification(message), { ok: true, message }));
    }
  });

  describe('refuses what it does not know, with a reason', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['a non-object', 'run/start', /not an object/],
      ['null', null, /not an object/],
      ['an unknown method', { method: 'run/explode', params: {} }, /unknown method/],
      ['an inherited property name as method', { method: 'toString', params: {} }, /unknown method/],
      ['a notification sent as a command', { method: 'run/didStream', params: { runId: 'r', delta: 'x' } }, /unknown method/],
      ['missing params', { method: 'run/cancel' }, /expected an object/],
      ['an extra envelope field', { method: 'run/cancel', params: { batchId: 'b' }, eval: 'x' }, /unexpected field eval/],
      ['an extra params field', { method: 'run/cancel', params: { batchId: 'b', apiKey: 'sk' } }, /unexpected field/],
      ['a wrong type', { method: 'run/cancel', params: { batchId: 7 } }, /params\.batchId: expected a string/],
      ['NaN where a number goes', { method: 'history/export', params: { rows: [{ ...row, latencyMs: Number.NaN }] } }, /latencyMs/],
      ['a literal out of range', { method: 'run/start', params: { batchId: 'b', mode: 'race', providerId: 's', request: '', runs: [], semanticCache: true, fault: 'none' } }, /mode/],
      ['an over-long id', { method: 'run/cancel', params: { batchId: 'x'.repeat(201) } }, /longer than 200/],
      ['an array as params', { method: 'webview/ready', params: [] }, /expected an object/],
    ];
    for (const [name, raw, reason] of cases) {
      it(name, () => {
        const parsed = parseCommand(raw);
        assert.equal(parsed.ok, false);
        if (!parsed.ok) assert.match(parsed.reason, reason);
      });
    }

    it('an unknown stage variant inside a notification', () => {
      const parsed = parseNotification({ method: 'run/didStage', params: { runId: 'r', stage: { stage: 'teleport' } } });
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.reason, /stage\.stage: unknown variant/);
    });

    it('a stage missing one of its fields', () => {
      const parsed = parseNotification({ method: 'run/didStage', params: { runId: 'r', stage: { stage: 'route', tier: 'small', reason: 'x' } } });
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.reason, /confidence/);
    });

    it('a usage with a string count', () => {
      const parsed = parseNotification({ method: 'run/didUsage', params: { runId: 'r', usage: { ...usage, cacheRead: '1800' }, costUsd: 0 } });
      assert.equal(parsed.ok, false);
    });
  });
});
