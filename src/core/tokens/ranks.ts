// BPE rank tables: token bytes -> rank, in an open-addressing hash table over one byte pool (about 5 MB
// for o200k_base), instead of a Map keyed by strings. Decoded from js-tiktoken's rank files on first use.

/** Token byte sequences and their ranks (ranks are token ids in these encodings). */
export class RankTable {
  /** Longest token in bytes; longer spans cannot have a rank. */
  readonly maxLength: number;
  private readonly pool: Uint8Array;
  private readonly offsets: Int32Array;
  private readonly lengths: Uint16Array;
  private readonly slots: Int32Array;
  private readonly slotHashes: Int32Array;
  private readonly mask: number;
  /** Ranks of all two-byte sequences (-1: not a token), the most frequent lookup during merging. */
  private readonly pairs = new Int32Array(65536).fill(-1);

  /** Parses js-tiktoken's `bpe_ranks` format: lines of `<name> <first rank> <base64 token>...`. */
  constructor(bpeRanks: string) {
    const count = countTokens(bpeRanks);
    const pool = new Uint8Array(Math.ceil(bpeRanks.length * 0.75));
    const tokenStart: number[] = [];
    const tokenRank: number[] = [];
    let used = 0;
    let i = 0;
    while (i < bpeRanks.length) {
      i = bpeRanks.indexOf(' ', i) + 1;
      const space = bpeRanks.indexOf(' ', i);
      let rank = parseInt(bpeRanks.slice(i, space), 10);
      i = space + 1;
      while (i < bpeRanks.length && bpeRanks.charCodeAt(i) !== 0x0a) {
        tokenStart.push(used);
        tokenRank.push(rank++);
        // Base64, four characters to three bytes; '=' padding ends the token.
        let bits = 0;
        let n = 0;
        for (; i < bpeRanks.length; i++) {
          const ch = bpeRanks.charCodeAt(i);
          if (ch === 0x20 || ch === 0x0a) break;
          if (ch === 0x3d) continue;
          bits = (bits << 6) | BASE64[ch]!;
          n += 6;
          if (n >= 8) {
            n -= 8;
            pool[used++] = (bits >> n) & 0xff;
          }
        }
        if (bpeRanks.charCodeAt(i) === 0x20) i++;
      }
      i++;
    }
    let maxRank = 0;
    for (const r of tokenRank) maxRank = Math.max(maxRank, r);
    this.pool = pool.subarray(0, used);
    this.offsets = new Int32Array(maxRank + 1);
    this.lengths = new Uint16Array(maxRank + 1);
    let size = 1;
    while (size < count * 2.5) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    this.slotHashes = new Int32Array(size);
    let maxLength = 0;
    for (let t = 0; t < tokenRank.length; t++) {
      const start = tokenStart[t]!;
      const end = t + 1 < tokenStart.length ? tokenStart[t + 1]! : used;
      const rank = tokenRank[t]!;
      this.offsets[rank] = start;
      this.lengths[rank] = end - start;
      maxLength = Math.max(maxLength, end - start);
      const h = hashBytes(this.pool, start, end);
      let slot = h & this.mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = rank;
      this.slotHashes[slot] = h;
      if (end - start === 2) this.pairs[(this.pool[start]! << 8) | this.pool[start + 1]!] = rank;
    }
    this.maxLength = maxLength;
  }

  /** Rank of `bytes[start, end)`, or -1 when that byte sequence is not a token. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len === 2) return this.pairs[(bytes[start]! << 8) | bytes[start + 1]!]!;
    if (len > this.maxLength) return -1;
    const h = hashBytes(bytes, start, end);
    const { slots, slotHashes, pool, offsets, lengths, mask } = this;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const r = slots[slot]!;
      if (r < 0) return -1;
      if (slotHashes[slot] !== h || lengths[r] !== len) continue;
      const o = offsets[r]! - start;
      let i = start;
      while (i < end && pool[o + i] === bytes[i]) i++;
      if (i === end) return r;
    }
  }
}

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h ^ (h >>> 15);
}

function countTokens(bpeRanks: string): number {
  let n = 0;
  for (let i = bpeRanks.indexOf(' '); i >= 0; i = bpeRanks.indexOf(' ', i + 1)) n++;
  return n;
}

const BASE64 = new Uint8Array(128);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((ch, i) => (BASE64[ch.charCodeAt(0)] = i));
