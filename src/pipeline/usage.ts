// Provider usage → {input (uncached), cacheWrite, cacheRead, output}. The providers count cached
// tokens differently: Anthropic's cache fields come ON TOP of `input_tokens`; OpenAI's `cached_tokens`
// are PART of `prompt_tokens`. Mixing the two up over- or under-charges cached calls by up to 10×.
import type { Usage } from './events';

export const UNKNOWN_USAGE: Usage = { input: null, cacheWrite: null, cacheRead: null, output: null };

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null);

/**
 * Anthropic `usage` (from `message_start` or the cumulative `message_delta`). A field the event does
 * not carry keeps its previous value, so pass the usage known so far as `previous`.
 */
export function fromAnthropic(raw: unknown, previous: Usage = UNKNOWN_USAGE): Usage {
  const u = (raw ?? {}) as Record<string, unknown>;
  return {
    input: num(u.input_tokens) ?? previous.input,
    cacheWrite: num(u.cache_creation_input_tokens) ?? previous.cacheWrite,
    cacheRead: num(u.cache_read_input_tokens) ?? previous.cacheRead,
    output: num(u.output_tokens) ?? previous.output,
  };
}

/**
 * OpenAI Chat Completions `usage`: uncached input = prompt_tokens − cached_tokens (− cache writes,
 * reported separately by models that bill them). Servers that omit `prompt_tokens_details` leave the
 * cache split unknown.
 */
export function fromOpenAI(raw: unknown): Usage {
  const u = (raw ?? {}) as Record<string, unknown>;
  const prompt = num(u.prompt_tokens);
  const details = u.prompt_tokens_details as Record<string, unknown> | null | undefined;
  const cached = num(details?.cached_tokens);
  const written = num(details?.cache_write_tokens) ?? (cached === null ? null : 0);
  return {
    input: prompt === null || cached === null || written === null ? null : Math.max(0, prompt - cached - written),
    cacheWrite: written,
    cacheRead: cached,
    output: num(u.completion_tokens),
  };
}

/** Total input tokens (uncached + written + read), or null when any part is unknown. */
export function totalInput(u: Usage): number | null {
  return u.input === null || u.cacheWrite === null || u.cacheRead === null ? null : u.input + u.cacheWrite + u.cacheRead;
}

/** Field-wise sum; a field unknown in any part is unknown in the sum. */
export function addUsage(a: Usage, b: Usage): Usage {
  const add = (x: number | null, y: number | null) => (x === null || y === null ? null : x + y);
  return { input: add(a.input, b.input), cacheWrite: add(a.cacheWrite, b.cacheWrite), cacheRead: add(a.cacheRead, b.cacheRead), output: add(a.output, b.output) };
}
