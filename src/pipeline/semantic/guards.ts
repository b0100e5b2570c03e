// Guards that refuse a semantic-cache hit whatever the similarity. Embeddings (lexical or neural)
// place "turn on the lights" right next to "turn off the lights" and "refund order 1234" next to
// "refund order 1235"; serving one's answer for the other is a wrong answer, not a saving.
import type { GuardName } from '../events';
import { STOPWORDS, words } from '../words';

/** Returns the first guard that refuses serving `incoming` with the answer cached for `cached`. */
export function guardRefusal(cached: string, incoming: string): GuardName | null {
  return guardsFor(incoming)(cached);
}

/**
 * `guardRefusal` for one incoming request against several cached ones: the incoming request is read
 * once (on the first call), not once per candidate.
 */
export function guardsFor(incoming: string): (cached: string) => GuardName | null {
  let b: Reading | null = null;
  return (cached) => refusal(read(cached), (b ??= read(incoming)));
}

function refusal(a: Reading, b: Reading): GuardName | null {
  if (a.negations % 2 !== b.negations % 2) return 'negation';
  if (reversed(a.stems, b.stems)) return 'reversal';
  if (!sameSet(a.dates, b.dates)) return 'date';
  if (!sameSet(a.ids, b.ids)) return 'id';
  if (!sameSet(a.numbers, b.numbers)) return 'number';
  if (entityDiffers(a, b) || entityDiffers(b, a)) return 'entity';
  return null;
}

interface Reading {
  negations: number;
  stems: Set<string>;
  words: Set<string>;
  dates: string[];
  ids: string[];
  numbers: string[];
  entities: string[];
}

const NEGATIONS = new Set(['not', 'no', 'never', 'without', 'none', 'nothing', 'neither', 'nor', 'cannot', 'dont', 'doesnt', 'didnt', 'isnt', 'wont', 'cant', 'nobody', 'nowhere']);

/** Pairs whose members reverse each other's meaning. Compared on crude stems. */
const OPPOSITES: Array<[string, string]> = (
  'on/off enable/disable open/close start/stop increase/decrease raise/lower add/remove allow/deny allow/block ' +
  'accept/reject approve/reject approve/deny include/exclude buy/sell before/after up/down lock/unlock show/hide ' +
  'max/min maximum/minimum true/false yes/no win/lose import/export upload/download encrypt/decrypt ' +
  'subscribe/unsubscribe activate/deactivate connect/disconnect arrive/depart left/right north/south east/west ' +
  'hot/cold high/low more/less above/below first/last ascending/descending asc/desc positive/negative plus/minus ' +
  'mute/unmute push/pull send/receive credit/debit enter/exit install/uninstall follow/unfollow like/dislike ' +
  'earliest/latest oldest/newest cheapest/expensive inside/outside over/under larger/smaller bigger/smaller ' +
  'longer/shorter faster/slower better/worse'
)
  .split(' ')
  .map((p) => {
    const [x, y] = p.split('/') as [string, string];
    return [stem(x), stem(y)];
  });

// Full month names stand alone; abbreviations (and "may", also a verb) only next to a number.
const MONTHS = 'january|february|march|april|june|july|august|september|october|november|december';
const SHORT_MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const DATE_PATTERNS: RegExp[] = [
  /\b\d{4}-\d{1,2}-\d{1,2}(?:[t ]\d{1,2}:\d{2}(?::\d{2})?)?\b/g,
  /\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b/g,
  new RegExp(`\\b(?:${DAY}\\s+)?(?:${MONTHS})(?:\\s+${DAY})?(?:,?\\s+\\d{4})?\\b`, 'g'),
  new RegExp(`\\b${DAY}\\s+(?:${SHORT_MONTHS})\\b\\.?(?:,?\\s+\\d{4})?|\\b(?:${SHORT_MONTHS})\\.?\\s+\\d{1,4}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4})?`, 'g'),
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/g,
  /\b(?:today|tomorrow|yesterday|tonight|(?:next|last|this) (?:week|month|year|weekend|quarter))\b/g,
  /\b(?:q[1-4]|fy)\s?\d{2,4}\b/g,
  /\b\d{1,2}:\d{2}\s*(?:am|pm)?\b|\b\d{1,2}\s*(?:am|pm)\b/g,
];

/** Taken out first, so that a date pattern never reads "jane@…" or a URL path. */
const ADDRESS_PATTERNS: RegExp[] = [
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, // e-mail
  /\bhttps?:\/\/\S+/g, // URL
];

const ID_PATTERNS: RegExp[] = [
  /#\d+\b/g, // issue / ticket numbers
  /\b(?=[a-z0-9_-]*\d)(?=[a-z0-9_-]*[a-z])[a-z0-9]+(?:[_-][a-z0-9]+)*\b/g, // letters and digits mixed: A123, ORD-88
];

/** Capitalised words that start sentences or requests without naming anything. */
const COMMON_CAPITALISED = new Set(
  (
    'translate summarize summarise explain describe write list extract classify convert format rewrite fix find ' +
    'check make create tell give show send book cancel refund reset update change set turn add remove delete ' +
    'calculate compute count sort compare draft generate answer reply respond provide return use ok okay hi hello ' +
    'thanks thank yes no sure also now then next first finally note'
  ).split(' '),
);

function read(text: string): Reading {
  let rest = text.toLowerCase();
  const take = (patterns: RegExp[]): string[] => {
    const found: string[] = [];
    for (const re of patterns) {
      rest = rest.replace(re, (m) => {
        found.push(m.replace(/\s+/g, ' ').replace(/[.,]$/, '').trim());
        return ' ';
      });
    }
    return found.sort();
  };
  const addresses = take(ADDRESS_PATTERNS);
  const dates = take(DATE_PATTERNS);
  const ids = [...addresses, ...take(ID_PATTERNS)].sort();
  const ws = words(text);
  const numbers = words(rest)
    .filter((w) => /^\d+(?:[.,]\d+)*$/.test(w))
    .map((w) => w.replace(/,/g, ''))
    .sort();
  return {
    negations: ws.filter((w) => NEGATIONS.has(w)).length,
    stems: new Set(ws.map(stem)),
    words: new Set(ws),
    dates,
    ids,
    numbers,
    entities: entitiesOf(text),
  };
}

/** Proper-noun-like words and quoted strings. */
function entitiesOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/["\u201c]([^"\u201d]{1,80})["\u201d]/g)) out.push(...words(m[1]!));
  for (const m of text.normalize('NFKC').matchAll(/\p{Lu}[\p{L}\p{N}'’-]*/gu)) {
    for (const w of words(m[0])) {
      if (!STOPWORDS.has(w) && !COMMON_CAPITALISED.has(w) && !NEGATIONS.has(w)) out.push(w);
    }
  }
  return out;
}

/** An entity of `x` that `y` never mentions (in any case) means they are about different things. */
function entityDiffers(x: Reading, y: Reading): boolean {
  return x.entities.some((e) => !y.words.has(e));
}

function reversed(a: Set<string>, b: Set<string>): boolean {
  for (const [p, q] of OPPOSITES) {
    if (a.has(p) && !a.has(q) && b.has(q) && !b.has(p)) return true;
    if (a.has(q) && !a.has(p) && b.has(p) && !b.has(q)) return true;
  }
  return false;
}

/** Crude suffix stripping, enough to match "enabled" with "enable" and "turns" with "turn". */
function stem(w: string): string {
  if (w.length > 5) return w.replace(/(ing|ed|es|s|e)$/, '');
  if (w.length > 3) return w.replace(/(s|e)$/, '');
  return w;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
