import type { Encoding } from '../types';
import { counterFor } from './counter';

/**
 * Exact number of tokens `text` encodes to in `encoding`, equal to tiktoken's `encode_ordinary`:
 * special-token text such as `<|endoftext|>` counts as ordinary text. Loads the rank table on first use.
 */
export function countTokens(text: string, encoding: Encoding): number {
  return counterFor(encoding).count(text);
}
