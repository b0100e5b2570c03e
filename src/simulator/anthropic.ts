// Anthropic Messages API: `POST /v1/messages` (JSON or SSE) and `POST /v1/messages/count_tokens`.
import { getCacheRules } from '../core/cache/rules';
import { listPricedModels } from '../core/pricing';
import type { CacheBlock } from './anthropicCache';
import { limitTokens, replyText, splitDeltas } from './reply';
import { estimateTokens } from '../core/tokens';
import { array, isObject, object, optional, positiveInteger, string, type Json } from './validate';
import { ApiError, json, simId, sse, type Answer, type EndpointContext } from './wire';

const MAX_BREAKPOINTS = 4;

interface ParsedRequest {
  model: string;
  blocks: CacheBlock[];
  system: string;
  user: string;
}

/** `POST /v1/messages`. */
export function messages(body: unknown, ctx: EndpointContext): Answer {
  const req = object(body, 'body');
  const maxTokens = positiveInteger(req.max_tokens, 'max_tokens');
  const parsed = parseRequest(req);
  const count = (text: string) => estimateTokens(text, parsed.model);
  const rules = getCacheRules(parsed.model);
  // A model without caching rules (or one that predates caching) never caches.
  const minimum = rules.mode === 'none' ? Infinity : rules.minimumTokens;
  const cache = ctx.anthropicCache.plan(parsed.model, parsed.blocks, minimum, count);
  const { text, cut } = limitTokens(replyText(parsed), maxTokens, count);
  const outputTokens = count(text);
  const stopReason = cut ? 'max_tokens' : 'end_turn';
  const inputUsage = {
    input_tokens: cache.input,
    cache_creation_input_tokens: cache.write5m + cache.write1h,
    cache_read_input_tokens: cache.read,
    cache_creation: { ephemeral_5m_input_tokens: cache.write5m, ephemeral_1h_input_tokens: cache.write1h },
  };
  const usage = (output: number) => ({ usage: { ...inputUsage, output_tokens: output, service_tier: 'standard' } });
  const message = {
    id: simId('msg_sim_'),
    type: 'message',
    role: 'assistant',
    model: parsed.model,
    content: [] as Array<{ type: 'text'; text: string }>,
    stop_reason: null as string | null,
    stop_sequence: null,
  };
  const answer = {
    uncachedTokens: cache.input + cache.write5m + cache.write1h,
    cachedTokens: cache.read,
    outputTokens,
    commit: cache.commit,
  };
  if (req.stream !== true) {
    const full = { ...message, content: [{ type: 'text' as const, text }], stop_reason: stopReason, ...(ctx.omitUsage ? {} : usage(outputTokens)) };
    return { ...answer, contentType: 'application/json', chunks: json(full) };
  }
  // message_start carries the input usage with a placeholder output count; message_delta is cumulative.
  // Without usage (a fault) both carry an empty object: the SDK's stream helper needs the object itself.
  const chunks = [
    sse('message_start', { type: 'message_start', message: { ...message, ...(ctx.omitUsage ? { usage: {} } : usage(1)) } }),
    sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    sse('ping', { type: 'ping' }),
    ...splitDeltas(text).map((delta) =>
      sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: delta } }),
    ),
    sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: ctx.omitUsage ? {} : { ...inputUsage, output_tokens: outputTokens },
    }),
    sse('message_stop', { type: 'message_stop' }),
  ];
  return { ...answer, contentType: 'text/event-stream', chunks };
}

/** `POST /v1/messages/count_tokens`: the whole input, without any cache split. */
export function countTokens(body: unknown): Answer {
  const parsed = parseRequest(object(body, 'body'));
  const inputTokens = estimateTokens(parsed.blocks.map((b) => b.text).join(''), parsed.model);
  return { contentType: 'application/json', chunks: json({ input_tokens: inputTokens }), uncachedTokens: 0, cachedTokens: 0, outputTokens: 0 };
}

/** `GET /v1/models` in Anthropic's shape (one page): the priced Claude models. */
export function models(): Answer {
  const data = listPricedModels()
    .filter((m) => m.provider === 'anthropic')
    .map((m) => ({ type: 'model', id: m.model, display_name: `${m.model} (simulated)`, created_at: '2026-01-01T00:00:00Z' }));
  const page = { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
  return { contentType: 'application/json', chunks: json(page), uncachedTokens: 0, cachedTokens: 0, outputTokens: 0 };
}

// Flattens tools → system → messages into blocks in prefix order and checks the breakpoints.
function parseRequest(req: Json): ParsedRequest {
  const model = string(req.model, 'model');
  const blocks: CacheBlock[] = [];
  for (const [i, tool] of (optional(req.tools, array, 'tools') ?? []).entries()) {
    const { cache_control: control, ...definition } = object(tool, `tools.${i}`);
    blocks.push({ scope: 'tools', text: JSON.stringify(definition), ttl: ttlOf(control, `tools.${i}`) });
  }
  const systemBlocks = contentBlocks(req.system, 'system', 'system');
  blocks.push(...systemBlocks);
  let user = '';
  for (const [i, raw] of array(req.messages, 'messages', { nonEmpty: true }).entries()) {
    const message = object(raw, `messages.${i}`);
    if (message.role !== 'user' && message.role !== 'assistant') {
      throw new ApiError(400, `messages.${i}.role: expected "user" or "assistant"`);
    }
    const content = contentBlocks(message.content, `messages.${i}.content`, `${i}:${message.role}`);
    if (content.length === 0) throw new ApiError(400, `messages.${i}.content: must not be empty`);
    blocks.push(...content);
    if (message.role === 'user') user = content.map((b) => b.text).join('\n');
  }
  // Top-level cache_control caches automatically at the last block and takes one of the four slots.
  const automatic = ttlOf(req.cache_control, 'cache_control');
  const explicit = blocks.filter((b) => b.ttl).length;
  if (explicit + (automatic ? 1 : 0) > MAX_BREAKPOINTS) {
    throw new ApiError(400, `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${explicit + (automatic ? 1 : 0)}.`);
  }
  const last = blocks[blocks.length - 1]!;
  if (automatic && !last.ttl) last.ttl = automatic;
  const firstShort = blocks.findIndex((b) => b.ttl === '5m');
  if (firstShort >= 0 && blocks.slice(firstShort).some((b) => b.ttl === '1h')) {
    throw new ApiError(400, 'A cache_control block with ttl "1h" must not come after one with ttl "5m".');
  }
  return { model, blocks, system: systemBlocks.map((b) => b.text).join('\n'), user };
}

// A string is one block; an array gives one block per element (text as is, others as their JSON).
function contentBlocks(value: unknown, field: string, scope: string): CacheBlock[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value === '' ? [] : [{ scope, text: value }];
  return array(value, field).map((raw, i) => {
    const { cache_control: control, ...block } = object(raw, `${field}.${i}`);
    const text = block.type === 'text' ? string(block.text, `${field}.${i}.text`) : JSON.stringify(block);
    return { scope, text, ttl: ttlOf(control, `${field}.${i}.cache_control`) };
  });
}

function ttlOf(control: unknown, field: string): CacheBlock['ttl'] {
  if (control === undefined || control === null) return undefined;
  if (!isObject(control) || control.type !== 'ephemeral') throw new ApiError(400, `${field}.type: expected "ephemeral"`);
  if (control.ttl === undefined || control.ttl === '5m' || control.ttl === '1h') return control.ttl ?? '5m';
  throw new ApiError(400, `${field}.ttl: expected "5m" or "1h"`);
}
