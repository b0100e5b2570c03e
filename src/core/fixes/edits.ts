// Text edits: the one representation of a fix, applied the same way by the editor and the CLI.
import type { TextEdit } from '../types';

/**
 * Applies non-overlapping edits (offsets refer to the original text) and returns the new text.
 * Edits are applied from the end so earlier offsets stay valid.
 * @throws RangeError when edits overlap or fall outside the text (a caller bug, not bad input).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) throw new RangeError('overlapping or out-of-range edit');
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** The single smallest edit that turns `before` into `after` (common prefix and suffix left alone). */
export function diffEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair: an edit boundary between its halves would corrupt the character.
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  if (tail > 0 && isLow(before.charCodeAt(before.length - tail))) tail--;
  return [{ start, end: before.length - tail, newText: after.slice(start, after.length - tail) }];
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
