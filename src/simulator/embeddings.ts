// Deterministic lexical embeddings for the simulated `/v1/embeddings`: hashed word unigrams and bigrams and
// character trigrams, signed by a second hash bit and normalised to unit length. Texts sharing words
// score high cosine similarity; the vectors mean nothing beyond that.
import { fnv1a } from './hash';

/** A unit vector of `dimensions` floats for `text` (all zeros when it has no letters or digits). */
export function embed(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    vector[h % dimensions]! += (fnv1a(feature, h) & 1 ? 1 : -1) * weight;
  };
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  words.forEach((word, i) => {
    add(`w:${word}`, 1);
    if (i > 0) add(`b:${words[i - 1]} ${word}`, 1);
    const padded = ` ${word} `;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.5);
  });
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return norm === 0 ? vector : vector.map((v) => v / norm);
}
