// Exact token counting for one encoding: pre-tokenize, then count each piece through a bounded cache
// (prose repeats its pieces) in front of byte-pair merging.
import type { Encoding } from '../types';
import { bpeCount } from './bpe';
import { classTable } from './charClass';
import { cl100kPieceEnd, o200kPieceEnd, type PieceEnd } from './pretokenize';
import { RankTable } from './ranks';

const CACHE_BITS = 16;
const CACHE_MASK = (1 << CACHE_BITS) - 1;
/** Longer pieces are counted without the cache (rare, and comparing them costs as much as a miss). */
const CACHE_MAX_PIECE = 64;

/** Counts tokens of text ranges for one encoding. Create through `counterFor`. */
export class Counter {
  readonly pieceEnd: PieceEnd;
  readonly classes: Uint8Array;
  private readonly ranks: RankTable;
  private readonly keys: Array<string | undefined> = new Array(CACHE_MASK + 1);
  private readonly keyHashes = new Int32Array(CACHE_MASK + 1);
  private readonly counts = new Int32Array(CACHE_MASK + 1);
  private bytes = new Uint8Array(1024);

  constructor(encoding: Encoding, ranks: RankTable) {
    this.pieceEnd = encoding === 'o200k_base' ? o200kPieceEnd : cl100kPieceEnd;
    this.classes = classTable();
    this.ranks = ranks;
  }

  /** Tokens of `text[start, end)` encoded on its own. */
  count(text: string, start = 0, end = text.length): number {
    const { pieceEnd, classes } = this;
    let total = 0;
    for (let p = start; p < end; ) {
      const q = pieceEnd(text, p, end, classes);
      total += this.piece(text, p, q);
      p = q;
    }
    return total;
  }

  /** Tokens of the single pre-tokenized piece `text[p, q)`. */
  piece(text: string, p: number, q: number): number {
    const len = q - p;
    if (len === 1 && text.charCodeAt(p) < 0x80) return 1;
    if (len > CACHE_MAX_PIECE) return this.encodeAndCount(text, p, q);
    let h = len;
    for (let i = p; i < q; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h ^= h >>> 13;
    // Two-way sets: frequent pieces that hash alike do not keep evicting each other.
    const { keys, keyHashes, counts } = this;
    const slot = h & CACHE_MASK & ~1;
    for (let s = slot; s <= slot + 1; s++) {
      const key = keys[s];
      if (key !== undefined && keyHashes[s] === h && key.length === len) {
        let i = 0;
        while (i < len && key.charCodeAt(i) === text.charCodeAt(p + i)) i++;
        if (i === len) return counts[s]!;
      }
    }
    const n = this.encodeAndCount(text, p, q);
    keys[slot + 1] = keys[slot];
    keyHashes[slot + 1] = keyHashes[slot]!;
    counts[slot + 1] = counts[slot]!;
    keys[slot] = text.slice(p, q);
    keyHashes[slot] = h;
    counts[slot] = n;
    return n;
  }

  /** Empties the piece cache (the bench measures cold counts with it). */
  clearCache(): void {
    this.keys.fill(undefined);
  }

  // UTF-8 encodes text[p, q) into the scratch buffer (lone surrogates as U+FFFD) and merges it.
  private encodeAndCount(text: string, p: number, q: number): number {
    if (this.bytes.length < (q - p) * 3) this.bytes = new Uint8Array((q - p) * 3);
    const b = this.bytes;
    let n = 0;
    for (let i = p; i < q; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) b[n++] = c;
      else if (c < 0x800) {
        b[n++] = 0xc0 | (c >> 6);
        b[n++] = 0x80 | (c & 63);
      } else {
        if ((c & 0xf800) === 0xd800) {
          const d = i + 1 < q ? text.charCodeAt(i + 1) : 0;
          if (c < 0xdc00 && (d & 0xfc00) === 0xdc00) {
            c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
            i++;
            b[n++] = 0xf0 | (c >> 18);
            b[n++] = 0x80 | ((c >> 12) & 63);
            b[n++] = 0x80 | ((c >> 6) & 63);
            b[n++] = 0x80 | (c & 63);
            continue;
          }
          c = 0xfffd;
        }
        b[n++] = 0xe0 | (c >> 12);
        b[n++] = 0x80 | ((c >> 6) & 63);
        b[n++] = 0x80 | (c & 63);
      }
    }
    const count = bpeCount(b, n, this.ranks);
    // Do not keep a huge scratch buffer alive after one giant piece (a pasted blob).
    if (b.length > 1 << 20) this.bytes = new Uint8Array(1024);
    return count;
  }
}

const counters: Partial<Record<Encoding, Counter>> = {};

/**
 * The counter for `encoding`, built on first use: this is when the rank file is loaded and decoded
 * (about 100 ms for o200k_base), never at import time.
 */
export function counterFor(encoding: Encoding): Counter {
  let counter = counters[encoding];
  if (!counter) {
    counter = new Counter(encoding, new RankTable(loadRanks(encoding)));
    counters[encoding] = counter;
  }
  return counter;
}

// `require` inside a function keeps the multi-megabyte rank modules out of module initialisation:
// esbuild wraps them so they are evaluated on this call, and tsx resolves them the same way in tests.
// A static import would evaluate them when the extension activates; `import()` would make counting async.
function loadRanks(encoding: Encoding): string {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const mod = (
    encoding === 'o200k_base'
      ? require('js-tiktoken/ranks/o200k_base')
      : encoding === 'cl100k_base'
        ? require('js-tiktoken/ranks/cl100k_base')
        : undefined
  ) as { default?: { bpe_ranks: string }; bpe_ranks?: string } | undefined;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ranks = mod?.default?.bpe_ranks ?? mod?.bpe_ranks;
  if (typeof ranks !== 'string') throw new Error(`unknown encoding: ${String(encoding)}`);
  return ranks;
}
