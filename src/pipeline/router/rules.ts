// The default router: a handful of readable signals (task verbs, code, multi-step cues, constraints,
// length) summed into a complexity score. Every decision names the signals behind it, so a person
// can see why a request went where it did and disagree with it.
import type { RouteDecision } from '../events';

interface Signal {
  name: string;
  /** Negative: simple work a small model does well. Positive: needs the frontier tier. */
  weight: number;
  test: RegExp;
}

const SIMPLE: Signal[] = [
  { name: 'extraction', weight: -2, test: /\b(extract|pull out|get the|find all|find every|list (all|every)|count the)\b/ },
  { name: 'formatting', weight: -2, test: /\b(format|reformat|convert|rewrite .{0,40}(uppercase|lowercase)|turn this .{0,30}into|as (json|csv|yaml|a table|a markdown)|sort .{0,20}(alphabetically|by)|fix the (spelling|typos|grammar)|proofread)\b/ },
  { name: 'classification', weight: -2, test: /\b(classify|categori[sz]e|label|tag (each|these|this)|sentiment|is this (message |email )?spam|which category)\b/ },
  { name: 'translation', weight: -2.5, test: /\b(translate|how do you say)\b|\bin(to)? (french|spanish|german|italian|japanese|chinese|portuguese)\b/ },
  { name: 'summary', weight: -1.5, test: /\b(summari[sz]e|tl;?dr|one[- ]line|in one sentence)\b/ },
  { name: 'lookup question', weight: -1.5, test: /^(what is|what's|what does|who (is|was|wrote)|when (did|was|is)|where is|define|how many \w+ (are )?in an? )\b/ },
];

const COMPLEX: Signal[] = [
  { name: 'code', weight: 3, test: /```|\b(function|class|regex|sql|query|script|program|component|api|typescript|python|javascript|golang|rust)\b.{0,60}\b(write|implement|refactor|debug|fix|fails|error)|\b(write|implement|refactor|debug) (a |an |this |the )?(\w+ )?(function|class|regex|script|program|component|method|query|cache|parser)\b|\bdebug\b|=>|\bdef \w+\(|;\s*$/m },
  { name: 'reasoning', weight: 2.5, test: /\b(why|prove|derive|justify|explain (why|your|the reasoning)|reason(ing)?|root cause|what could cause|analy[sz]e|evaluate|estimate|trade-?offs?|pros and cons|can we conclude|should i use|which .{0,40} should)\b/ },
  { name: 'planning', weight: 2.5, test: /\b(plan|planning|strategy|roadmap|design|architect(ure)?|migrat(e|ion)|outline a|schedule)\b/ },
  { name: 'multi-step', weight: 2, test: /\b(step by step|first\b.{0,200}\bthen|and then|then\b.{0,200}\bfinally|after that|work out)\b/s },
  { name: 'open-ended', weight: 2.5, test: /\b(should we|should i|best way|help me decide|thoughts on|what do you think|make this better|recommend|advice|is p equal)\b/ },
  { name: 'math', weight: 2, test: /\b(how many ways|irrational|probability|integral|derivative|theorem|np\b)/ },
  { name: 'creative with constraints', weight: 2, test: /\b(write a (short )?(story|poem|essay|speech)|with a twist)\b/ },
];

const CONSTRAINT = /\b(must|without|at most|at least|no more than|exactly|ensure|under \d+|including|with tests|keep the same|balancing)\b/g;

/** Length (characters) beyond which a request with no simple task is taken to need more context. */
const LONG = 1500;

/**
 * Classifies a request into `tiers` (cheapest first). Returns the tier, a confidence in 0..1 and a
 * one-line reason. With no recognised signal the answer is the top tier: start conservative.
 */
export function classifyByRules(text: string, tiers: string[], margin = 0.65): RouteDecision {
  const t = text.toLowerCase();
  // The instruction is usually the first line; cues that only appear in the material below it
  // (a document that mentions "plan", a quoted question) count half.
  const newline = t.indexOf('\n');
  let instruction = newline < 0 ? t : t.slice(0, newline);
  const colon = instruction.indexOf(': ');
  if (colon > 0 && instruction.length - colon > 40) instruction = instruction.slice(0, colon);
  const hits: Array<{ name: string; weight: number }> = [];
  for (const s of [...SIMPLE, ...COMPLEX]) {
    if (s.test.test(instruction)) hits.push({ name: s.name, weight: s.weight });
    else if (s.test.test(t)) hits.push({ name: `${s.name} in the material`, weight: s.weight / 2 });
  }
  const constraints = t.match(CONSTRAINT)?.length ?? 0;
  if (constraints >= 2) hits.push({ name: `${constraints} constraints`, weight: 0.75 * Math.min(constraints - 1, 3) });
  const simpleTask = hits.some((h) => h.weight < 0);
  if (text.length > LONG && !simpleTask) hits.push({ name: 'long request', weight: 1 });
  const top = tiers.length - 1;
  if (hits.length === 0) {
    return { tier: tiers[top]!, confidence: 0.5, reason: 'no recognised signal; starting on the most capable tier', router: 'rules', escalatedByMargin: false };
  }
  const score = hits.reduce((sum, h) => sum + h.weight, 0);
  // Complex signals win ties: one reasoning cue outweighs a simple verb in the same request.
  const p = 1 / (1 + Math.exp(-(score + 0.25)));
  const index = Math.min(top, Math.floor(p * tiers.length));
  // Confidence is 0.5 on a boundary between tiers, 1 at the extremes (= max(p, 1 − p) for two tiers).
  let nearest = 1;
  for (let k = 1; k < tiers.length; k++) nearest = Math.min(nearest, Math.abs(p - k / tiers.length));
  const sure = tiers.length === 1 ? 1 : Math.min(1, 0.5 + (nearest * tiers.length) / 2);
  const named = hits
    .slice()
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, 3)
    .map((h) => `${h.name} (${h.weight > 0 ? '+' : ''}${h.weight})`)
    .join(', ');
  const decision: RouteDecision = { tier: tiers[index]!, confidence: round(sure), reason: named, router: 'rules', escalatedByMargin: false };
  return applyMargin(decision, tiers, margin);
}

/** Below the confidence margin, a request goes one tier up. */
export function applyMargin(decision: RouteDecision, tiers: string[], margin: number): RouteDecision {
  const i = tiers.indexOf(decision.tier);
  if (decision.confidence >= margin || i < 0 || i === tiers.length - 1) return decision;
  return {
    ...decision,
    tier: tiers[i + 1]!,
    reason: `${decision.reason}; confidence ${decision.confidence} below ${margin}, moved up from ${decision.tier}`,
    escalatedByMargin: true,
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
