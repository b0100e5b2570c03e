// OpenAI Chat Completions through the official SDK, streaming; also any OpenAI-compatible server
// (Ollama, vLLM, llama.cpp, LM Studio, OpenRouter, LiteLLM) by base URL. OpenAI caches prefixes of
// 1,024+ tokens on its own; `prompt_cache_key` (from the prefix hash) keeps requests that share a
// prefix on the same cache.
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { RenderedRequest } from '../request';
import { fromOpenAI, UNKNOWN_USAGE } from '../usage';
import { IncompleteStreamError, type CallOptions, type CallOutcome, type ModelProvider } from './types';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface OpenAIProviderOptions {
  /** Local servers need none; the SDK still wants a string. */
  apiKey?: string;
  /** Default `https://api.openai.com/v1`. */
  baseURL?: string;
  fetch?: Fetch;
  simulated?: boolean;
  /**
   * Send `prompt_cache_key`. On by default for OpenAI itself and the simulator; other compatible
   * servers may reject fields they do not know.
   */
  promptCacheKey?: boolean;
}

/** Builds the Chat Completions body (without `stream`): static content first, as rendered. */
export function buildOpenAIRequest(req: RenderedRequest, model: string, maxTokens: number, prefixHash: string | null): Omit<ChatCompletionCreateParamsStreaming, 'stream'> {
  const messages: ChatCompletionMessageParam[] = [];
  if (req.system.length) messages.push({ role: 'system', content: req.system.map((b) => b.text).join('') });
  for (const m of req.messages) messages.push({ role: m.role, content: m.blocks.map((b) => b.text).join('') });
  return {
    model,
    max_tokens: maxTokens,
    messages,
    ...(req.tools.length
      ? { tools: req.tools.map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.inputSchema } })) }
      : {}),
    ...(prefixHash ? { prompt_cache_key: `pcl-${prefixHash.slice(0, 32)}` } : {}),
    stream_options: { include_usage: true },
  };
}

export function createOpenAIProvider(options: OpenAIProviderOptions): ModelProvider {
  const baseURL = options.baseURL ?? 'https://api.openai.com/v1';
  const client = new OpenAI({ apiKey: options.apiKey || 'not-needed', baseURL, fetch: options.fetch, maxRetries: 0, logLevel: 'off' });
  const sendKey = options.promptCacheKey ?? (options.simulated || /^https:\/\/api\.openai\.com\//.test(baseURL));
  return {
    kind: 'openai',
    simulated: options.simulated ?? false,
    endpoint: baseURL,
    async call(req: RenderedRequest, o: CallOptions): Promise<CallOutcome> {
      const body = buildOpenAIRequest(req, o.model, o.maxTokens, sendKey ? o.prefixHash : null);
      const { data: stream, request_id } = await client.chat.completions.create({ ...body, stream: true }, { signal: o.signal }).withResponse();
      let text = '';
      let usage = UNKNOWN_USAGE;
      let stopReason: string | null = null;
      for await (const chunk of stream) {
        o.onActivity();
        const choice = chunk.choices[0];
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          o.onText(delta);
        }
        if (choice?.finish_reason) stopReason = choice.finish_reason;
        // The usage chunk comes last, with `choices: []`; it is lost if the stream is cut.
        if (chunk.usage) {
          usage = fromOpenAI(chunk.usage);
          o.onUsage(usage);
        }
      }
      if (stopReason === null) throw new IncompleteStreamError('OpenAI');
      return { text, usage, requestId: request_id ?? null, stopReason };
    },
  };
}
