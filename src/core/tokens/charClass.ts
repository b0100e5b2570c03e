// Character classes of the pre-tokenizer, looked up per code point in a table decoded on first use.
import { CLASS_RUNS } from './unicodeClasses.generated';

/**
 * What the encodings' split patterns distinguish, one small integer per code point. o200k_base treats
 * Lu/Lt as upper case, Ll as lower case, and Lm/Lo and marks as both; cl100k_base uses \p{L}, so marks
 * are ordinary symbols there. `Space` is the Unicode White_Space property (Rust's `\s`) without CR and
 * LF, which the patterns single out. The pre-tokenizer tests classes with bit masks (`1 << class`).
 */
export const CharClass = {
  Other: 0,
  Upper: 1,
  Lower: 2,
  OtherLetter: 3,
  Mark: 4,
  Number: 5,
  Space: 6,
  Newline: 7,
} as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

let table: Uint8Array | undefined;

/** The class of every code point 0..0x10FFFF (1.1 MB), decoded from the generated runs on first use. */
export function classTable(): Uint8Array {
  if (!table) table = decodeRuns(CLASS_RUNS);
  return table;
}

/** Replaces the table; only the generator script uses this, to test a candidate table against tiktoken. */
export function setClassTable(t: Uint8Array): void {
  table = t;
}

function decodeRuns(runs: string): Uint8Array {
  const out = new Uint8Array(0x110000);
  let cp = 0;
  let i = 0;
  while (i < runs.length) {
    const comma = runs.indexOf(',', i);
    const len = parseInt(runs.slice(i, comma), 36);
    out.fill(runs.charCodeAt(comma + 1) - 48, cp, cp + len);
    cp += len;
    i = comma + 2;
  }
  return out;
}
