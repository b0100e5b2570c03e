// Exact Anthropic input-token counts through `messages.countTokens`, for users who opt in (the editor
// asks first: it sends the prompt to Anthropic). Free, but rate-limited on its own, so results are
// cached by a hash of exactly what was counted and concurrent asks for the same content share a call.
import Anthropic from '@anthropic-ai/sdk';
import { buildAnthropicRequest } from './providers/anthropic';
import { sha256 } from './hash';
import type { RenderedRequest } from './request';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface TokenCounterOptions {
  apiKey: string;
  baseURL?: string;
  fetch?: Fetch;
  /** Counts kept (least recently used dropped first); default 500. */
  maxEntries?: number;
}

export interface TokenCounter {
  /** Input tokens of `request` on `model` as Anthropic counts them (system, tools and messages). */
  count(request: RenderedRequest, model: string, signal?: AbortSignal): Promise<number>;
}

export function createTokenCounter(options: TokenCounterOptions): TokenCounter {
  const client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, fetch: options.fetch, maxRetries: 2, logLevel: 'off' });
  const max = options.maxEntries ?? 500;
  const counts = new Map<string, Promise<number>>();
  return {
    count(request, model, signal) {
      // The body of a real call without max_tokens (count_tokens takes no max_tokens).
      const { model: m, system, tools, messages } = buildAnthropicRequest(request, model, 1, '5m');
      const body = { model: m, messages, ...(system ? { system } : {}), ...(tools ? { tools } : {}) };
      const key = sha256(JSON.stringify(body));
      const known = counts.get(key);
      if (known) {
        counts.delete(key);
        counts.set(key, known);
        return known;
      }
      const pending = client.messages.countTokens(body, { signal }).then((r) => r.input_tokens);
      counts.set(key, pending);
      // A failed count is not remembered, so the next ask tries again.
      pending.catch(() => counts.delete(key));
      while (counts.size > max) counts.delete(counts.keys().next().value!);
      return pending;
    },
  };
}
