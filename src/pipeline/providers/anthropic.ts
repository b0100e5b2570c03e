// Anthropic Messages through the official SDK, streaming. The request puts static content first and
// marks the last static block of tools, system and messages with `cache_control` (at most 4
// breakpoints), so the provider caches the prefix.
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming, TextBlockParam, Tool } from '@anthropic-ai/sdk/resources/messages/messages';
import type { Block, RenderedRequest } from '../request';
import { fromAnthropic, UNKNOWN_USAGE } from '../usage';
import { IncompleteStreamError, type CallOptions, type CallOutcome, type ModelProvider } from './types';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface AnthropicProviderOptions {
  apiKey: string;
  baseURL?: string;
  fetch?: Fetch;
  simulated?: boolean;
}

/** Provider's limit on `cache_control` breakpoints per request. */
export const MAX_BREAKPOINTS = 4;

/** Builds the Messages request body (without `stream`), with cache breakpoints on static content. */
export function buildAnthropicRequest(req: RenderedRequest, model: string, maxTokens: number, ttl: '5m' | '1h'): Omit<MessageCreateParamsStreaming, 'stream'> {
  const cacheControl = { type: 'ephemeral' as const, ttl };
  let breakpoints = 0;
  const mark = <T extends object>(x: T): T => (breakpoints++ < MAX_BREAKPOINTS ? { ...x, cache_control: cacheControl } : x);

  const tools: Tool[] = req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema as Tool['input_schema'] }));
  if (req.toolsStatic && tools.length) tools[tools.length - 1] = mark(tools[tools.length - 1]!);

  const blocks = (list: Block[]): TextBlockParam[] => {
    const lastStatic = list.map((b) => b.static).lastIndexOf(true);
    return list.map((b, i) => (i === lastStatic ? mark({ type: 'text' as const, text: b.text }) : { type: 'text' as const, text: b.text }));
  };
  const system = blocks(req.system);
  // In messages, only the last static block overall needs a breakpoint: it covers everything before it.
  const lastStaticMessage = req.messages.map((m) => m.blocks.some((b) => b.static)).lastIndexOf(true);
  const messages = req.messages.map((m, i) => ({
    role: m.role,
    content: i === lastStaticMessage ? blocks(m.blocks) : m.blocks.map((b) => ({ type: 'text' as const, text: b.text })),
  }));
  return {
    model,
    max_tokens: maxTokens,
    ...(tools.length ? { tools } : {}),
    ...(system.length ? { system } : {}),
    messages,
  };
}

export function createAnthropicProvider(options: AnthropicProviderOptions): ModelProvider {
  // Retries are the pipeline's (they are reported as events and bounded by its settings).
  const client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, fetch: options.fetch, maxRetries: 0, logLevel: 'off' });
  return {
    kind: 'anthropic',
    simulated: options.simulated ?? false,
    endpoint: options.baseURL ?? 'https://api.anthropic.com',
    async call(req: RenderedRequest, o: CallOptions): Promise<CallOutcome> {
      const body = buildAnthropicRequest(req, o.model, o.maxTokens, o.cacheTtl);
      const { data: stream, request_id } = await client.messages.create({ ...body, stream: true }, { signal: o.signal }).withResponse();
      let text = '';
      let usage = UNKNOWN_USAGE;
      let stopReason: string | null = null;
      let complete = false;
      for await (const event of stream) {
        o.onActivity();
        switch (event.type) {
          case 'message_start':
            // `output_tokens` here is a placeholder; the real count comes with `message_delta`.
            usage = { ...fromAnthropic(event.message.usage), output: null };
            o.onUsage(usage);
            break;
          case 'content_block_delta':
            if (event.delta.type === 'text_delta') {
              text += event.delta.text;
              o.onText(event.delta.text);
            }
            break;
          case 'message_delta':
            // Cumulative: replace, never add.
            usage = fromAnthropic(event.usage, usage);
            stopReason = event.delta.stop_reason ?? stopReason;
            o.onUsage(usage);
            break;
          case 'message_stop':
            complete = true;
            break;
        }
      }
      if (!complete) throw new IncompleteStreamError('Anthropic');
      return { text, usage, requestId: request_id ?? null, stopReason };
    },
  };
}
