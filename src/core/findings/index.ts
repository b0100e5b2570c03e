// Findings: what breaks caching in a template, each with a number on it (tokens, and USD per 1,000
// requests at the model's prices) and the fix the core can compute, or why there is none.
import { cachedTokens } from '../cost';
import { int, usd } from '../format';
import type { PrefixResult } from '../template/prefix';
import { suppressedRules } from '../template/suppression';
import type { TextView } from '../template/text';
import type { CacheRules, Finding, ModelPricing, ParsedTemplate, RuleId } from '../types';
import { reorderAvailability, breakpointAvailability, type Availability } from '../fixes/availability';

export interface FindingsInput {
  /** The document (a string, or the incremental analyzer's chunked text). */
  text: TextView;
  parsed: ParsedTemplate;
  prefix: PrefixResult;
  /** Tokens of each segment, parallel to `parsed.segments`. */
  segmentTokens: readonly number[];
  /** Tokens of the cacheable prefix, framing included. */
  prefixTokens: number;
  model: string;
  pricing: ModelPricing;
  rules: CacheRules;
  dynamicBeforeStaticThreshold: number;
  disabledRules?: readonly RuleId[];
  /** Whether caching needs explicit breakpoints here (Anthropic chat JSON). */
  explicitBreakpoints: boolean;
  /** Forwarded to re-analysis when checking that a fix helps. */
  fileName?: string;
  /** Supplies the reorder verdict (an incremental analyzer passes a cached one); computed when absent. */
  reorder?: () => Availability;
}

/** Anthropic's documented limit; used when the rules do not state one. */
const DEFAULT_MAX_BREAKPOINTS = 4;

/** All findings for one analysed document, in document order, minus disabled and suppressed rules. */
export function computeFindings(input: FindingsInput): Finding[] {
  const off = new Set<RuleId>([...(input.disabledRules ?? []), ...suppressedRules(input.text, input.parsed)]);
  const findings: Finding[] = [];
  const add = (finding: Finding) => {
    if (!off.has(finding.rule)) findings.push(finding);
  };
  cutByStopper(input, add);
  belowMinimum(input, add);
  tooManyBreakpoints(input, add);
  for (const problem of input.parsed.problems) {
    add({
      rule: 'unbalanced-template',
      severity: 'warning',
      start: problem.start,
      end: problem.end,
      message: `Malformed template: ${problem.message}. The text around it is analysed as written.`,
      fixUnavailable: 'The intended structure is ambiguous; fix the template syntax by hand.',
    });
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Price difference between reading a token from cache and sending it uncached, per 1,000 requests. */
function savingPer1k(tokens: number, pricing: ModelPricing): number {
  return (tokens * (pricing.input - pricing.cacheRead) * 1000) / 1e6;
}

/** `dynamic-before-static` and `volatile-in-prefix`: the segment that ends the prefix cuts static text off. */
function cutByStopper(input: FindingsInput, add: (f: Finding) => void): void {
  const { parsed, prefix, segmentTokens } = input;
  const { segments } = parsed;
  // Static tokens before each position in request order, to measure what each stopper cuts off.
  const sums = [0];
  for (const k of prefix.order) sums.push(sums[sums.length - 1]! + (segments[k]!.kind === 'static' ? segmentTokens[k]! : 0));
  let first = 0;
  while (first < prefix.order.length && segments[prefix.order[first]!]!.kind !== 'dynamic') first++;
  // Each volatile literal before the first dynamic segment cuts everything up to that segment; the
  // first dynamic segment cuts all the static text after it, which is what moving the dynamic blocks
  // after the static content (the reorder fix) wins back. Counting only up to the next dynamic segment
  // would hide the classic "Hi {{user}}, today is {{date}}" header in front of a long static prompt.
  const stoppers: Array<{ k: number; after: number }> = [];
  for (let p = 0; p < first; p++) {
    const k = prefix.order[p]!;
    if (segments[k]!.kind === 'volatile') stoppers.push({ k, after: sums[first]! - sums[p + 1]! });
  }
  if (first < prefix.order.length) stoppers.push({ k: prefix.order[first]!, after: sums[prefix.order.length]! - sums[first + 1]! });
  let reorder: Availability | undefined;
  for (const { k, after } of stoppers) {
    const segment = segments[k]!;
    if (after === 0 || (segment.kind === 'dynamic' && after < input.dynamicBeforeStaticThreshold * sums[sums.length - 1]!)) continue;
    const gained = cachedTokens(input.prefixTokens + after, input.rules) - cachedTokens(input.prefixTokens, input.rules);
    const money = savingPer1k(gained, input.pricing);
    const what = segment.kind === 'volatile' ? 'This date, time or id literal' : segment.name ? `\`${segment.name}\`` : 'This dynamic section';
    const where = segment.kind === 'volatile' ? 'changes between deploys or days, so it' : 'is decided at render time, so it';
    const saving =
      gained > 0
        ? `moving it after the static text would cache ≈ ${int(gained)} more tokens, saving ≈ ${usd(money)} per 1,000 requests on ${input.model}`
        : input.rules.mode === 'none'
          ? `no prompt caching is known for ${input.model}, so this costs ${usd(0)} per 1,000 requests there`
          : `even moved, the prefix would stay under the ${int(input.rules.minimumTokens)}-token caching minimum of ${input.model} (${usd(0)} per 1,000 requests)`;
    reorder ??= input.reorder ? input.reorder() : reorderAvailability(input.text, parsed, input.fileName, input.explicitBreakpoints);
    const finding: Finding = {
      rule: segment.kind === 'volatile' ? 'volatile-in-prefix' : 'dynamic-before-static',
      severity: gained > 0 ? 'warning' : 'info',
      start: segment.start,
      end: segment.end,
      message: `${what} ${where} cuts ${int(after)} static tokens out of the cacheable prefix; ${saving}.`,
      tokens: after,
      usdPer1k: money,
    };
    if (reorder.available) finding.fix = 'reorder';
    else finding.fixUnavailable = reorder.reason;
    add(finding);
    if (segment.kind === 'dynamic') break;
  }
}

/** `prefix-below-minimum`: too short to be cached at all, or (Anthropic) no breakpoint marks it. */
function belowMinimum(input: FindingsInput, add: (f: Finding) => void): void {
  const { prefix, rules, parsed } = input;
  if (rules.mode === 'none') return;
  const first = prefix.order.length ? parsed.segments[prefix.order[0]!]! : undefined;
  const start = first ? first.start : 0;
  if (prefix.missingBreakpoint) {
    const reachable = staticBeforeStopper(input);
    const money = savingPer1k(cachedTokens(reachable, rules), input.pricing);
    const breakpoint = breakpointAvailability(input.text.toString(), parsed, prefix);
    add({
      rule: 'prefix-below-minimum',
      severity: 'warning',
      start,
      end: start,
      message: `No cache_control breakpoint: ${input.model} caches nothing without one. A breakpoint on the last static block would cache ≈ ${int(reachable)} tokens (≈ ${usd(money)} per 1,000 requests).`,
      tokens: reachable,
      usdPer1k: money,
      ...(breakpoint.available ? { fix: 'add-breakpoint' as const } : { fixUnavailable: breakpoint.reason }),
    });
    return;
  }
  if (input.prefixTokens >= rules.minimumTokens) return;
  const short = rules.minimumTokens - input.prefixTokens;
  add({
    rule: 'prefix-below-minimum',
    severity: 'info',
    start,
    end: Math.max(start, prefix.end),
    message: `The cacheable prefix is ${int(input.prefixTokens)} tokens, ${int(short)} short of the ${int(rules.minimumTokens)}-token minimum for ${input.model}, so nothing is cached (its ${int(input.prefixTokens)} tokens would save ≈ ${usd(savingPer1k(input.prefixTokens, input.pricing))} per 1,000 requests if they were).`,
    tokens: short,
    usdPer1k: savingPer1k(input.prefixTokens, input.pricing),
    fixUnavailable: 'Only more static content before the first dynamic segment can lengthen the prefix.',
  });
}

function staticBeforeStopper(input: FindingsInput): number {
  let tokens = 0;
  for (const k of input.prefix.order) {
    const seg = input.parsed.segments[k]!;
    if (seg.kind === 'dynamic' || seg.kind === 'volatile') break;
    tokens += input.segmentTokens[k]!;
  }
  return tokens;
}

/** `too-many-breakpoints`: Anthropic rejects requests with more than four `cache_control` markers. */
function tooManyBreakpoints(input: FindingsInput, add: (f: Finding) => void): void {
  const max = input.rules.mode === 'explicit' ? input.rules.maxBreakpoints : DEFAULT_MAX_BREAKPOINTS;
  const { breakpoints } = input.parsed;
  if (breakpoints.length <= max) return;
  const extra = breakpoints[max]!;
  add({
    rule: 'too-many-breakpoints',
    severity: 'error',
    start: extra.offset,
    end: extra.offset,
    message: `${breakpoints.length} cache_control breakpoints; the API accepts at most ${max} and rejects the request (0 tokens cached, every request fails).`,
    tokens: 0,
    usdPer1k: 0,
    fixUnavailable: 'Which breakpoints to keep depends on how the prompt changes; remove the extra ones by hand.',
  });
}
