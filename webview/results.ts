// The runs of the current batch: one card per run, stacked in pipeline mode and side by side in
// compare mode. Each shows the stages as they happen, the streamed answer, live usage, timings and
// cost. Every figure the simulator produced carries a "Simulated" badge.
import type { StageInfo, Usage } from '../src/protocol/playground';
import { h } from './dom';
import { ms, percent, tokens, usd } from './format';
import type { RunView, ViewState } from './state';

export function simulatedBadge(): HTMLElement {
  return h('vscode-badge', { class: 'simulated', title: 'Produced by the offline provider simulator, not a real model' }, 'Simulated');
}

/** A long matched request is shown by its end, where the user's own words are. */
function clip(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `…${flat.slice(flat.length - max)}`;
}

export function describeStage(stage: StageInfo): string {
  switch (stage.stage) {
    case 'semanticCache': {
      const sim = stage.similarity === null ? '' : ` (similarity ${stage.similarity.toFixed(3)}, ${stage.embedder})`;
      if (stage.hit) return `Semantic cache: hit${sim}${stage.matchedRequest ? ` — matched “${clip(stage.matchedRequest)}”` : ''}`;
      return `Semantic cache: miss${sim}${stage.guard ? ` — refused by the ${stage.guard} guard` : ''}`;
    }
    case 'route':
      return `Router: ${stage.tier} tier, confidence ${percent(stage.confidence)} — ${stage.reason}`;
    case 'call':
      return `Call: ${stage.model}${stage.tier ? ` (${stage.tier} tier)` : ''} via ${stage.provider}`;
    case 'escalate':
      return `Escalated: ${stage.from} → ${stage.to} — ${stage.reason}`;
    case 'retry':
      return `Retry ${stage.attempt} in ${ms(stage.delayMs)} — ${stage.reason}`;
    case 'fallback':
      return `Fallback: ${stage.from} → ${stage.to} — ${stage.reason}`;
  }
}

const STAGE_ICONS: Record<StageInfo['stage'], string> = {
  semanticCache: 'database',
  route: 'git-merge',
  call: 'cloud',
  escalate: 'arrow-up',
  retry: 'refresh',
  fallback: 'debug-step-over',
};

function metric(label: string, field: string, value: number | null | undefined, text: string): HTMLElement {
  return h(
    'div',
    { class: 'metric', 'data-field': field, 'data-value': value === null || value === undefined ? '' : String(value) },
    h('dt', {}, label),
    h('dd', {}, text),
  );
}

function usageList(usage: Usage | null): HTMLElement {
  const u = usage ?? { input: null, cacheWrite: null, cacheRead: null, output: null };
  return h(
    'dl',
    { class: 'usage', 'aria-label': 'Token usage' },
    metric('Input', 'input', u.input, tokens(u.input)),
    metric('Cache write', 'cacheWrite', u.cacheWrite, tokens(u.cacheWrite)),
    metric('Cache read', 'cacheRead', u.cacheRead, tokens(u.cacheRead)),
    metric('Output', 'output', u.output, tokens(u.output)),
  );
}

function runCard(run: RunView, index: number): HTMLElement {
  const r = run.result;
  const statusIcon = { running: 'loading codicon-modifier-spin', ok: 'pass', error: 'error', cancelled: 'circle-slash' }[run.status];
  const cost = r?.costUsd ?? run.liveCostUsd;
  return h(
    'article',
    { class: `run ${run.status}`, 'data-run-id': run.runId, 'data-status': run.status, 'aria-label': `Run ${index + 1}` },
    h(
      'header',
      {},
      h('span', { class: `codicon codicon-${statusIcon}`, 'aria-hidden': 'true' }),
      h('h3', {}, `Run ${index + 1} · ${r?.model ?? run.target}`),
      run.simulated ? simulatedBadge() : null,
      r?.cacheHit ? h('vscode-badge', { class: 'hit', 'data-testid': 'semantic-hit' }, 'Semantic cache hit') : null,
    ),
    h('ol', { class: 'stages', 'aria-label': 'Pipeline stages' }, ...run.stages.map((s) =>
      h('li', { 'data-stage': s.stage }, h('span', { class: `codicon codicon-${STAGE_ICONS[s.stage]}`, 'aria-hidden': 'true' }), ` ${describeStage(s)}`),
    )),
    run.error
      ? h('div', { class: `inline-${run.status === 'cancelled' ? 'info' : 'error'}`, role: 'alert', 'data-testid': 'run-error' }, run.status === 'cancelled' ? `Cancelled: ${run.error}` : run.error)
      : null,
    run.text || run.status === 'running'
      ? h('pre', { class: 'answer', 'aria-label': 'Answer', 'aria-live': 'polite' }, run.text || '…')
      : null,
    usageList(run.usage),
    h(
      'dl',
      { class: 'figures', 'aria-label': 'Time and cost' },
      metric('Time to first token', 'ttft', r?.ttftMs, ms(r?.ttftMs)),
      metric('Latency', 'latency', r?.latencyMs, r ? ms(r.latencyMs) : run.status === 'running' ? '…' : ms(null)),
      metric(r ? 'Cost' : 'Cost so far', 'cost', cost, usd(cost)),
      metric('Naive cost', 'naiveCost', r?.naiveCostUsd, usd(r?.naiveCostUsd)),
      metric('Saving', 'saving', r?.savingUsd, usd(r?.savingUsd)),
    ),
  );
}

/** The latest batch's runs (the full session is in the chart and the history). */
export function renderResults(state: ViewState): HTMLElement {
  const last = state.runs.at(-1);
  const batch = last ? state.runs.filter((r) => r.batchId === last.batchId) : [];
  const offset = state.runs.length - batch.length;
  return h(
    'section',
    { class: `results ${last?.mode === 'compare' ? 'columns' : 'stack'}`, 'aria-label': 'Results', 'data-testid': 'results' },
    ...batch.map((run, i) => runCard(run, offset + i)),
  );
}
