// Nearest-neighbour search over sparse, normalised vectors with an inverted index: a lookup touches
// only the posting lists of the query's non-zero features, and with a similarity threshold only
// those of its rarer features (prefix filtering), then verifies the best candidates exactly. Without a
// threshold it is exact; with one it is approximate, and the bench measures its recall@1.
import type { SparseVector } from '../embed/types';

interface Posting {
  slots: Int32Array;
  weights: Float32Array;
  length: number;
  /** Largest weight ever in the list (an upper bound: removals do not lower it until compaction). */
  max: number;
}

export interface Neighbour {
  slot: number;
  score: number;
}

export class VectorIndex {
  private readonly postings = new Map<number, Posting>();
  private vectors: Array<SparseVector | null> = [];
  /** 1 for a live slot: the scan reads this typed array, never the (far slower) array of objects. */
  private alive = new Uint8Array(64);
  private scores = new Float32Array(64);
  private touched = new Int32Array(64);
  private seen = new Uint32Array(64);
  private generation = 0;
  private live = 0;
  /** Removed slots whose postings are still in the lists, and slots free for reuse. */
  private dead: number[] = [];
  private free: number[] = [];
  /** Reused per search: the query's features found in the index, and the query as a hash table. */
  private readonly present: Array<{ p: Posting; w: number }> = [];
  private readonly table = new QueryTable();
  private readonly top = new TopK();

  get size(): number {
    return this.live;
  }

  /** Adds a vector and returns its slot. */
  add(vector: SparseVector): number {
    const slot = this.free.pop() ?? this.vectors.length;
    this.vectors[slot] = vector;
    if (slot >= this.alive.length) {
      const grown = new Uint8Array(this.alive.length * 2);
      grown.set(this.alive);
      this.alive = grown;
    }
    this.alive[slot] = 1;
    this.live++;
    this.index(slot, vector);
    return slot;
  }

  /** Forgets a slot; postings are dropped lazily and compacted once half are dead. */
  remove(slot: number): void {
    if (!this.vectors[slot]) return;
    this.vectors[slot] = null;
    this.alive[slot] = 0;
    this.live--;
    this.dead.push(slot);
    if (this.dead.length > 1024 && this.dead.length > this.live / 4) this.compactPostings();
  }

  /**
   * The `k` best slots by cosine similarity, best first. With `minScore` > 0 the search skips the
   * query's most common features as long as the most they could add to any score stays below
   * `minScore` (prefix filtering, Bayardo et al. 2007): that bound is the smaller of the skipped
   * features' norm (Cauchy–Schwarz) and the sum of each skipped query weight times the largest weight
   * in its posting list, so a vector sharing none of the remaining features cannot reach `minScore`.
   * Candidates are then verified with an exact cosine in order of their partial score, stopping once
   * no unverified candidate's partial score plus the skipped bound can beat the k-th exact score (at
   * most VERIFY of them). Results below `minScore`, shown as nearest misses, are best effort.
   */
  search(query: SparseVector, k: number, minScore = 0): Neighbour[] {
    if (this.scores.length < this.vectors.length) {
      this.scores = new Float32Array(this.vectors.length * 2);
      this.touched = new Int32Array(this.vectors.length * 2);
      this.seen = new Uint32Array(this.vectors.length * 2);
      this.generation = 0;
    }
    const { scores, touched, seen, alive } = this;
    const gen = (this.generation = (this.generation + 1) >>> 0 || 1);

    // Query features present in the index, rarest first.
    const present = this.present;
    present.length = 0;
    for (let q = 0; q < query.idx.length; q++) {
      const p = this.postings.get(query.idx[q]!);
      if (p && p.length) present.push({ p, w: query.val[q]! });
    }
    present.sort(byLength);
    let keep = present.length;
    let bound = 0; // the most the skipped features can add to any vector's score
    if (minScore > 0) {
      // A hair under minScore, so float rounding can never skip a feature a match needs.
      const limit = minScore * 0.999;
      let squares = 0;
      let capped = 0;
      while (keep > 1) {
        const { p, w } = present[keep - 1]!;
        const next = Math.min(Math.sqrt(squares + w * w), capped + w * p.max);
        if (next >= limit) break;
        squares += w * w;
        capped += w * p.max;
        bound = next;
        keep--;
      }
    }

    let nTouched = 0;
    for (let f = 0; f < keep; f++) {
      const { p, w: qw } = present[f]!;
      const { slots, weights, length } = p;
      for (let i = 0; i < length; i++) {
        const s = slots[i]!;
        if (seen[s] !== gen) {
          seen[s] = gen;
          scores[s] = 0;
          touched[nTouched++] = s;
        }
        scores[s] += qw * weights[i]!;
      }
    }
    const exact = bound === 0;
    const top = this.top.reset(exact ? k : Math.max(VERIFY, k));
    for (let i = 0; i < nTouched; i++) {
      const s = touched[i]!;
      if (alive[s]) top.offer(s, scores[s]!);
    }
    const found = top.sortDescending();
    if (exact) {
      const out: Neighbour[] = [];
      for (let j = 0; j < found; j++) out.push({ slot: top.slots[j]!, score: top.scores[j]! });
      return out;
    }
    // Exact scores, best partial first, until the rest cannot enter the top k.
    const table = this.table.load(query);
    const best: Neighbour[] = [];
    for (let j = 0; j < found; j++) {
      const kth = best.length === k ? best[k - 1]!.score : -Infinity;
      if (top.scores[j]! + bound < kth) break;
      const slot = top.slots[j]!;
      const score = table.dot(this.vectors[slot]!);
      if (score <= kth) continue;
      // Insertion into the sorted best-k (k is small).
      let i = best.length === k ? k - 1 : best.length;
      while (i > 0 && best[i - 1]!.score < score) {
        best[i] = best[i - 1]!;
        i--;
      }
      best[i] = { slot, score };
    }
    return best;
  }

  private index(slot: number, v: SparseVector): void {
    for (let i = 0; i < v.idx.length; i++) {
      const key = v.idx[i]!;
      let p = this.postings.get(key);
      if (!p) {
        p = { slots: new Int32Array(4), weights: new Float32Array(4), length: 0, max: 0 };
        this.postings.set(key, p);
      } else if (p.length === p.slots.length) {
        const slots = new Int32Array(p.length * 2);
        const weights = new Float32Array(p.length * 2);
        slots.set(p.slots);
        weights.set(p.weights);
        p.slots = slots;
        p.weights = weights;
      }
      p.slots[p.length] = slot;
      p.weights[p.length++] = v.val[i]!;
      if (v.val[i]! > p.max) p.max = v.val[i]!;
    }
  }

  private compactPostings(): void {
    for (const [key, p] of this.postings) {
      let w = 0;
      let max = 0;
      for (let i = 0; i < p.length; i++) {
        if (this.alive[p.slots[i]!]) {
          p.slots[w] = p.slots[i]!;
          p.weights[w++] = p.weights[i]!;
          max = Math.max(max, p.weights[i]!);
        }
      }
      p.length = w;
      p.max = max;
      if (w === 0) this.postings.delete(key);
    }
    this.free.push(...this.dead);
    this.dead = [];
  }
}

const byLength = (a: { p: Posting }, b: { p: Posting }): number => a.p.length - b.p.length;

/** Candidates verified with an exact cosine per search (bounds the work on near-duplicate data). */
const VERIFY = 64;

/**
 * The query's features in a small open-addressing hash table, so an exact cosine with a candidate is
 * one probe per candidate feature instead of a branchy merge of two sorted lists.
 */
class QueryTable {
  private keys = new Int32Array(128).fill(-1);
  private values = new Float64Array(128);
  private mask = 127;
  private shift = 25;

  load(query: SparseVector): this {
    const n = query.idx.length;
    if (n * 2 > this.keys.length) {
      let size = this.keys.length;
      while (n * 2 > size) size *= 2;
      this.keys = new Int32Array(size);
      this.values = new Float64Array(size);
      this.mask = size - 1;
      this.shift = 32 - Math.log2(size);
    }
    const { keys, values, mask } = this;
    keys.fill(-1);
    for (let i = 0; i < n; i++) {
      const key = query.idx[i]!;
      let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while (keys[h] !== -1 && keys[h] !== key) h = (h + 1) & mask;
      keys[h] = key;
      values[h] = query.val[i]!;
    }
    return this;
  }

  /** Dot product of the loaded query with `v` (a cosine: both are normalised). */
  dot(v: SparseVector): number {
    const { keys, values, mask, shift } = this;
    const { idx, val } = v;
    let sum = 0;
    for (let i = 0; i < idx.length; i++) {
      const key = idx[i]!;
      let h = Math.imul(key, 0x9e3779b1) >>> shift;
      for (let k = keys[h]!; k !== -1; k = keys[h]!) {
        if (k === key) {
          sum += values[h]! * val[i]!;
          break;
        }
        h = (h + 1) & mask;
      }
    }
    return sum;
  }
}

/** The `k` largest scores seen, kept in a min-heap; reused across searches. */
class TopK {
  slots = new Int32Array(64);
  scores = new Float64Array(64);
  private k = 0;
  private n = 0;

  reset(k: number): this {
    if (k > this.slots.length) {
      this.slots = new Int32Array(k);
      this.scores = new Float64Array(k);
    }
    this.k = k;
    this.n = 0;
    return this;
  }

  offer(slot: number, score: number): void {
    const { slots, scores } = this;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (scores[parent]! <= score) break;
        slots[i] = slots[parent]!;
        scores[i] = scores[parent]!;
        i = parent;
      }
      slots[i] = slot;
      scores[i] = score;
    } else if (score > scores[0]!) {
      this.siftDown(slot, score, this.n);
    }
  }

  /** Sorts the kept entries best first in place (heap sort) and returns how many there are. */
  sortDescending(): number {
    const { slots, scores } = this;
    for (let end = this.n - 1; end > 0; end--) {
      const slot = slots[end]!;
      const score = scores[end]!;
      slots[end] = slots[0]!;
      scores[end] = scores[0]!;
      this.siftDown(slot, score, end);
    }
    return this.n;
  }

  /** Puts (slot, score) at the root of the heap's first `n` entries and sifts it down. */
  private siftDown(slot: number, score: number, n: number): void {
    const { slots, scores } = this;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && scores[l + 1]! < scores[l]! ? l + 1 : l;
      if (scores[c]! >= score) break;
      slots[i] = slots[c]!;
      scores[i] = scores[c]!;
      i = c;
    }
    slots[i] = slot;
    scores[i] = score;
  }
}
