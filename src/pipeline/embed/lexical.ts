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

/** FNV-1a over a string with a feature-kind seed, folded into the feature space. */
function hash(kind: number, s: string): number {
  let h = (2166136261 ^ kind) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) & (SPACE - 1);
}

/** Embeds one text synchronously. */
export function lexicalVector(text: string): SparseVector {
  const features = new Map<number, number>();
  const add = (k: number, w: number) => features.set(k, (features.get(k) ?? 0) + w);
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const stop = STOPWORDS.has(w);
    add(hash(1, w), stop ? STOPWORD : WORD);
    if (i + 1 < ws.length) add(hash(2, `${w} ${ws[i + 1]}`), BIGRAM * (stop ? 0.5 : 1));
    if (!stop) {
      const padded = `<${w}>`;
      for (let j = 0; j + 3 <= padded.length; j++) add(hash(3, padded.slice(j, j + 3)), TRIGRAM);
    }
  }
  const entries = [...features.entries()].sort((a, b) => a[0] - b[0]);
  const idx = new Uint32Array(entries.length);
  const val = new Float32Array(entries.length);
  let norm = 0;
  for (const [, v] of entries) norm += v * v;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  entries.forEach(([k, v], i) => {
    idx[i] = k;
    val[i] = v * scale;
  });
  return { idx, val };
}

export const lexicalEmbedder: Embedder = {
  id: 'lexical-v1',
  label: 'lexical (hashed word and character n-grams)',
  embed: async (texts) => texts.map(lexicalVector),
};
