// The playground's history as CSV (RFC 4180: quoted when needed, CRLF line ends). Pure, so it is
// unit-tested under plain Node. Unknown numbers stay empty cells, never zeros. Cells that a
// spreadsheet would run as a formula are prefixed with a quote (CSV injection).
import type { HistoryRow } from '../protocol/playground';

const COLUMNS: Array<[string, (r: HistoryRow) => string | number | boolean | null]> = [
  ['run_id', (r) => r.runId],
  ['started_at', (r) => r.startedAt],
  ['mode', (r) => r.mode],
  ['provider', (r) => r.provider],
  ['simulated', (r) => r.simulated],
  ['request', (r) => r.request],
  ['model', (r) => r.model],
  ['tier', (r) => r.tier],
  ['status', (r) => r.status],
  ['semantic_cache_hit', (r) => r.cacheHit],
  ['similarity', (r) => r.similarity],
  ['input_tokens', (r) => r.usage.input],
  ['cache_write_tokens', (r) => r.usage.cacheWrite],
  ['cache_read_tokens', (r) => r.usage.cacheRead],
  ['output_tokens', (r) => r.usage.output],
  ['ttft_ms', (r) => r.ttftMs],
  ['latency_ms', (r) => r.latencyMs],
  ['cost_usd', (r) => r.costUsd],
  ['naive_cost_usd', (r) => r.naiveCostUsd],
  ['saving_usd', (r) => r.savingUsd],
  ['error', (r) => r.error],
];

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV text with a header line. */
export function historyToCsv(rows: readonly HistoryRow[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const row of rows) lines.push(COLUMNS.map(([, get]) => cell(get(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
