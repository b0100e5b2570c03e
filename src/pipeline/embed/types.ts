// Embedding vectors and the embedder interface. Vectors are sparse (sorted indices + values) and
// L2-normalised, so cosine similarity is a sparse dot product; a dense embedding is simply a sparse
// vector that uses every index.

export interface SparseVector {
  idx: Uint32Array;
  val: Float32Array;
}

export interface Embedder {
  /** Stable id (kind + model + dimensions): vectors from different embedders are never compared. */
  readonly id: string;
  /** What a person sees, e.g. `lexical (hashed n-grams)` or `text-embedding-3-small`. */
  readonly label: string;
  embed(texts: string[], signal?: AbortSignal): Promise<SparseVector[]>;
}

/** Cosine similarity of two L2-normalised sparse vectors. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i]!;
    const y = b.idx[j]!;
    if (x === y) sum += a.val[i++]! * b.val[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** Turns a dense vector into a normalised sparse one (all indices kept). */
export function fromDense(values: ArrayLike<number>): SparseVector {
  const idx = new Uint32Array(values.length);
  const val = new Float32Array(values.length);
  let norm = 0;
  for (let i = 0; i < values.length; i++) norm += values[i]! * values[i]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < values.length; i++) {
    idx[i] = i;
    val[i] = values[i]! * scale;
  }
  return { idx, val };
}
