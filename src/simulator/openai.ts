// OpenAI API: `POST /v1/chat/completions` (JSON or SSE with `stream_options.include_usage`),
// `POST /v1/embeddings` and `GET /v1/models`.
import { getCacheRules } from '../core/cache/rules';
import { listPricedModels } from '../core/pricing';
import { embed } from './embeddings';
import type { ChatPart } from './openaiCache';
import { limitTokens, replyText, splitDeltas } from './reply';
import { estimateTokens } from '../core/tokens';
import { array, object, optional, positiveInteger, string, type Json } from './validate';
import { ApiError, json, simId, sse, type Answer, type EndpointContext } from './wire';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);
const EXTENDED_RETENTION_MS = 24 * 60 * 60_000;

/** `POST /v1/chat/completions`. */
export function chatCompletions(body: unknown, ctx: EndpointContext): Answer {
  const req = object(body, 'body');
  const model = string(req.model, 'model');
  if (req.n !== undefined && req.n !== null && req.n !== 1) throw new ApiError(400, 'n: the simulator answers with one choice only');
  const maxTokens = optional(req.max_completion_tokens ?? req.max_tokens, positiveInteger, 'max_completion_tokens') ?? 4096;
  const count = (text: string) => estimateTokens(text, model);
  const parts = chatParts(req, count);
  const rules = getCacheRules(model);
  const cacheKey = optional(req.prompt_cache_key, string, 'prompt_cache_key') ?? '';
  const cache = ctx.openaiCache.plan(
    model,
    cacheKey,
    parts,
    {
      // A model without caching rules never caches.
      minimum: rules.mode === 'none' ? Infinity : rules.minimumTokens,
      granularity: rules.granularity,
      ttlMs: req.prompt_cache_retention === '24h' ? EXTENDED_RETENTION_MS : rules.ttlSeconds * 1000,
    },
    count,
  );
  const system = parts.filter((p) => p.role === 'system' || p.role === 'developer').map((p) => p.text).join('\n');
  const user = parts.filter((p) => p.role === 'user').pop()?.text ?? '';
  const { text, cut } = limitTokens(replyText({ model, system, user }), maxTokens, count);
  const completion = count(text);
  const usage = {
    prompt_tokens: cache.prompt,
    completion_tokens: completion,
    total_tokens: cache.prompt + completion,
    prompt_tokens_details: { cached_tokens: cache.cached, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
  const head = { id: simId('chatcmpl-sim-'), created: Math.floor(Date.now() / 1000), model, system_fingerprint: 'fp_simulated', service_tier: 'default' };
  const finishReason = cut ? 'length' : 'stop';
  const answer = { uncachedTokens: cache.prompt - cache.cached, cachedTokens: cache.cached, outputTokens: completion, commit: cache.commit };
  if (req.stream !== true) {
    const message = { role: 'assistant', content: text, refusal: null, annotations: [] };
    const choice = { index: 0, message, logprobs: null, finish_reason: finishReason };
    const full = { ...head, object: 'chat.completion', choices: [choice], ...(ctx.omitUsage ? {} : { usage }) };
    return { ...answer, contentType: 'application/json', chunks: json(full) };
  }
  const streamOptions = optional(req.stream_options, object, 'stream_options');
  const includeUsage = streamOptions?.include_usage === true;
  const chunk = (delta: Json, finish: string | null) =>
    sse(null, {
      ...head,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    });
  const chunks = [
    chunk({ role: 'assistant', content: '', refusal: null }, null),
    ...splitDeltas(text).map((delta) => chunk({ content: delta }, null)),
    chunk({}, finishReason),
    // The usage chunk comes last, with no choices; it is what an interrupted stream loses.
    ...(includeUsage && !ctx.omitUsage ? [sse(null, { ...head, object: 'chat.completion.chunk', choices: [], usage })] : []),
    sse(null, '[DONE]'),
  ];
  return { ...answer, contentType: 'text/event-stream', chunks };
}

/** `POST /v1/embeddings`: deterministic lexical vectors, as floats or base64 float32. */
export function embeddings(body: unknown, ctx: EndpointContext): Answer {
  const req = object(body, 'body');
  const model = string(req.model, 'model');
  const maxDimensions = /large/.test(model) ? 3072 : 1536;
  const dimensions = optional(req.dimensions, positiveInteger, 'dimensions') ?? maxDimensions;
  if (dimensions > maxDimensions) throw new ApiError(400, `dimensions: at most ${maxDimensions} for ${model}`);
  const format = req.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') throw new ApiError(400, 'encoding_format: expected "float" or "base64"');
  const inputs = embeddingInputs(req.input);
  let promptTokens = 0;
  const data = inputs.map((input, index) => {
    promptTokens += typeof input === 'string' ? estimateTokens(input, model) : input.length;
    const vector = embed(typeof input === 'string' ? input : input.join(' '), dimensions);
    const embedding = format === 'float' ? vector : Buffer.from(new Float32Array(vector).buffer).toString('base64');
    return { object: 'embedding', index, embedding };
  });
  const usage = { prompt_tokens: promptTokens, total_tokens: promptTokens };
  const response = { object: 'list', data, model, ...(ctx.omitUsage ? {} : { usage }) };
  return { contentType: 'application/json', chunks: json(response), uncachedTokens: promptTokens, cachedTokens: 0, outputTokens: 0 };
}

/** `GET /v1/models` in OpenAI's shape: the priced OpenAI models and the embedding models served here. */
export function models(): Answer {
  const ids = [...listPricedModels().filter((m) => m.provider === 'openai').map((m) => m.model), 'text-embedding-3-small', 'text-embedding-3-large'];
  const data = ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'simulator' }));
  return { contentType: 'application/json', chunks: json({ object: 'list', data }), uncachedTokens: 0, cachedTokens: 0, outputTokens: 0 };
}

// Tools first (as one block of their JSON), then the messages in order.
function chatParts(req: Json, count: (text: string) => number): ChatPart[] {
  const parts: ChatPart[] = [];
  const tools = optional(req.tools, array, 'tools');
  if (tools && tools.length > 0) {
    const text = JSON.stringify(tools);
    parts.push({ role: 'tools', text, tokens: count(text) });
  }
  for (const [i, raw] of array(req.messages, 'messages', { nonEmpty: true }).entries()) {
    const message = object(raw, `messages.${i}`);
    if (typeof message.role !== 'string' || !ROLES.has(message.role)) throw new ApiError(400, `messages.${i}.role: unknown role`);
    const name = optional(message.name, string, `messages.${i}.name`);
    let text = contentText(message.content, `messages.${i}.content`);
    if (message.tool_calls !== undefined) text += JSON.stringify(message.tool_calls);
    parts.push({ role: message.role, name, text, tokens: count(text) });
  }
  return parts;
}

function contentText(content: unknown, field: string): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return array(content, field)
    .map((part, i) => {
      const p = object(part, `${field}.${i}`);
      return p.type === 'text' ? string(p.text, `${field}.${i}.text`) : JSON.stringify(p);
    })
    .join('');
}

function embeddingInputs(input: unknown): Array<string | number[]> {
  const isTokens = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((n) => Number.isInteger(n));
  const list = typeof input === 'string' || isTokens(input) ? [input] : Array.isArray(input) ? input : [];
  if (list.length === 0 || !list.every((v) => (typeof v === 'string' && v !== '') || isTokens(v))) {
    throw new ApiError(400, 'input: expected a non-empty string, an array of them, or token arrays');
  }
  return list as Array<string | number[]>;
}

