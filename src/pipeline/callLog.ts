// The call log: one JSON line per pipeline run, appended durably (fsync'd, checksummed, shared
// safely between windows), with exports to CSV and to OpenTelemetry GenAI attribute names.
import { toCsv } from '../core/csv';
import { DurableJsonl } from './store/durableJsonl';

export interface CallLogRow {
  timestamp: string;
  feature: string;
  model: string;
  /** Tier and router, e.g. `small (rules)`; `semantic-cache` for a cache hit. */
  route: string;
  provider: string;
  /** All input tokens (uncached + cache writes + cache reads); null when unknown. */
  promptTokens: number | null;
  completionTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  costUSD: number | null;
  naiveCostUSD: number | null;
  latencyMs: number;
  ttftMs: number | null;
  cacheHit: boolean;
  similarity: number | null;
  requestId: string;
  simulated: boolean;
}

export const CALL_LOG_COLUMNS: Array<keyof CallLogRow> = [
  'timestamp', 'feature', 'model', 'route', 'provider', 'promptTokens', 'completionTokens', 'cacheReadTokens',
  'cacheWriteTokens', 'costUSD', 'naiveCostUSD', 'latencyMs', 'ttftMs', 'cacheHit', 'similarity', 'requestId', 'simulated',
];

export class CallLog {
  private readonly file: DurableJsonl;
  private ready: Promise<unknown> | null = null;

  constructor(path: string, warn: (message: string) => void) {
    this.file = new DurableJsonl(path, { header: { format: 'prompt-cost-lens/call-log', version: 1 }, warn });
  }

  /** Appends a row; resolves once it is on disk. */
  async append(row: CallLogRow): Promise<void> {
    this.ready ??= this.file.load();
    await this.ready;
    await this.file.append([row]);
  }

  /** Every row in the log (a damaged log is set aside with a warning first). */
  async read(): Promise<CallLogRow[]> {
    return (await this.file.load()) as CallLogRow[];
  }
}

/** CSV with a header row; empty cells for unknown values. */
export function callLogToCsv(rows: CallLogRow[]): string {
  return toCsv(rows, CALL_LOG_COLUMNS.map((column) => [column, (row: CallLogRow) => row[column]] as const));
}

/**
 * A row as OpenTelemetry GenAI span attributes. `gen_ai.usage.input_tokens` includes cached tokens,
 * as the convention says; cost and cache-hit figures, which the convention has no names for, use
 * this extension's own `prompt_cost_lens.*` namespace. Unknown values are left out.
 */
export function toOtelAttributes(row: CallLogRow): Record<string, string | number | boolean> {
  const attrs: Record<string, string | number | boolean | null> = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': row.provider,
    'gen_ai.request.model': row.model,
    'gen_ai.response.id': row.requestId,
    'gen_ai.usage.input_tokens': row.promptTokens,
    'gen_ai.usage.output_tokens': row.completionTokens,
    'gen_ai.usage.cache_read.input_tokens': row.cacheReadTokens,
    'gen_ai.usage.cache_creation.input_tokens': row.cacheWriteTokens,
    'prompt_cost_lens.feature': row.feature,
    'prompt_cost_lens.route': row.route,
    'prompt_cost_lens.cost_usd': row.costUSD,
    'prompt_cost_lens.naive_cost_usd': row.naiveCostUSD,
    'prompt_cost_lens.latency_ms': row.latencyMs,
    'prompt_cost_lens.ttft_ms': row.ttftMs,
    'prompt_cost_lens.semantic_cache.hit': row.cacheHit,
    'prompt_cost_lens.semantic_cache.similarity': row.similarity,
    'prompt_cost_lens.simulated': row.simulated,
  };
  return Object.fromEntries(Object.entries(attrs).filter((e): e is [string, string | number | boolean] => e[1] !== null));
}
