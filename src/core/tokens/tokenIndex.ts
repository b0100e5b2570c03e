// An incremental token index: the pre-tokenized pieces of a document with their token counts, kept in
// blocks so that an edit re-tokenizes only a small window and a range's count needs no full pass.
//
// Why a local window is enough: the piece that starts at p depends only on text from p onwards, and the
// matcher reads at most 3 characters past the piece's end, except inside a run of white space or of
// letters and marks that starts at p (or right after a one-character lead), which it may read to its
// end. So an edit at x can only change pieces that start at or after `affectedFrom(text, x)`; pieces
// after the edit are reused as soon as a new piece boundary lands on an old one.
import type { Encoding, TextEdit } from '../types';
import { counterFor, type Counter } from './counter';

/** Pieces per block when building; a block splits when an edit grows it past twice this. */
const BLOCK = 256;
/** Ranges shorter than this are simply counted. */
const SHORT_RANGE = 64;
/** White space and letters/marks: the runs the matcher may read to their end. */
const SPACE_BITS = 64 | 128;
const LETTER_BITS = 2 | 4 | 8 | 16;

/** Exact token counts of a document that stay current under edits. */
export interface TokenIndex {
  readonly encoding: Encoding;
  /** The document as of the last edit. */
  readonly text: string;
  /** Tokens of the whole document. */
  readonly total: number;
  /**
   * Exact tokens of `text[start, end)` encoded on its own (as a segment sent or rendered separately),
   * equal to `countTokens(text.slice(start, end))`. Costs a few microseconds whatever the range's size:
   * only the ends are re-tokenized, the middle is summed from the index.
   */
  tokensIn(start: number, end: number): number;
  /**
   * Applies one edit. Pass `newText` (the whole document after the edit) when the caller already has
   * it, so the string is shared instead of rebuilt.
   */
  applyEdit(edit: TextEdit, newText?: string): void;
  /** Replaces the document, re-tokenizing only what changed between the common prefix and suffix. */
  update(text: string): void;
}

/** Builds the index of `text` (a full count, then every later edit is local). */
export function createTokenIndex(text: string, encoding: Encoding): TokenIndex {
  return new BlockIndex(text, encoding);
}

interface Block {
  n: number;
  lens: Int32Array;
  counts: Int32Array;
  chars: number;
  tokens: number;
}

class BlockIndex implements TokenIndex {
  text: string;
  total = 0;
  private readonly counter: Counter;
  private blocks: Block[] = [];
  // Offsets and token totals at the start of each block; rebuilt lazily after an edit.
  private startChar: Int32Array = new Int32Array(0);
  private startToken: Float64Array = new Float64Array(0);
  private stale = true;

  constructor(
    text: string,
    readonly encoding: Encoding,
  ) {
    this.counter = counterFor(encoding);
    this.text = text;
    this.build(text);
  }

  tokensIn(start: number, end: number): number {
    const text = this.text;
    start = Math.max(0, start);
    end = Math.min(text.length, end);
    if (end - start <= SHORT_RANGE) return end > start ? this.counter.count(text, start, end) : 0;
    const { pieceEnd, classes } = this.counter;
    const tailFrom = Math.max(start, affectedFrom(text, end, classes));
    // Head: encode from `start` until a piece boundary coincides with one of the document's.
    let [b, i, pieceStart] = this.locate(start);
    let head = 0;
    let p = start;
    while (pieceStart !== p) {
      if (p >= tailFrom) return head + this.counter.count(text, p, end);
      const q = pieceEnd(text, p, end, classes);
      head += this.counter.piece(text, p, q);
      p = q;
      while (pieceStart < p) {
        pieceStart += this.blocks[b]!.lens[i]!;
        if (++i === this.blocks[b]!.n) {
          b++;
          i = 0;
        }
      }
    }
    // Middle: whole pieces of the document up to the one holding `tailFrom`; tail: encoded again.
    const [tb, ti, tailStart] = this.locate(tailFrom);
    if (tailStart <= p) return head + this.counter.count(text, p, end);
    return head + this.tokensBefore(tb, ti) - this.tokensBefore(b, i) + this.counter.count(text, tailStart, end);
  }

  applyEdit(edit: TextEdit, newText?: string): void {
    const old = this.text;
    const { start: x, end: y } = edit;
    const next = newText ?? old.slice(0, x) + edit.newText + old.slice(y);
    const delta = next.length - old.length;
    if (old.length === 0 || next.length === 0) {
      this.build(next);
      return;
    }
    const { pieceEnd, classes } = this.counter;
    const from = affectedFrom(old, x, classes);
    const [b0, i0, p0] = this.locate(Math.min(from, old.length - 1));
    // Re-tokenize the new text from p0 until a boundary past the edit matches an old boundary.
    const insertedEnd = x + edit.newText.length;
    const lens: number[] = [];
    const counts: number[] = [];
    let b = b0;
    let i = i0;
    let oldStart = p0;
    let removed = 0;
    let added = 0;
    // The last piece ends at next.length, which always matches the old end, so the loop always breaks.
    for (let p = p0; p < next.length; ) {
      const q = pieceEnd(next, p, next.length, classes);
      const n = this.counter.piece(next, p, q);
      lens.push(q - p);
      counts.push(n);
      added += n;
      p = q;
      if (q < insertedEnd) continue;
      while (b < this.blocks.length && oldStart < q - delta) {
        oldStart += this.blocks[b]!.lens[i]!;
        removed += this.blocks[b]!.counts[i]!;
        if (++i === this.blocks[b]!.n) {
          b++;
          i = 0;
        }
      }
      if (oldStart === q - delta) break;
    }
    this.splice(b0, i0, b, i, lens, counts);
    this.total += added - removed;
    this.text = next;
  }

  update(text: string): void {
    const old = this.text;
    const max = Math.min(old.length, text.length);
    let a = 0;
    while (a < max && old.charCodeAt(a) === text.charCodeAt(a)) a++;
    let z = 0;
    while (z < max - a && old.charCodeAt(old.length - 1 - z) === text.charCodeAt(text.length - 1 - z)) z++;
    if (a === old.length && a === text.length) return;
    this.applyEdit({ start: a, end: old.length - z, newText: text.slice(a, text.length - z) }, text);
  }

  private build(text: string): void {
    const { pieceEnd, classes } = this.counter;
    const lens: number[] = [];
    const counts: number[] = [];
    for (let p = 0; p < text.length; ) {
      const q = pieceEnd(text, p, text.length, classes);
      lens.push(q - p);
      counts.push(this.counter.piece(text, p, q));
      p = q;
    }
    this.text = text;
    this.blocks = chunk(lens, counts, 0, lens.length);
    this.total = 0;
    for (const b of this.blocks) this.total += b.tokens;
    this.stale = true;
  }

  // Replaces pieces from (b0, i0) up to, not including, (b1, i1) by the given ones.
  private splice(b0: number, i0: number, b1: number, i1: number, lens: number[], counts: number[]): void {
    const first = this.blocks[b0]!;
    const last = b1 < this.blocks.length ? this.blocks[b1]! : undefined;
    const allLens: number[] = [];
    const allCounts: number[] = [];
    for (let k = 0; k < i0; k++) {
      allLens.push(first.lens[k]!);
      allCounts.push(first.counts[k]!);
    }
    allLens.push(...lens);
    allCounts.push(...counts);
    if (last) {
      for (let k = i1; k < last.n; k++) {
        allLens.push(last.lens[k]!);
        allCounts.push(last.counts[k]!);
      }
    }
    const size = allLens.length > 2 * BLOCK ? BLOCK : Math.max(allLens.length, 1);
    const replacement = allLens.length ? chunk(allLens, allCounts, 0, allLens.length, size) : [];
    this.blocks.splice(b0, (last ? b1 : this.blocks.length - 1) - b0 + 1, ...replacement);
    this.stale = true;
  }

  // The piece holding `offset`: [block, index in block, start offset]. At the end of the text it is
  // [blocks.length, 0, text.length].
  private locate(offset: number): [number, number, number] {
    this.refresh();
    const { startChar, blocks } = this;
    let lo = 0;
    let hi = blocks.length - 1;
    if (hi < 0 || offset >= this.text.length) return [blocks.length, 0, this.text.length];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (startChar[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const block = blocks[lo]!;
    let start = startChar[lo]!;
    let i = 0;
    while (start + block.lens[i]! <= offset) start += block.lens[i++]!;
    return [lo, i, start];
  }

  private tokensBefore(b: number, i: number): number {
    this.refresh();
    if (b >= this.blocks.length) return this.total;
    let sum = this.startToken[b]!;
    const counts = this.blocks[b]!.counts;
    for (let k = 0; k < i; k++) sum += counts[k]!;
    return sum;
  }

  private refresh(): void {
    if (!this.stale) return;
    const n = this.blocks.length;
    if (this.startChar.length < n) {
      this.startChar = new Int32Array(n * 2);
      this.startToken = new Float64Array(n * 2);
    }
    let chars = 0;
    let tokens = 0;
    for (let k = 0; k < n; k++) {
      this.startChar[k] = chars;
      this.startToken[k] = tokens;
      chars += this.blocks[k]!.chars;
      tokens += this.blocks[k]!.tokens;
    }
    this.stale = false;
  }
}

function chunk(lens: number[], counts: number[], from: number, to: number, size = BLOCK): Block[] {
  const out: Block[] = [];
  for (let s = from; s < to; s += size) {
    const n = Math.min(size, to - s);
    const block: Block = { n, lens: new Int32Array(n), counts: new Int32Array(n), chars: 0, tokens: 0 };
    for (let k = 0; k < n; k++) {
      block.lens[k] = lens[s + k]!;
      block.counts[k] = counts[s + k]!;
      block.chars += lens[s + k]!;
      block.tokens += counts[s + k]!;
    }
    out.push(block);
  }
  return out;
}

/**
 * The first offset whose piece can change when the text at `x` or later changes: 8 characters back,
 * or further back to just before a run of white space or of letters/marks that reaches `x`.
 */
function affectedFrom(text: string, x: number, classes: Uint8Array): number {
  return Math.max(0, Math.min(x - 8, runStart(text, x, classes, SPACE_BITS) - 2, runStart(text, x, classes, LETTER_BITS) - 2));
}

function runStart(text: string, x: number, classes: Uint8Array, mask: number): number {
  let i = x;
  while (i > 0) {
    let c = text.charCodeAt(i - 1);
    let w = 1;
    if ((c & 0xfc00) === 0xdc00 && i > 1) {
      const h = text.charCodeAt(i - 2);
      if ((h & 0xfc00) === 0xd800) {
        c = ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
        w = 2;
      }
    }
    if (!((1 << classes[c]!) & mask)) break;
    i -= w;
  }
  return i;
}
