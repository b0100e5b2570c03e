import { strict as assert } from 'node:assert';
import { notification, type RunResult } from '../../src/protocol/playground';
import { planRuns } from '../../webview/plan';
import { addRuns, applyNotification, initialState, pendingRunIds, restoreState, totals, type RunView, type ViewState } from '../../webview/state';

function withPrompt(): ViewState {
  const state = initialState();
  applyNotification(
    state,
    notification('playground/didInit', {
      prompt: { uri: 'file:///a.prompty', name: 'a.prompty', model: null, maxTokens: null, temperature: null, syntax: 'mustache', variables: ['city', 'tone'], values: { city: 'Oslo', tone: 'dry' }, problems: [] },
      providers: [{ id: 'simulator', label: 'Simulator', kind: 'simulator', simulated: true, configured: true, needsKey: false, tiers: [{ tier: 'small', model: 'm-small' }, { tier: 'frontier', model: 'm-big' }] }],
      defaultProviderId: 'simulator',
    }),
  );
  return state;
}

function run(runId: string, batchId: string): RunView {
  return { runId, batchId, mode: 'pipeline', startedAt: '', request: 'q', target: 'router', provider: 'Simulator', simulated: true, stages: [], text: '', usage: null, liveCostUsd: null, result: null, status: 'running', error: null };
}

const result = (costUsd: number | null, cacheRead: number | null, cacheHit = false): RunResult => ({
  text: 'answer', model: 'm', tier: 'small', usage: { input: 1, cacheWrite: 0, cacheRead, output: 1 }, ttftMs: 1, latencyMs: 2,
  costUsd, naiveCostUsd: costUsd === null ? null : costUsd * 2, savingUsd: costUsd, cacheHit, similarity: cacheHit ? 0.95 : null, simulated: true,
});

describe('playground webview state', () => {
  it('Run ×N repeats the request and cycles the varied variable through its list', () => {
    const state = withPrompt();
    Object.assign(state, { repeat: 3, varyVariable: 'city', varyValues: 'Paris\n\n Rome \n' });
    const runs = planRuns(state);
    assert.deepEqual(runs.map((r) => r.variables), [
      { city: 'Paris', tone: 'dry' },
      { city: 'Rome', tone: 'dry' },
      { city: 'Paris', tone: 'dry' },
    ]);
    assert.equal(new Set(runs.map((r) => r.runId)).size, 3);
    assert.ok(runs.every((r) => r.tier === null && r.model === null), 'pipeline runs leave the choice to the router');
  });

  it('Compare sends one run per chosen tier and per listed model', () => {
    const state = withPrompt();
    Object.assign(state, { mode: 'compare', compareTiers: ['small', 'frontier'], compareModels: 'gpt-4.1, ' });
    assert.deepEqual(planRuns(state).map((r) => [r.tier, r.model]), [['small', null], ['frontier', null], [null, 'gpt-4.1']]);
  });

  it('streams text, then replaces it with the final answer and ends the batch when its last run ends', () => {
    const state = withPrompt();
    addRuns(state, [run('r1', 'b1'), run('r2', 'b1')]);
    state.batch = { batchId: 'b1', mode: 'pipeline' };
    applyNotification(state, notification('run/didStream', { runId: 'r1', delta: 'ans' }));
    assert.equal(state.runs[0].text, 'ans');
    applyNotification(state, notification('run/didComplete', { runId: 'r1', result: result(0.01, 0) }));
    assert.equal(state.runs[0].text, 'answer');
    assert.ok(state.batch, 'still one run going');
    assert.deepEqual(pendingRunIds(state), ['r2']);
    applyNotification(state, notification('run/didFail', { runId: 'r2', message: 'Cancelled.', cancelled: true }));
    assert.equal(state.runs[1].status, 'cancelled');
    assert.equal(state.batch, null);
  });

  it('starts the streamed answer afresh with each model call (retry, fallback, escalation)', () => {
    const state = withPrompt();
    addRuns(state, [run('r1', 'b1')]);
    const call = notification('run/didStage', { runId: 'r1', stage: { stage: 'call', model: 'm', tier: 'small', provider: 'sim' } });
    applyNotification(state, call);
    applyNotification(state, notification('run/didStream', { runId: 'r1', delta: 'half an ans' }));
    applyNotification(state, notification('run/didUsage', { runId: 'r1', usage: { input: 1, cacheWrite: 0, cacheRead: 0, output: 3 }, costUsd: 0.1 }));
    applyNotification(state, call);
    assert.deepEqual([state.runs[0].text, state.runs[0].usage, state.runs[0].stages.length], ['', null, 2]);
    applyNotification(state, notification('run/didStream', { runId: 'r1', delta: 'whole' }));
    assert.equal(state.runs[0].text, 'whole');
  });

  it('totals count finished runs and never turn an unknown cost into a number', () => {
    const state = withPrompt();
    addRuns(state, [run('r1', 'b'), run('r2', 'b'), run('r3', 'b')]);
    applyNotification(state, notification('run/didComplete', { runId: 'r1', result: result(0.02, 0) }));
    applyNotification(state, notification('run/didComplete', { runId: 'r2', result: result(0.01, 1800, true) }));
    applyNotification(state, notification('run/didComplete', { runId: 'r3', result: result(null, null) }));
    const t = totals(state.runs);
    assert.equal(t.runs, 3);
    assert.ok(Math.abs(t.costUsd - 0.03) < 1e-12);
    assert.equal(t.cacheRead, 1800);
    assert.equal(t.semanticHits, 1);
  });

  it('keeps values typed in the panel over the remembered ones, per file', () => {
    const state = withPrompt();
    state.values['file:///a.prompty'].city = 'Bergen';
    applyNotification(state, notification('playground/didInit', { prompt: { ...state.prompt!, values: { city: 'Oslo' } }, providers: state.providers, defaultProviderId: 'simulator' }));
    assert.equal(state.values['file:///a.prompty'].city, 'Bergen');
  });

  it('an edited prompt updates the variables but keeps the providers and typed values', () => {
    const state = withPrompt();
    state.values['file:///a.prompty'].city = 'Bergen';
    const providers = state.providers;
    applyNotification(state, notification('prompt/didChange', { prompt: { ...state.prompt!, variables: ['city', 'tone', 'day'], values: { day: 'Monday' } } }));
    assert.deepEqual(state.prompt?.variables, ['city', 'tone', 'day']);
    assert.equal(state.providers, providers);
    assert.deepEqual(state.values['file:///a.prompty'], { day: 'Monday', city: 'Bergen', tone: 'dry' });
  });

  it('starts fresh from saved state of another shape', () => {
    assert.deepEqual(restoreState({ version: 0, runs: 'x' }), initialState());
    assert.deepEqual(restoreState(null), initialState());
  });
});
