// An incremental token index: the pre-tokenized pieces of a document with their token counts, kept in
// blocks so that an edit re-tokenizes only a small window (see reach.ts for why that is exact) and a
// range's count needs no full pass.
import type { Encoding, TextEdit } from '../types';
import { ChunkedText } from './chunkedText';
import { counterFor, type Counter } from './counter';
import { affectedFrom } from './reach';

/** Pieces per block when building; a block splits when an edit grows it past twice this. */
const BLOCK = 256;
/** Ranges shorter than this are simply counted. */
const SHORT_RANGE = 64;

/** Exact token counts of a document that stay current under edits. */
export interface TokenIndex {
  readonly encoding: Encoding;
  /** The document as of the last edit (joined on demand; edits never need the whole string). */
  readonly text: string;
  /** Length of the document in UTF-16 units. */
  readonly length: number;
  /** Tokens of the whole document. */
  readonly total: number;
  /**
   * Exact tokens of `text[start, end)` encoded on its own (as a segment sent or rendered separately),
   * equal to `countTokens(text.slice(start, end))`. Costs microseconds whatever the range's size: only
   * the ends are encoded again, the middle is summed from the index.
   */
  tokensIn(start: number, end: number): number;
  /** Applies one edit (offsets in the current text), re-tokenizing only a window around it. */
  applyEdit(edit: TextEdit): void;
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

/** Characters of context read past an edit before trying to resynchronise (grows when needed). */
const LOOKAHEAD = 256;

class BlockIndex implements TokenIndex {
  total = 0;
  private readonly counter: Counter;
  private doc = new ChunkedText('');
  private blocks: Block[] = [];
  // Per block: offset and tokens before it. Rebuilt lazily after an edit.
  private startChar = new Int32Array(0);
  private startToken = new Float64Array(0);
  private stale = true;

  constructor(
    text: string,
    readonly encoding: Encoding,
  ) {
    this.counter = counterFor(encoding);
    this.build(text);
  }

  get text(): string {
    return this.doc.toString();
  }

  get length(): number {
    return this.doc.length;
  }

  tokensIn(start: number, end: number): number {
    start = Math.max(0, start);
    end = Math.min(this.length, end);
    if (end - start <= SHORT_RANGE) return end > start ? this.counter.count(this.slice(start, end)) : 0;
    const { pieceEnd, classes } = this.counter;
    const tailFrom = Math.max(start, this.affectedFrom(end, start));
    // Head: encode from `start` until a piece boundary coincides with one of the document's.
    let [b, i, pieceStart] = this.locate(start);
    let head = 0;
    let p = start;
    for (let reach = LOOKAHEAD; pieceStart !== p; reach *= 4) {
      const to = Math.min(end, start + reach);
      const window = this.slice(start, to);
      // Pieces are only trusted where cutting the window at `to` cannot have changed them.
      const trusted = to === end ? window.length : affectedFrom(window, window.length, classes);
      while (pieceStart !== p && p < tailFrom && p - start < trusted) {
        const q = pieceEnd(window, p - start, window.length, classes) + start;
        if (q - start > trusted && to !== end) break;
        head += this.counter.piece(window, p - start, q - start);
        p = q;
        while (pieceStart < p) {
          pieceStart += this.blocks[b]!.lens[i]!;
          if (++i === this.blocks[b]!.n) {
            b++;
            i = 0;
          }
        }
      }
      if (p >= tailFrom && pieceStart !== p) return head + this.counter.count(this.slice(p, end));
    }
    // Middle: whole pieces of the document up to the one holding `tailFrom`; tail: encoded again.
    const [tb, ti, tailStart] = this.locate(tailFrom);
    if (tailStart <= p) return head + this.counter.count(this.slice(p, end));
    return head + this.tokensBefore(tb, ti) - this.tokensBefore(b, i) + this.counter.count(this.slice(tailStart, end));
  }

  applyEdit(edit: TextEdit): void {
    const x = Math.max(0, Math.min(edit.start, this.length));
    const y = Math.max(x, Math.min(edit.end, this.length));
    const inserted = edit.newText;
    const newLength = this.length - (y - x) + inserted.length;
    if (this.length === 0 || newLength === 0) {
      this.build(this.slice(0, x) + inserted + this.slice(y, this.length));
      return;
    }
    const { pieceEnd, classes } = this.counter;
    const delta = inserted.length - (y - x);
    const [b0, i0, p0] = this.locate(Math.min(this.affectedFrom(x, 0), this.length - 1));
    // Re-tokenize a window of the new text from p0 until a boundary past the edit lands on an old one.
    for (let extra = LOOKAHEAD; ; extra *= 4) {
      const oldTo = Math.min(this.length, y + extra);
      const window = this.slice(p0, x) + inserted + this.slice(y, oldTo);
      const atEnd = oldTo === this.length;
      const trusted = atEnd ? window.length : affectedFrom(window, window.length, classes);
      const insertedEnd = x + inserted.length - p0;
      const lens: number[] = [];
      const counts: number[] = [];
      let b = b0;
      let i = i0;
      let oldStart = p0;
      let removed = 0;
      let added = 0;
      for (let p = 0; p < trusted; ) {
        const q = pieceEnd(window, p, window.length, classes);
        if (q > trusted) break;
        const n = this.counter.piece(window, p, q);
        lens.push(q - p);
        counts.push(n);
        added += n;
        p = q;
        if (q < insertedEnd) continue;
        const oldQ = q + p0 - delta;
        while (b < this.blocks.length && oldStart < oldQ) {
          oldStart += this.blocks[b]!.lens[i]!;
          removed += this.blocks[b]!.counts[i]!;
          if (++i === this.blocks[b]!.n) {
            b++;
            i = 0;
          }
        }
        if (oldStart === oldQ) {
          this.doc.replace(x, y, inserted);
          this.splice(b0, i0, b, i, lens, counts);
          this.total += added - removed;
          return;
        }
      }
    }
  }

  update(text: string): void {
    const old = this.text;
    const max = Math.min(old.length, text.length);
    let a = 0;
    while (a < max && old.charCodeAt(a) === text.charCodeAt(a)) a++;
    let z = 0;
    while (z < max - a && old.charCodeAt(old.length - 1 - z) === text.charCodeAt(text.length - 1 - z)) z++;
    if (a === old.length && a === text.length) return;
    this.applyEdit({ start: a, end: old.length - z, newText: text.slice(a, text.length - z) });
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
    this.blocks = chunk(lens, counts, 0, lens.length);
    this.total = 0;
    for (const b of this.blocks) this.total += b.tokens;
    this.doc = new ChunkedText(text);
    this.stale = true;
  }

  private slice(from: number, to: number): string {
    return this.doc.slice(from, to);
  }

  /** `affectedFrom` over the chunked text, reading back only as far as the runs before `x` go. */
  private affectedFrom(x: number, floor: number): number {
    const { classes } = this.counter;
    for (let back = 64; ; back *= 4) {
      const from = Math.max(floor, x - back);
      const window = this.slice(from, x);
      const at = affectedFrom(window, window.length, classes);
      if (at > 0 || from === floor) return from + at;
    }
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
  // [blocks.length, 0, length].
  private locate(offset: number): [number, number, number] {
    this.refresh();
    const { startChar, blocks } = this;
    let lo = 0;
    let hi = blocks.length - 1;
    if (hi < 0 || offset >= this.length) return [blocks.length, 0, this.length];
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
