// Hand-written pre-tokenizers for o200k_base and cl100k_base: each returns where the piece that starts at
// `p` ends, exactly as tiktoken's regular expression (leftmost-first alternation, greedy quantifiers with
// backtracking) would split it, but as a scan over char codes and a class table instead of a regex.
//
// The patterns, from tiktoken:
//   o200k:  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//          | [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//          | \p{N}{1,3} | ?[^\s\p{L}\p{N}]+[\r\n/]* | \s*[\r\n]+ | \s+(?!\S) | \s+
//   cl100k: (?i:'s|'t|'re|'ve|'m|'ll|'d) | [^\r\n\p{L}\p{N}]?\p{L}+ | \p{N}{1,3} | ?[^\s\p{L}\p{N}]+[\r\n]*
//          | \s*[\r\n]+ | \s+(?!\S) | \s+
// A lone surrogate reads as U+FFFD, as it does once tiktoken has converted the string to UTF-8.
//
// Class bits (see CharClass): 1 Other, 2 Upper, 4 Lower, 8 OtherLetter, 16 Mark, 32 Number, 64 Space,
// 128 Newline.

/** Signature shared by both pre-tokenizers: end (exclusive) of the piece starting at `p`, within `end`. */
export type PieceEnd = (text: string, p: number, end: number, classes: Uint8Array) => number;

/** [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] */
const UPPERISH = 2 | 8 | 16;
/** [\p{Ll}\p{Lm}\p{Lo}\p{M}] */
const LOWERISH = 4 | 8 | 16;
/** \p{L} */
const LETTER = 2 | 4 | 8;
/** [^\r\n\p{L}\p{N}]: the optional lead character before a word. */
const LEAD = 1 | 16 | 64;
/** [^\s\p{L}\p{N}] */
const SYMBOL = 1 | 16;

// The code point at `i` (a lone surrogate reads as U+FFFD); its width is `cp > 0xffff ? 2 : 1` units.
function cp(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if ((c & 0xf800) !== 0xd800) return c;
  if (c < 0xdc00 && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return 0xfffd;
}

/** Length of a case-insensitive contraction ('s 't 're 've 'm 'll 'd) at `i`, or 0. */
function contraction(text: string, i: number, end: number): number {
  if (i + 1 >= end || text.charCodeAt(i) !== 0x27) return 0;
  const a = text.charCodeAt(i + 1) | 0x20;
  // Rust's case-insensitive `s` also matches U+017F LATIN SMALL LETTER LONG S (simple case folding).
  if (a === 0x73 || a === 0x74 || a === 0x6d || a === 0x64 || text.charCodeAt(i + 1) === 0x17f) return 2;
  if (i + 2 >= end) return 0;
  const b = text.charCodeAt(i + 2) | 0x20;
  if ((a === 0x72 || a === 0x76) && b === 0x65) return 3;
  if (a === 0x6c && b === 0x6c) return 3;
  return 0;
}

// o200k first alternative from `s`: [U]*[W]+ — the U run is greedy and gives back characters until the
// W run can match, so it ends after the last W character of the U run when no W follows the run.
function upperThenLower(text: string, s: number, end: number, classes: Uint8Array): number {
  let i = s;
  let lastLower = -1;
  while (i < end) {
    const c = cp(text, i, end);
    const bit = 1 << classes[c]!;
    if (bit & UPPERISH) {
      i += c > 0xffff ? 2 : 1;
      if (bit & LOWERISH) lastLower = i;
    } else {
      if (!(bit & LOWERISH)) return lastLower;
      return run(text, i, end, classes, LOWERISH);
    }
  }
  return lastLower;
}

// o200k second alternative from `s`: [U]+[W]*.
function upperRun(text: string, s: number, end: number, classes: Uint8Array): number {
  const k = run(text, s, end, classes, UPPERISH);
  return k === s ? -1 : run(text, k, end, classes, LOWERISH);
}

/** End of the maximal run from `i` of characters whose class bit is in `mask`. */
function run(text: string, i: number, end: number, classes: Uint8Array, mask: number): number {
  while (i < end) {
    const c = cp(text, i, end);
    if (!((1 << classes[c]!) & mask)) break;
    i += c > 0xffff ? 2 : 1;
  }
  return i;
}

function digits(text: string, p: number, end: number, classes: Uint8Array): number {
  let i = p;
  for (let n = 0; n < 3 && i < end; n++) {
    const c = cp(text, i, end);
    if (classes[c] !== 5) break;
    i += c > 0xffff ? 2 : 1;
  }
  return i;
}

// ` ?[^\s\p{L}\p{N}]+` followed by a run of CR/LF (and '/' for o200k). `first` is the code point at p.
function symbols(text: string, p: number, end: number, classes: Uint8Array, first: number, slash: boolean): number {
  let s = p;
  if (first === 0x20) {
    if (p + 1 >= end || !((1 << classes[cp(text, p + 1, end)]!) & SYMBOL)) return -1;
    s = p + 1;
  } else if (!((1 << classes[first]!) & SYMBOL)) return -1;
  let i = run(text, s, end, classes, SYMBOL);
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || (slash && c === 0x2f)) i++;
    else break;
  }
  return i;
}

// `\s*[\r\n]+ | \s+(?!\S) | \s+` at p (a White_Space character; all of them are in the BMP).
function spaces(text: string, p: number, end: number, classes: Uint8Array): number {
  let i = p;
  let afterNewline = -1;
  while (i < end) {
    const c = text.charCodeAt(i);
    const k = classes[(c & 0xf800) === 0xd800 ? 0xfffd : c]!;
    if (k === 7) afterNewline = i + 1;
    else if (k !== 6) break;
    i++;
  }
  if (afterNewline >= 0) return afterNewline;
  if (i === end || i - p === 1) return i;
  return i - 1;
}

/** o200k_base pre-tokenizer. */
export const o200kPieceEnd: PieceEnd = (text, p, end, classes) => {
  const c = cp(text, p, end);
  const w = c > 0xffff ? 2 : 1;
  const bit = 1 << classes[c]!;
  let q = -1;
  if (bit & LEAD && p + w < end) q = upperThenLower(text, p + w, end, classes);
  if (q < 0 && bit & (UPPERISH | LOWERISH)) q = upperThenLower(text, p, end, classes);
  if (q < 0 && bit & LEAD && p + w < end) q = upperRun(text, p + w, end, classes);
  if (q < 0 && bit & UPPERISH) q = upperRun(text, p, end, classes);
  if (q >= 0) return q + contraction(text, q, end);
  if (bit & 32) return digits(text, p, end, classes);
  q = symbols(text, p, end, classes, c, true);
  if (q >= 0) return q;
  return spaces(text, p, end, classes);
};

/** cl100k_base pre-tokenizer. */
export const cl100kPieceEnd: PieceEnd = (text, p, end, classes) => {
  const n = contraction(text, p, end);
  if (n) return p + n;
  const c = cp(text, p, end);
  const w = c > 0xffff ? 2 : 1;
  const bit = 1 << classes[c]!;
  if (bit & LEAD && p + w < end) {
    const q = run(text, p + w, end, classes, LETTER);
    if (q > p + w) return q;
  }
  if (bit & LETTER) return run(text, p, end, classes, LETTER);
  if (bit & 32) return digits(text, p, end, classes);
  const q = symbols(text, p, end, classes, c, false);
  if (q >= 0) return q;
  return spaces(text, p, end, classes);
};
