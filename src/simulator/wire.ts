// What an endpoint hands back before transport and faults: the body as a list of chunks (SSE events, or
// one JSON document) with the numbers that drive simulated latency, plus provider-shaped errors.
import { randomBytes } from 'node:crypto';
import type { AnthropicPromptCache } from './anthropicCache';
import type { OpenAIPromptCache } from './openaiCache';

export type Flavor = 'anthropic' | 'openai';

export interface Answer {
  contentType: 'application/json' | 'text/event-stream';
  /** SSE events in order, or the whole JSON body as one chunk. */
  chunks: string[];
  /** Input tokens processed without the cache; they dominate time to first token. */
  uncachedTokens: number;
  cachedTokens: number;
  outputTokens: number;
  /** Makes this request's cache writes visible; called when the response begins, never on failure. */
  commit?: () => void;
}

/** A request the provider would refuse: becomes the provider's error body with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A fresh id with a prefix that marks it simulated, e.g. `msg_sim_…`. */
export function simId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

export function json(body: unknown): Answer['chunks'] {
  return [JSON.stringify(body)];
}

/** One Anthropic SSE event (`event:` + `data:`), or an OpenAI one when `event` is null. */
export function sse(event: string | null, data: unknown): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event === null ? '' : `event: ${event}\n`}data: ${payload}\n\n`;
}

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const OPENAI_CODES: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null],
  404: ['invalid_request_error', 'unknown_url'],
  413: ['invalid_request_error', 'request_too_large'],
  429: ['requests', 'rate_limit_exceeded'],
  500: ['server_error', null],
  503: ['server_error', 'service_unavailable'],
};

/** The provider's error body for `status`. */
export function errorBody(flavor: Flavor, status: number, message: string, requestId: string): string {
  if (flavor === 'anthropic') {
    const type = ANTHROPIC_TYPES[status] ?? 'api_error';
    return JSON.stringify({ type: 'error', error: { type, message }, request_id: requestId });
  }
  const [type, code] = OPENAI_CODES[status] ?? ['server_error', null];
  return JSON.stringify({ error: { message, type, param: null, code } });
}

/** What endpoints get besides the body: the caches and the fault flags that shape the answer. */
export interface EndpointContext {
  anthropicCache: AnthropicPromptCache;
  openaiCache: OpenAIPromptCache;
  /** The `no-usage` fault: answer normally but leave out every usage field. */
  omitUsage: boolean;
}
