// Running totals and the history table of every run this session, exportable to CSV through the
// extension's save dialog.
import { command } from '../src/protocol/playground';
import type { App } from './app';
import { h } from './dom';
import { ms, tokens, usd } from './format';
import { simulatedBadge } from './results';
import { toHistoryRow, totals } from './state';

export function renderTotals(app: App): HTMLElement {
  const t = totals(app.state.runs);
  return h(
    'section',
    { class: 'totals', 'aria-label': 'Running totals', 'data-testid': 'totals' },
    h('h2', {}, 'Session totals ', t.simulated ? simulatedBadge() : null),
    h(
      'dl',
      {},
      h('div', { 'data-field': 'runs', 'data-value': t.runs }, h('dt', {}, 'Runs'), h('dd', {}, String(t.runs))),
      h('div', { 'data-field': 'cost', 'data-value': t.costUsd }, h('dt', {}, 'Cost'), h('dd', {}, usd(t.costUsd))),
      h('div', { 'data-field': 'naiveCost', 'data-value': t.naiveCostUsd }, h('dt', {}, 'Naive cost'), h('dd', {}, usd(t.naiveCostUsd))),
      h('div', { 'data-field': 'saving', 'data-value': t.savingUsd }, h('dt', {}, 'Saved'), h('dd', {}, usd(t.savingUsd))),
      h('div', { 'data-field': 'cacheRead', 'data-value': t.cacheRead }, h('dt', {}, 'Cache reads'), h('dd', {}, tokens(t.cacheRead))),
      h('div', { 'data-field': 'semanticHits', 'data-value': t.semanticHits }, h('dt', {}, 'Semantic hits'), h('dd', {}, String(t.semanticHits))),
    ),
  );
}

export function renderHistory(app: App): HTMLElement {
  const rows = app.state.runs.map(toHistoryRow);
  const exportButton = h('vscode-button', { secondary: true, icon: 'export', 'data-action': 'export', disabled: rows.length === 0 }, 'Export CSV…');
  exportButton.addEventListener('click', () => app.post(command('history/export', { rows: app.state.runs.map(toHistoryRow) })));
  const head = ['#', 'Model', 'Tier', 'Status', 'Semantic', 'Input', 'Cache write', 'Cache read', 'Output', 'TTFT', 'Latency', 'Cost', 'Naive', 'Saving'];
  return h(
    'section',
    { class: 'history', 'aria-label': 'History' },
    h('div', { class: 'row' }, h('h2', {}, 'History'), exportButton),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...rows.map((r, i) =>
          h(
            'tr',
            { 'data-run-id': r.runId },
            h('td', {}, String(i + 1), r.simulated ? ' (Simulated)' : ''),
            h('td', {}, r.model),
            h('td', {}, r.tier ?? ''),
            h('td', {}, r.status),
            h('td', {}, r.cacheHit ? `hit ${r.similarity?.toFixed(3) ?? ''}` : 'miss'),
            h('td', {}, tokens(r.usage.input)),
            h('td', {}, tokens(r.usage.cacheWrite)),
            h('td', {}, tokens(r.usage.cacheRead)),
            h('td', {}, tokens(r.usage.output)),
            h('td', {}, ms(r.ttftMs)),
            h('td', {}, ms(r.latencyMs)),
            h('td', {}, usd(r.costUsd)),
            h('td', {}, usd(r.naiveCostUsd)),
            h('td', {}, usd(r.savingUsd)),
          ),
        ),
      ),
    ),
  );
}
