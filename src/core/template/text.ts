// Text that an editor changes on every keystroke, kept in chunks so that an edit copies one chunk
// instead of the whole document, plus a read-only view of "this text with one edit applied". The
// incremental parser reads both through `TextView`, which plain strings satisfy as well.
import type { TextEdit } from '../types';

/** The reads the incremental parser needs; a string is one. */
export interface TextView {
  readonly length: number;
  slice(start: number, end: number): string;
  charCodeAt(index: number): number;
  /** The whole text as one string. */
  toString(): string;
}

/** Chunks are split when an edit grows one past twice this size. */
const CHUNK = 8192;

export class ChunkedText implements TextView {
  private chunks: string[] = [];
  private starts: number[] = [];
  private joined: string | null = null;
  length = 0;

  constructor(text: string) {
    for (let k = 0; k < text.length; k += CHUNK) this.chunks.push(text.slice(k, k + CHUNK));
    if (!this.chunks.length) this.chunks.push('');
    this.index();
    this.joined = text;
  }

  /** The whole text (joined once per version). */
  toString(): string {
    this.joined ??= this.chunks.join('');
    return this.joined;
  }

  slice(start: number, end: number): string {
    const a = Math.max(0, Math.min(start, this.length));
    const b = Math.max(a, Math.min(end, this.length));
    if (this.joined !== null) return this.joined.slice(a, b);
    let k = this.chunkAt(a);
    let out = '';
    for (let at = a; at < b; k++) {
      const from = at - this.starts[k]!;
      const piece = this.chunks[k]!.slice(from, from + (b - at));
      out += piece;
      at += piece.length;
    }
    return out;
  }

  charCodeAt(index: number): number {
    if (index < 0 || index >= this.length) return NaN;
    if (this.joined !== null) return this.joined.charCodeAt(index);
    const k = this.chunkAt(index);
    return this.chunks[k]!.charCodeAt(index - this.starts[k]!);
  }

  /** Applies an edit (offsets clamped to the text). */
  applyEdit(edit: TextEdit): void {
    const s = Math.max(0, Math.min(edit.start, this.length));
    const e = Math.max(s, Math.min(edit.end, this.length));
    const a = this.chunkAt(s);
    const b = this.chunkAt(e);
    const merged = this.chunks[a]!.slice(0, s - this.starts[a]!) + edit.newText + this.chunks[b]!.slice(e - this.starts[b]!);
    const replacement: string[] = [];
    for (let k = 0; k < merged.length || replacement.length === 0; k += CHUNK) replacement.push(merged.slice(k, k + CHUNK));
    this.chunks.splice(a, b - a + 1, ...(merged.length > 2 * CHUNK ? replacement : [merged]));
    this.index();
    this.joined = null;
  }

  private index(): void {
    this.starts = [];
    let at = 0;
    for (const c of this.chunks) {
      this.starts.push(at);
      at += c.length;
    }
    this.length = at;
  }

  /** Index of the last chunk starting at or before `offset` (it holds that offset unless at the end). */
  private chunkAt(offset: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** `base` as it reads with `edit` applied, without building the new text. */
export class EditedView implements TextView {
  readonly length: number;
  private readonly insertEnd: number;
  private readonly delta: number;

  constructor(
    private readonly base: TextView,
    private readonly edit: TextEdit,
  ) {
    this.delta = edit.newText.length - (edit.end - edit.start);
    this.length = base.length + this.delta;
    this.insertEnd = edit.start + edit.newText.length;
  }

  slice(start: number, end: number): string {
    const a = Math.max(0, Math.min(start, this.length));
    const b = Math.max(a, Math.min(end, this.length));
    const { start: s, newText } = this.edit;
    let out = '';
    if (a < s) out += this.base.slice(a, Math.min(b, s));
    if (b > s && a < this.insertEnd) out += newText.slice(Math.max(a, s) - s, Math.min(b, this.insertEnd) - s);
    if (b > this.insertEnd) out += this.base.slice(Math.max(a, this.insertEnd) - this.delta, b - this.delta);
    return out;
  }

  toString(): string {
    return this.slice(0, this.length);
  }

  charCodeAt(index: number): number {
    if (index < 0 || index >= this.length) return NaN;
    if (index < this.edit.start) return this.base.charCodeAt(index);
    if (index < this.insertEnd) return this.edit.newText.charCodeAt(index - this.edit.start);
    return this.base.charCodeAt(index - this.delta);
  }
}
