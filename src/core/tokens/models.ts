// Which tokenizer a model uses, and how tokens are estimated where no public tokenizer exists.
import type { Encoding } from '../types';
import { countTokens } from './count';

/** How a model's token counts are obtained, for display next to the numbers. */
export interface TokenMethod {
  /** True when counts equal the provider's tokenizer (OpenAI encodings). */
  exact: boolean;
  /** The encoding that is run: the model's own, or o200k_base as the proxy for an estimate. */
  encoding: Encoding;
  /** Multiplier applied to the o200k_base count (1 for exact counts). */
  factor: number;
  /** One line the UI shows, e.g. `o200k_base` or `≈ estimate: o200k_base × 1.3 (Claude 4.7+ tokenizer)`. */
  method: string;
}

/**
 * The OpenAI encoding of `model`, or null when the model has no public tokenizer (Claude, Gemini, and
 * unknown models). Provider prefixes such as `openai/` are ignored.
 */
export function encodingForModel(model: string): Encoding | null {
  const id = bareModel(model);
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|chatgpt-4o|o1|o3|o4)(\b|-|$)/.test(id)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada-002)(\b|-|$)/.test(id)) return 'cl100k_base';
  return null;
}

/**
 * The estimate's method for Claude and Gemini models (and unknown ones):
 * the exact o200k_base count times a per-family factor.
 * - Claude up to 4.6 and Gemini: factor 1.0. A 200k-vocabulary BPE count is a common proxy for these
 *   tokenizers (Anthropic's own rule of thumb is ~4 characters per token). Its error has not been
 *   measured here against the providers' counters: allow ±20% or more, most on code, non-Latin
 *   scripts and emoji. The opt-in count-tokens endpoint gives the exact figure for Claude.
 * - Claude 4.7 and later: factor 1.3, since Anthropic states the new tokenizer yields about 30% more
 *   tokens than Sonnet 4.6 and earlier for the same text; the same uncertainty applies on top.
 */
export function tokenMethod(model: string): TokenMethod {
  const encoding = encodingForModel(model);
  if (encoding) return { exact: true, encoding, factor: 1, method: encoding };
  const id = bareModel(model);
  if (isClaudeModel(id) && claudeUsesNewTokenizer(id)) {
    return { exact: false, encoding: 'o200k_base', factor: 1.3, method: ESTIMATE_METHODS.claudeNew };
  }
  if (isClaudeModel(id)) {
    return { exact: false, encoding: 'o200k_base', factor: 1, method: ESTIMATE_METHODS.claude };
  }
  if (id.startsWith('gemini')) {
    return { exact: false, encoding: 'o200k_base', factor: 1, method: ESTIMATE_METHODS.gemini };
  }
  return { exact: false, encoding: 'o200k_base', factor: 1, method: ESTIMATE_METHODS.other };
}

/** Descriptions of the estimates, as shown in the UI and the docs. */
export const ESTIMATE_METHODS = {
  claude: '≈ estimate: o200k_base × 1.0 (Claude has no public tokenizer; error unmeasured, allow ±20%)',
  claudeNew: '≈ estimate: o200k_base × 1.3 (Claude 4.7+ tokenizer: ~30% more tokens; error unmeasured, allow ±20%)',
  gemini: '≈ estimate: o200k_base × 1.0 (no public Gemini tokenizer; error unmeasured, allow ±20%)',
  other: '≈ estimate: o200k_base × 1.0 (unknown model; error unmeasured)',
} as const;

/**
 * Tokens of `text` for `model`: the exact count for OpenAI models, otherwise the estimate described by
 * `tokenMethod(model).method` (rounded up).
 */
export function estimateTokens(text: string, model: string): number {
  const { encoding, factor } = tokenMethod(model);
  const n = countTokens(text, encoding);
  return factor === 1 ? n : Math.ceil(n * factor);
}

/**
 * `model` trimmed, lower-cased and without a provider prefix: `openai/`, `anthropic:`, Bedrock's
 * `anthropic.` and the like, so `anthropic/claude-sonnet-4-5` becomes `claude-sonnet-4-5`.
 */
export function bareModel(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/^(?:(?:openai|anthropic|google|azure|vertex_ai|bedrock)[/:]|anthropic\.)/, '');
}

/** Whether `model` names a Claude model, with or without a provider prefix (see `bareModel`). */
export function isClaudeModel(model: string): boolean {
  return bareModel(model).startsWith('claude');
}

// Names look like claude-opus-4-7, claude-sonnet-4-5-20250929 or claude-3-7-sonnet-20250219.
function claudeUsesNewTokenizer(id: string): boolean {
  const m = /^claude-(?:(?:opus|sonnet|haiku)-)?(\d+)(?:[-.](\d{1,2})(?!\d))?/.exec(id);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = m[2] === undefined ? 0 : Number(m[2]);
  return major > 4 || (major === 4 && minor >= 7);
}
