// The offline default embedder: hashed word unigrams, word bigrams and character trigrams, weighted
// and L2-normalised. Deterministic, no network, no model file; it measures wording overlap, not
// meaning, and is labelled "lexical" wherever its similarity is shown.
import { STOPWORDS, words } from '../words';
import type { Embedder, SparseVector } from './types';

/** Size of the hashed feature space; large enough that collisions barely move a cosine. */
const SPACE = 1 << 20;

const WORD = 1;
const STOPWORD = 0.25;
const BIGRAM = 0.5;
const TRIGRAM = 0.35;

const FNV_PRIME = 16777619;

/** FNV-1a step over the characters of `s`. */
function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** FNV-1a over a string with a feature-kind seed, folded into the feature space. */
function hash(kind: number, s: string): number {
  return (fnv((2166136261 ^ kind) >>> 0, s) >>> 0) & (SPACE - 1);
}

/** `hash(2, a + ' ' + b)` without building the string. */
function bigramHash(a: string, b: string): number {
  return (fnv(Math.imul(fnv((2166136261 ^ 2) >>> 0, a) ^ 32, FNV_PRIME), b) >>> 0) & (SPACE - 1);
}

/** `hash(3, c0 + c1 + c2)` for three character codes. */
function trigramHash(c0: number, c1: number, c2: number): number {
  let h = (2166136261 ^ 3) >>> 0;
  h = Math.imul(h ^ c0, FNV_PRIME);
  h = Math.imul(h ^ c1, FNV_PRIME);
  h = Math.imul(h ^ c2, FNV_PRIME);
  return (h >>> 0) & (SPACE - 1);
}

const LT = 60; // '<'
const GT = 62; // '>'

/** Feature weights of one text, accumulated in a reused open-addressing table (no Map, no strings). */
class FeatureTable {
  private keys = new Int32Array(1024).fill(-1);
  private values = new Float64Array(1024);
  /** Distinct keys in insertion order, for reading out and clearing. */
  private order = new Int32Array(512);
  size = 0;

  add(key: number, weight: number): void {
    let { keys } = this;
    let mask = keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) & mask;
    while (keys[h] !== -1 && keys[h] !== key) h = (h + 1) & mask;
    if (keys[h] === key) {
      this.values[h] += weight;
      return;
    }
    if ((this.size + 1) * 2 > keys.length) {
      this.grow();
      keys = this.keys;
      mask = keys.length - 1;
      h = Math.imul(key, 0x9e3779b1) & mask;
      while (keys[h] !== -1) h = (h + 1) & mask;
    }
    keys[h] = key;
    this.values[h] = weight;
    this.order[this.size++] = key;
  }

  get(key: number): number {
    const { keys } = this;
    const mask = keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) & mask;
    while (keys[h] !== key) h = (h + 1) & mask;
    return this.values[h]!;
  }

  /** The distinct keys, ascending. */
  sortedKeys(): Uint32Array {
    return Uint32Array.from(this.order.subarray(0, this.size)).sort();
  }

  clear(): void {
    this.keys.fill(-1);
    this.size = 0;
  }

  private grow(): void {
    const old = this.order.subarray(0, this.size);
    const oldTable = { keys: this.keys, values: this.values };
    const size = this.keys.length * 2;
    this.keys = new Int32Array(size).fill(-1);
    this.values = new Float64Array(size);
    const order = new Int32Array(size / 2);
    order.set(old);
    this.order = order;
    const mask = size - 1;
    for (let i = 0; i < oldTable.keys.length; i++) {
      const key = oldTable.keys[i]!;
      if (key === -1) continue;
      let h = Math.imul(key, 0x9e3779b1) & mask;
      while (this.keys[h] !== -1) h = (h + 1) & mask;
      this.keys[h] = key;
      this.values[h] = oldTable.values[i]!;
    }
  }
}

const table = new FeatureTable();

/** Embeds one text synchronously. */
export function lexicalVector(text: string): SparseVector {
  const ws = words(text);
  table.clear();
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const stop = STOPWORDS.has(w);
    table.add(hash(1, w), stop ? STOPWORD : WORD);
    if (i + 1 < ws.length) table.add(bigramHash(w, ws[i + 1]!), BIGRAM * (stop ? 0.5 : 1));
    if (!stop) {
      // Character trigrams of the word padded as `<w>`.
      const n = w.length + 2;
      const at = (j: number): number => (j === 0 ? LT : j === n - 1 ? GT : w.charCodeAt(j - 1));
      for (let j = 0; j + 3 <= n; j++) table.add(trigramHash(at(j), at(j + 1), at(j + 2)), TRIGRAM);
    }
  }
  const idx = table.sortedKeys();
  const val = new Float32Array(idx.length);
  let norm = 0;
  for (let i = 0; i < idx.length; i++) norm += table.get(idx[i]!) ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < idx.length; i++) val[i] = table.get(idx[i]!) * scale;
  return { idx, val };
}

export const lexicalEmbedder: Embedder = {
  id: 'lexical-v1',
  label: 'lexical (hashed word and character n-grams)',
  embed: async (texts) => texts.map(lexicalVector),
};
