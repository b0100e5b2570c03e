// How far back an edit can reach. The piece that starts at p depends only on text from p onwards, and
// the matcher reads at most 3 characters past the piece's end, except inside a run of white space or of
// letters and marks that starts at p (or right after a one-character lead), which it may read to its
// end. So a change at offset x (or cutting the text at x) can only change pieces that start at or after
// `affectedFrom(text, x)`, or the one piece that holds that offset.

/** White space and letters/marks (CharClass bits): the runs the matcher may read to their end. */
const SPACE_BITS = 64 | 128;
const LETTER_BITS = 2 | 4 | 8 | 16;

/**
 * The first offset whose piece can change when the text at `x` or later changes: 8 characters back,
 * or further back to just before a run of white space or of letters/marks that reaches `x`.
 */
export function affectedFrom(text: string, x: number, classes: Uint8Array): number {
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
