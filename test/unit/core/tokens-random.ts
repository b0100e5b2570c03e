// Seeded generator of mixed-script strings for the tokenizer tests and the bench: the characters that
// stress the split patterns (case changes, marks, digits, every kind of white space, contractions,
// emoji sequences, astral letters, lone surrogates, special-token text) in random runs.

/** A small fast PRNG (mulberry32); the same seed gives the same strings everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const range = (from: number, to: number): string[] => {
  const out: string[] = [];
  for (let cp = from; cp <= to; cp++) out.push(String.fromCodePoint(cp));
  return out;
};

const ALPHABETS: string[][] = [
  range(0x61, 0x7a),
  range(0x41, 0x5a),
  range(0x30, 0x39),
  [...'!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'],
  [' ', ' ', ' ', '\t', '\n', '\r\n', '\r', '\u00a0', '\u0085', '\u2028', '\u3000', '\ufeff', '\u200b', '\u000b', '\f'],
  ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "'Re", "'\u017f", "'", '’s'],
  range(0x4e00, 0x4e80), // CJK
  range(0xac00, 0xac40), // Hangul
  range(0x3040, 0x30ff), // kana, incl. Lm
  range(0x0400, 0x045f), // Cyrillic upper and lower
  range(0x0391, 0x03c9), // Greek
  range(0x0600, 0x06ff), // Arabic letters, marks, digits
  range(0x0900, 0x097f), // Devanagari with combining marks
  range(0x0300, 0x036f), // combining marks
  range(0x00c0, 0x024f), // Latin-1 and Extended letters
  ['\u01c5', '\u01c8', '\u02b0', '\u02c6', '\u2160', '\u00b2', '\u0660', '\uff10', '\u00bd'], // Lt, Lm, Nl, No, Nd
  ['😀', '👍🏽', '👨‍👩‍👧', '🇫🇷', '❤️', '✨', '🔴', '\u{1f9d1}\u200d\u{1f4bb}'],
  ['𝐀', '𝐚', '𝟏', '\u{20000}', '\u{2ebf0}', '\u{323b0}', '\u{10400}', '\u{10428}', '\u{1e900}'], // astral letters/digits, new CJK
  ['\ud800', '\udc00', '\udbff', 'a\ud83d', '\ude00b'], // lone surrogates
  ['<|endoftext|>', '<|endofprompt|>', '<|fim_prefix|>', '<|im_start|>'],
  ['\u0378', '\u088f', '\u1acf', '\ue000', '\ufffd', '\u{e0001}'], // unassigned, new in Unicode 17, private use
];

/** A random string of up to `maxRuns` runs, each of 1–12 characters from one alphabet. */
export function randomText(next: () => number, maxRuns = 12): string {
  let s = '';
  const runs = 1 + Math.floor(next() * maxRuns);
  for (let r = 0; r < runs; r++) {
    const alphabet = ALPHABETS[Math.floor(next() * ALPHABETS.length)]!;
    const len = 1 + Math.floor(next() * (next() < 0.1 ? 40 : 12));
    for (let k = 0; k < len; k++) s += alphabet[Math.floor(next() * alphabet.length)];
  }
  return s;
}
