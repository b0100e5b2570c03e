// Byte-pair merging, counting only. tiktoken merges, at every step, the adjacent pair of parts whose
// concatenation has the lowest rank (the leftmost on ties) until no pair is a token; the count is the
// number of parts left. Short pieces use that loop over flat arrays; long ones (whitespace runs, long
// words, CJK sentences) use a heap so they stay O(n log n) instead of O(n²).
import type { RankTable } from './ranks';

const NONE = 0x7fffffff;
const SHORT = 128;

const bounds = new Int32Array(SHORT + 1);
const pairRanks = new Int32Array(SHORT + 1);

/** Number of tokens `bytes[0, n)` encodes to (n ≥ 1). */
export function bpeCount(bytes: Uint8Array, n: number, ranks: RankTable): number {
  if (n === 1 || ranks.rank(bytes, 0, n) >= 0) return 1;
  return n <= SHORT ? mergeShort(bytes, n, ranks) : mergeLong(bytes, n, ranks);
}

function rankOf(bytes: Uint8Array, start: number, end: number, ranks: RankTable): number {
  const r = ranks.rank(bytes, start, end);
  return r < 0 ? NONE : r;
}

function mergeShort(bytes: Uint8Array, n: number, ranks: RankTable): number {
  // bounds[0..len) are part starts plus the final end; pairRanks[i] ranks parts i and i+1 together.
  let len = n + 1;
  for (let i = 0; i <= n; i++) bounds[i] = i;
  for (let i = 0; i < n - 1; i++) pairRanks[i] = rankOf(bytes, i, i + 2, ranks);
  pairRanks[n - 1] = NONE;
  for (;;) {
    let min = NONE;
    let at = -1;
    for (let i = 0; i < len - 2; i++) {
      if (pairRanks[i]! < min) {
        min = pairRanks[i]!;
        at = i;
      }
    }
    if (at < 0) break;
    // Remove the boundary between parts `at` and `at + 1`.
    bounds.copyWithin(at + 1, at + 2, len);
    pairRanks.copyWithin(at + 1, at + 2, len - 1);
    len--;
    pairRanks[at] = at + 2 < len ? rankOf(bytes, bounds[at]!, bounds[at + 2]!, ranks) : NONE;
    if (at > 0) pairRanks[at - 1] = rankOf(bytes, bounds[at - 1]!, bounds[at + 1]!, ranks);
  }
  return len - 1;
}

// Parts are linked by their start byte; a heap of (rank, start) keys picks the lowest rank, leftmost
// first. Entries go stale when a part changes; `version` tells them apart.
function mergeLong(bytes: Uint8Array, n: number, ranks: RankTable): number {
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const version = new Int32Array(n);
  // Each merge pops one entry and pushes up to two, so the heap can outgrow n: it doubles when full.
  let heapKey = new Float64Array(n + 16);
  let heapVersion = new Int32Array(n + 16);
  let heapSize = 0;
  // The pair starting at `start` covers its part and the next one: [start, next[next[start]]).
  const push = (start: number): void => {
    const right = next[start]!;
    if (right >= n) return;
    const r = ranks.rank(bytes, start, next[right]!);
    if (r < 0) return;
    if (heapSize === heapKey.length) {
      const keys = new Float64Array(heapSize * 2);
      keys.set(heapKey);
      heapKey = keys;
      const versions = new Int32Array(heapSize * 2);
      versions.set(heapVersion);
      heapVersion = versions;
    }
    let i = heapSize++;
    const key = r * 4294967296 + start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKey[parent]! <= key) break;
      heapKey[i] = heapKey[parent]!;
      heapVersion[i] = heapVersion[parent]!;
      i = parent;
    }
    heapKey[i] = key;
    heapVersion[i] = version[start]!;
  };
  const pop = (): void => {
    const key = heapKey[--heapSize]!;
    const ver = heapVersion[heapSize]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= heapSize) break;
      if (child + 1 < heapSize && heapKey[child + 1]! < heapKey[child]!) child++;
      if (heapKey[child]! >= key) break;
      heapKey[i] = heapKey[child]!;
      heapVersion[i] = heapVersion[child]!;
      i = child;
    }
    heapKey[i] = key;
    heapVersion[i] = ver;
  };
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  for (let i = 0; i + 1 < n; i++) push(i);
  let parts = n;
  while (heapSize > 0) {
    const start = heapKey[0]! % 4294967296;
    const ver = heapVersion[0]!;
    pop();
    if (version[start] !== ver) continue;
    const right = next[start]!;
    version[right] = -1;
    next[start] = next[right]!;
    if (next[start]! < n) prev[next[start]!] = start;
    version[start]++;
    parts--;
    push(start);
    const left = prev[start]!;
    if (left >= 0) {
      version[left]++;
      push(left);
    }
  }
  return parts;
}
