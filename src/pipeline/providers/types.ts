// What the pipeline needs from a model provider: one streamed call of a neutral request.
import type { ProviderKind, Usage } from '../events';
import type { RenderedRequest } from '../request';

export interface CallOptions {
  model: string;
  maxTokens: number;
  /** Lifetime of Anthropic cache breakpoints. */
  cacheTtl: '5m' | '1h';
  /** Hash of the static prefix: OpenAI's `prompt_cache_key`. */
  prefixHash: string;
  signal: AbortSignal;
  onText(delta: string): void;
  /** Called with the usage known so far, as soon as the stream reports any. */
  onUsage(usage: Usage): void;
  /** Called for every stream event, so a stall timer can tell a live stream from a stalled one. */
  onActivity(): void;
}

export interface CallOutcome {
  text: string;
  usage: Usage;
  requestId: string | null;
  /** Why the model stopped (`end_turn`, `max_tokens`, `stop`, `length`, …). */
  stopReason: string | null;
}

export interface ModelProvider {
  readonly kind: ProviderKind;
  /** True when the answers come from the project's simulator. */
  readonly simulated: boolean;
  /** Where requests go, for display (never with a key). */
  readonly endpoint: string;
  call(request: RenderedRequest, options: CallOptions): Promise<CallOutcome>;
}

/** The stream ended before the provider said it was complete (connection cut mid-answer). */
export class IncompleteStreamError extends Error {
  constructor(provider: string) {
    super(`${provider} stream ended before the answer was complete`);
    this.name = 'IncompleteStreamError';
  }
}
