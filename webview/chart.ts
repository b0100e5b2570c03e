// Cost and cache_read per run across the session, drawn as hand-made SVG: two small series do not
// justify a charting library's weight, SVG needs no canvas or inline styles under the strict CSP, and
// its colours come from the theme's chart variables through the stylesheet, so light, dark and
// high-contrast themes work without code.
import { h, s } from './dom';
import { tokens, usd } from './format';
import type { RunView } from './state';

const W = 600;
const H = 180;
const PAD = { left: 72, right: 48, top: 12, bottom: 24 };

export function renderChart(runs: RunView[]): HTMLElement {
  const done = runs.filter((r) => r.status === 'ok' && r.result);
  if (done.length === 0) return h('section', { class: 'chart empty', 'aria-label': 'Chart' }, h('p', { class: 'muted' }, 'The chart of cost and cache reads per run appears after the first run.'));
  const costs = done.map((r) => r.result?.costUsd ?? 0);
  const reads = done.map((r) => r.result?.usage.cacheRead ?? 0);
  const maxCost = Math.max(...costs, 1e-9);
  const maxRead = Math.max(...reads, 1);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / done.length;
  const y = (v: number, max: number): number => PAD.top + plotH - (v / max) * plotH;

  const bars = done.map((r, i) =>
    s(
      'rect',
      { class: 'bar', x: PAD.left + i * step + step * 0.2, y: y(costs[i], maxCost), width: step * 0.6, height: (costs[i] / maxCost) * plotH },
      s('title', {}, `Run ${runs.indexOf(r) + 1}: cost ${usd(r.result?.costUsd)}`),
    ),
  );
  const points = reads.map((v, i) => `${PAD.left + (i + 0.5) * step},${y(v, maxRead)}`);
  const dots = reads.map((v, i) =>
    s('circle', { class: 'dot', cx: PAD.left + (i + 0.5) * step, cy: y(v, maxRead), r: 3 }, s('title', {}, `cache_read ${tokens(v)} tokens`)),
  );
  const simulated = done.some((r) => r.simulated);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Cost (bars) and cache_read tokens (line) for ${done.length} runs${simulated ? ', simulated' : ''}` },
    s('line', { class: 'axis', x1: PAD.left, y1: PAD.top + plotH, x2: W - PAD.right, y2: PAD.top + plotH }),
    s('text', { class: 'label cost', x: PAD.left - 4, y: PAD.top + 10, 'text-anchor': 'end' }, usd(maxCost)),
    s('text', { class: 'label cost', x: PAD.left - 4, y: PAD.top + plotH, 'text-anchor': 'end' }, '$0'),
    s('text', { class: 'label read', x: W - PAD.right + 4, y: PAD.top + 10 }, tokens(maxRead)),
    s('text', { class: 'label read', x: W - PAD.right + 4, y: PAD.top + plotH }, '0'),
    ...bars,
    s('polyline', { class: 'line', points: points.join(' ') }),
    ...dots,
  );
  return h(
    'section',
    { class: 'chart', 'aria-label': 'Chart' },
    h('h2', {}, 'Cost and cache reads per run', simulated ? ' (Simulated)' : ''),
    h('p', { class: 'legend' }, h('span', { class: 'swatch cost' }), ' cost (USD, left)  ', h('span', { class: 'swatch read' }), ' cache_read tokens (right)'),
    svg,
  );
}
