// Offset <-> {line, character} conversion. Lines end at LF, CRLF or a lone CR, as in VS Code, and
// characters are UTF-16 code units, so positions match the editor's without conversion.

/** A zero-based line and UTF-16 character, as the editor and SARIF (plus one) use them. */
export interface Position {
  line: number;
  character: number;
}

/** Offsets at which each line starts; `starts[0]` is always 0. Linear in the text length. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Position of `offset` (clamped to the text) by binary search over `starts`. */
export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  const target = Math.max(0, offset);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= target) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: target - starts[lo]! };
}

/** Offset of `position`; lines past the end clamp to the last line, characters are not clamped. */
export function offsetAt(starts: readonly number[], position: Position): number {
  const line = Math.min(Math.max(0, position.line), starts.length - 1);
  return starts[line]! + Math.max(0, position.character);
}

/** Convenience for one-off conversions: builds the line index for `text` and keeps it. */
export class LineIndex {
  readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }
  positionAt(offset: number): Position {
    return positionAt(this.starts, Math.min(offset, this.text.length));
  }
  offsetAt(position: Position): number {
    return Math.min(offsetAt(this.starts, position), this.text.length);
  }
}
