// The pipeline's public vocabulary: what a run reports while it happens and what it returns. Pure
// types only (no node:*, no SDK imports) so src/protocol and the webview can import them as they are.

/**
 * Token usage split the way prices are: `input` is uncached input only, `cacheWrite` and `cacheRead`
 * are input tokens written to / read from the provider's prefix cache, `output` is generated tokens.
 * `null` means the provider did not report it (unknown is never shown as zero).
 */
export interface Usage {
  input: number | null;
  cacheWrite: number | null;
  cacheRead: number | null;
  output: number | null;
}

/** Names of the semantic-cache guards that can refuse a hit whatever the similarity. */
export type GuardName = 'negation' | 'reversal' | 'number' | 'date' | 'id' | 'entity';

export type ProviderKind = 'anthropic' | 'openai';

export interface RouteDecision {
  tier: string;
  /** 0..1: how sure the router is of this tier. */
  confidence: number;
  /** One short sentence a person can read. */
  reason: string;
  /** Which router decided: the rule classifier, the nearest-neighbour router, or a fixed model. */
  router: 'rules' | 'knn' | 'fixed';
  /** True when low confidence moved the request one tier up. */
  escalatedByMargin: boolean;
}

/** One call to a model, as charged. */
export interface CallRecord {
  tier: string;
  model: string;
  provider: ProviderKind;
  usage: Usage;
  /** USD for this call; null when usage or price is unknown. */
  costUSD: number | null;
  latencyMs: number;
  ttftMs: number | null;
  requestId: string | null;
  attempts: number;
  /** The answer asked for escalation (small tier only). */
  escalation: boolean;
}

export interface PipelineResult {
  requestId: string;
  text: string;
  /** True when every number comes from the project's simulator, not a real provider. */
  simulated: boolean;
  cacheHit: boolean;
  similarity: number | null;
  route: RouteDecision | null;
  /** The model that produced `text` (the cached answer's model on a semantic-cache hit). */
  model: string;
  calls: CallRecord[];
  /** Sum of the calls' usage; null fields when any call's field is unknown. */
  usage: Usage;
  costUSD: number | null;
  /** The same request on the frontier model with no caching of any kind. */
  naiveCostUSD: number | null;
  savingUSD: number | null;
  latencyMs: number;
  ttftMs: number | null;
}

/**
 * Events streamed by `Pipeline.run`, in this order: `route` (the namespace needs the tier), then
 * `semantic-cache`; on a hit one `text` with the whole answer; on a miss, per attempt, `model-call`,
 * `usage` (as soon as the stream reports it, again as it grows) and `text` deltas, with `retry` or
 * `fallback` between attempts and `escalation` before the frontier re-run; finally `done` or `error`.
 * Text deltas belong to the latest `model-call`: a new attempt starts its answer from scratch. The
 * small tier's `needs_escalation` reply is never streamed as text.
 */
export type PipelineEvent =
  | {
      type: 'semantic-cache';
      hit: boolean;
      similarity: number | null;
      /** The cached request that matched best (hit or refused), if any. */
      matchedRequest: string | null;
      /** The guard that refused a match above the threshold, or null. */
      guard: GuardName | null;
      threshold: number;
      embedder: string;
    }
  | { type: 'route'; decision: RouteDecision; model: string }
  | { type: 'model-call'; tier: string; model: string; provider: ProviderKind; attempt: number; simulated: boolean }
  | { type: 'retry'; model: string; attempt: number; delayMs: number; reason: string }
  | { type: 'fallback'; fromModel: string; toModel: string; reason: string }
  | { type: 'text'; delta: string }
  | { type: 'usage'; model: string; usage: Usage }
  | { type: 'escalation'; fromTier: string; toTier: string; reason: string }
  | { type: 'done'; result: PipelineResult }
  | { type: 'error'; message: string; code: PipelineErrorCode };

export type PipelineErrorCode = 'budget' | 'provider' | 'aborted' | 'config' | 'timeout';
