// The playground's history as CSV (RFC 4180: quoted when needed, CRLF line ends). Pure, so it is
// unit-tested under plain Node. Unknown numbers stay empty cells, never zeros. Cells that a
// spreadsheet would run as a formula are prefixed with a quote (CSV injection).
import { toCsv } from '../core/csv';
import type { HistoryRow } from '../protocol/playground';

const COLUMNS: ReadonlyArray<readonly [string, (r: HistoryRow) => string | number | boolean | null]> = [
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

/** The rows as CSV text with a header line. */
export function historyToCsv(rows: readonly HistoryRow[]): string {
  return toCsv(rows, COLUMNS);
}
