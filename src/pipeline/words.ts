// Word splitting shared by the lexical embedder, the semantic-cache guards and the router, so all
// three read a request the same way.

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan't\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\bshan't\b/g, 'shall not'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/'d\b/g, ' would'],
  [/'m\b/g, ' am'],
  [/\b(what|that|it|there|here|who|where|how)'s\b/g, '$1 is'],
];

/** Lower-cased words with contractions expanded and punctuation dropped (numbers kept whole). */
export function words(text: string): string[] {
  let t = text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019]/g, "'");
  for (const [re, to] of CONTRACTIONS) t = t.replace(re, to);
  const out = t.match(/[\p{L}\p{N}]+(?:[.,:/-][\p{N}]+)*/gu) ?? [];
  return out.map(canonical);
}

const NUMBER_WORDS = 'zero one two three four five six seven eight nine ten eleven twelve'.split(' ');

/** One spelling per word: number words as digits, British -ise/-isation as -ize/-ization. */
function canonical(w: string): string {
  const n = NUMBER_WORDS.indexOf(w);
  if (n >= 0) return String(n);
  if (w.length > 5) return w.replace(/is(e|ed|es|ing|ation|ations)$/, 'iz$1');
  return w;
}

/** Common words that carry little meaning on their own. */
export const STOPWORDS = new Set(
  (
    'a an the of to in on at for from by with about as into onto over under and or but if then so than ' +
    'is are was were be been being am do does did done have has had having will would shall should can could may might must ' +
    'i me my mine we us our you your yours he him his she her it its they them their this that these those ' +
    'there here what which who whom whose when where why how please kindly just also very really some any ' +
    'me give tell let get show help want need like would'
  ).split(' '),
);
