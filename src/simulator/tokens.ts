// The simulator's one seam to token counting: exact BPE for OpenAI models, an estimate for Claude.
// Placeholder on js-tiktoken until src/core/tokens (countTokens, encodingForModel, estimateTokens)
// lands; then this file only forwards to the core so the editor's counts and the simulator's agree.
import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

let o200k: Tiktoken | undefined;

/** Tokens of `text` as `model` counts them (OpenAI: exact; Claude: estimate). */
export function tokensFor(text: string, _model: string): number {
  if (text === '') return 0;
  o200k ??= new Tiktoken(o200kBase);
  return o200k.encode(text, [], []).length;
}
