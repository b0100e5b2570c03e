// The analysis facade: parse, prefix, tokens, prices, cost and findings for one document, plus an
// incremental analyzer for keystrokes that reuses the token counts of segments an edit did not touch.
//
// Tokens are counted per segment and summed, so BPE merges across a segment boundary are not
// modelled (at most about one token per boundary). Chat framing follows OpenAI's published recipe
// (openai-cookbook, "How to count tokens with tiktoken"): +3 tokens per message, +1 for a message
// with a `name` field (chat JSON), and +3 once for the reply priming (`<|start|>assistant<|message|>`).
// Framing is added only for models counted exactly (OpenAI encodings): no figure is published for
// Claude or Gemini, so their framing is reported as 0 rather than invented.
import { getCacheRules } from './cache/rules';
import { cachedTokens, computeCost } from './cost';
import { computeFindings } from './findings';
import { getModelPricing } from './pricing';
import { parseTemplate } from './template';
import { reorderAvailability, type Availability } from './fixes/availability';
import { sameForReorder } from './fixes/blocks';
import { LineTable, type LineChange } from './fixes/lineTable';
import { reparseAfterEdit } from './template/incremental';
import { ChunkedText, EditedView, type TextView } from './template/text';
import { computePrefix, SENT_KINDS } from './template/prefix';
import { countTokens, createTokenIndex, tokenMethod, type TokenIndex } from './tokens';
import type { AnalysisOptions, AnalysisReport, CacheRules, Encoding, ModelPricing, MessageReport, ParsedTemplate, Segment, SegmentReport, TextEdit } from './types';

export type AnalyzeOptions = AnalysisOptions & { fileName?: string };

/** Framing tokens OpenAI chat adds per message, and once for the reply priming. */
export const FRAMING_PER_MESSAGE = 3;
export const FRAMING_NAME = 1;
export const FRAMING_REPLY = 3;

/**
 * Analyses one prompt document. Never throws on malformed templates (they become findings).
 * @throws UnknownModelError (from pricing) when `options.model` has no price.
 */
export function analyze(text: string, options: AnalyzeOptions): AnalysisReport {
  const parsed = parseTemplate(text, { fileName: options.fileName, syntax: options.syntax });
  const counter = tokenCounter(options.model);
  const tokens = parsed.segments.map((s) => counter.scale(countTokens(text.slice(s.start, s.end), counter.encoding)));
  return buildReport(text, parsed, tokens, options, counter);
}

interface Prices {
  pricing: ModelPricing;
  rules: CacheRules;
}

/** The model's prices and cache rules (pure functions of the options; looking them up is not free). */
function pricesFor(options: AnalyzeOptions): Prices {
  return { pricing: getModelPricing(options.model, options.priceOverrides), rules: getCacheRules(options.model) };
}

interface TokenCounter {
  encoding: Encoding;
  /** Turns an exact count in `encoding` into the model's figure (estimates scale it, rounding up). */
  scale(count: number): number;
  exact: boolean;
  method: string;
}

function tokenCounter(model: string): TokenCounter {
  const { encoding, factor, exact, method } = tokenMethod(model);
  return { encoding, exact, method, scale: (n) => (factor === 1 ? n : Math.ceil(n * factor)) };
}

function buildReport(
  text: TextView,
  parsed: ParsedTemplate,
  segmentTokens: readonly number[],
  options: AnalyzeOptions,
  counter: TokenCounter,
  reorder?: (explicitBreakpoints: boolean) => Availability,
  prices: Prices = pricesFor(options),
): AnalysisReport {
  const { pricing, rules } = prices;
  const explicitBreakpoints = rules.mode === 'explicit' && parsed.format === 'chat-json';
  const prefix = computePrefix(parsed, explicitBreakpoints);
  const framingOf = (m: { name?: string }) => (counter.exact ? FRAMING_PER_MESSAGE + (m.name !== undefined ? FRAMING_NAME : 0) : 0);
  const messages: MessageReport[] = parsed.messages.map((m) => ({ ...m, tokens: 0, framing: framingOf(m) }));
  let staticTokens = 0;
  let dynamicTokens = 0;
  const segments: SegmentReport[] = parsed.segments.map((s, k) => {
    const n = segmentTokens[k]!;
    if (SENT_KINDS.has(s.kind) && s.message !== undefined) {
      messages[s.message]!.tokens += n;
      if (s.kind === 'dynamic') dynamicTokens += n;
      else staticTokens += n;
    }
    return segmentReport(s, n);
  });
  const framingTotal = messages.reduce((n, m) => n + m.framing, 0) + (counter.exact ? FRAMING_REPLY : 0);
  // The prefix holds its segments plus the framing of every message that starts inside it.
  let prefixTokens = 0;
  const framed = new Set<number>();
  for (let p = 0; p < prefix.length; p++) {
    const k = prefix.order[p]!;
    prefixTokens += segmentTokens[k]!;
    const m = parsed.segments[k]!.message!;
    if (!framed.has(m)) {
      framed.add(m);
      prefixTokens += messages[m]!.framing;
    }
  }
  const total = staticTokens + dynamicTokens + framingTotal;
  const cost = computeCost({ prefixTokens, totalTokens: total, outputTokens: parsed.settings.maxTokens }, pricing, rules, options);
  const findings = computeFindings({
    text,
    parsed,
    prefix,
    segmentTokens,
    prefixTokens,
    model: options.model,
    pricing,
    rules,
    dynamicBeforeStaticThreshold: options.dynamicBeforeStaticThreshold,
    disabledRules: options.disabledRules,
    explicitBreakpoints,
    fileName: options.fileName,
    reorder: reorder && (() => reorder(explicitBreakpoints)),
  });
  return {
    format: parsed.format,
    syntax: parsed.syntax,
    model: options.model,
    tokens: { total, static: staticTokens, dynamic: dynamicTokens, cacheablePrefix: prefixTokens, exact: counter.exact, method: counter.method },
    segments,
    messages,
    prefix: { end: prefix.end, tokens: prefixTokens, reason: prefix.reason, cacheable: cachedTokens(prefixTokens, rules) > 0, minimumTokens: rules.minimumTokens },
    findings,
    cost,
    pricing: { source: pricing.source, model: pricing.model, prices: pricing },
    cacheRules: rules,
    settings: parsed.settings,
  };
}

/**
 * Incremental analysis of one open document; results equal `analyze` on the same text (JSON-equal).
 * Per edit: the token index (src/core/tokens) re-tokenizes a window and counts any segment in
 * microseconds; the text lives in chunks, so no edit copies the document; an edit that cannot change
 * a construct is re-parsed locally (template/incremental.ts), any other one from scratch (linear);
 * segments the edit did not touch keep their counts; the reorder verdict behind the findings is
 * reused while the edit provably cannot change it (see `verdictHolds`).
 */
export class DocumentAnalyzer {
  private index: TokenIndex | null = null;
  /** The document in chunks: an edit copies one chunk, not the whole text. */
  private text = new ChunkedText('');
  private parsed: ParsedTemplate | null = null;
  private tokens: number[] = [];
  private readonly counter: TokenCounter;
  /** The last reorder verdict, and whether it is still known to hold for the current text. */
  private verdict: { value: Availability; explicit: boolean } | null = null;
  private verdictValid = false;
  /** The text's lines, kept from the first reorder verdict on, so later verdicts need no pass over the text. */
  private lines: LineTable | null = null;
  /**
   * Looked up on the first analysis of each UTC day (an unknown model throws there, as `analyze`
   * does); dated catalogue prices can change at midnight UTC, so a cold analysis could differ then.
   */
  private prices: Prices | null = null;
  private pricesDay = -1;

  constructor(private readonly options: AnalyzeOptions) {
    this.counter = tokenCounter(options.model);
  }

  /** The text as of the last update or edit. */
  get current(): string {
    return this.text.toString();
  }

  /** Replaces the whole text and analyses it (only the changed middle is re-tokenized). */
  update(text: string): AnalysisReport {
    if (!this.index) {
      this.index = createTokenIndex(text, this.counter.encoding);
      this.text = new ChunkedText(text);
      this.step(null);
      return this.report();
    }
    const old = this.text.toString();
    let start = 0;
    const max = Math.min(text.length, old.length);
    while (start < max && text.charCodeAt(start) === old.charCodeAt(start)) start++;
    let tail = 0;
    while (tail < max - start && text.charCodeAt(text.length - 1 - tail) === old.charCodeAt(old.length - 1 - tail)) tail++;
    return this.applyEdits([{ start, end: old.length - tail, newText: text.slice(start, text.length - tail) }]);
  }

  /** Applies one edit (offsets in the current text, clamped to it) and analyses the result. */
  applyEdit(edit: TextEdit): AnalysisReport {
    return this.applyEdits([edit]);
  }

  /**
   * Applies edits in sequence (each in the text the previous one left, as a document's change events
   * arrive) and analyses the result once: a burst of keystrokes costs one report, not one per edit.
   */
  applyEdits(edits: readonly TextEdit[]): AnalysisReport {
    if (!this.index) return this.update(edits.reduce(applyClamped, ''));
    for (const edit of edits) {
      const length = this.text.length;
      const start = Math.max(0, Math.min(edit.start, length));
      const clamped = { start, end: Math.max(start, Math.min(edit.end, length)), newText: edit.newText };
      this.index.applyEdit(clamped);
      this.step(clamped);
    }
    return this.report();
  }

  /** Re-parses and re-counts after `edit` (null: the whole text is new), reusing what it cannot change. */
  private step(edit: TextEdit | null): void {
    const opts = { fileName: this.options.fileName, syntax: this.options.syntax };
    const before = this.text;
    const after = edit ? new EditedView(before, edit) : before;
    const local = this.parsed && edit ? reparseAfterEdit(before, after, this.parsed, edit, opts) : null;
    if (edit) this.text.applyEdit(edit);
    if (!edit) this.lines = null;
    const line = edit && this.lines ? this.lines.applyEdit(this.text, edit) : null;
    this.verdictValid = local !== null && line !== null && this.verdictHolds(this.parsed!, local, edit!, line);
    const parsed = local ?? parseTemplate(this.text.toString(), opts);
    // Old counts by span: segments wholly before the edit keep their offsets, those after shift by
    // delta. Both lists are sorted by (start, end), so one forward walk pairs equal spans.
    const index = this.index!;
    const prev = this.parsed && edit ? this.parsed.segments : [];
    const delta = edit ? edit.newText.length - (edit.end - edit.start) : 0;
    let i = 0;
    const tokens = parsed.segments.map((s) => {
      for (; i < prev.length; i++) {
        const o = prev[i]!;
        if (o.end > edit!.start && o.start < edit!.end) continue; // touched by the edit
        const shift = o.end <= edit!.start ? 0 : delta;
        const os = o.start + shift;
        const oe = o.end + shift;
        if (os > s.start || (os === s.start && oe >= s.end)) {
          if (os === s.start && oe === s.end && o.kind === s.kind) return this.tokens[i]!;
          break;
        }
      }
      return this.counter.scale(index.tokensIn(s.start, s.end));
    });
    this.parsed = parsed;
    this.tokens = tokens;
  }

  private report(): AnalysisReport {
    const day = Math.floor(Date.now() / 86_400_000);
    if (!this.prices || day !== this.pricesDay) {
      this.prices = pricesFor(this.options);
      this.pricesDay = day;
    }
    const { text, parsed } = this;
    return buildReport(text, parsed!, this.tokens, this.options, this.counter, (explicit) => this.reorderVerdict(text, parsed!, explicit), this.prices);
  }

  /** The reorder verdict, reused when the last edit cannot have changed it. */
  private reorderVerdict(text: TextView, parsed: ParsedTemplate, explicit: boolean): Availability {
    if (this.verdict && this.verdictValid && this.verdict.explicit === explicit) return this.verdict.value;
    this.lines ??= new LineTable(text);
    const value = reorderAvailability(text, parsed, this.options.fileName, explicit, this.lines);
    this.verdict = { value, explicit };
    this.verdictValid = true;
    return value;
  }

  /**
   * Whether a verdict computed before `edit` still holds: the edit stayed inside one line of static
   * text (a local re-parse succeeded and `line` is that line's change), no dynamic or volatile segment
   * appeared or vanished, the line's reorder facts are unchanged, and the prefix comparison that
   * decided it had more margin than the edit's size. Its margin is then narrowed by that size, so
   * reuse stays on the safe side.
   */
  private verdictHolds(before: ParsedTemplate, after: ParsedTemplate, edit: TextEdit, line: LineChange): boolean {
    if (!this.verdict || !this.verdictValid) return false;
    const delta = edit.newText.length - (edit.end - edit.start);
    // The dynamic and volatile segments, pairwise: the same kinds at the same (shifted) places.
    const a = before.segments;
    const b = after.segments;
    const moving = (s: Segment | undefined) => s !== undefined && (s.kind === 'dynamic' || s.kind === 'volatile');
    for (let i = 0, j = 0; ; i++, j++) {
      while (i < a.length && !moving(a[i])) i++;
      while (j < b.length && !moving(b[j])) j++;
      if (i >= a.length || j >= b.length) {
        if (i < a.length || j < b.length) return false;
        break;
      }
      const x = a[i]!;
      const y = b[j]!;
      const shift = x.start >= edit.end ? delta : 0;
      if (x.kind !== y.kind || x.start + shift !== y.start || x.end + shift !== y.end) return false;
    }
    // List items, indentation and line ends matter only on lines the plan consulted (unknown: assume all).
    const { margin, sensitive } = this.verdict.value;
    if (!sameForReorder(line.before, line.after, sensitive === undefined || sortedHas(sensitive, line.start))) return false;
    const size = Math.abs(delta) + edit.end - edit.start + edit.newText.length;
    let next = this.verdict.value;
    if (margin !== undefined) {
      if (margin > size) next = { ...next, margin: margin - size };
      else if (margin <= -size) next = { ...next, margin: margin + size };
      else return false;
    }
    // Lines after the edited one moved by the edit's length change.
    if (sensitive && delta !== 0) next = { ...next, sensitive: sensitive.map((o) => (o > line.start ? o + delta : o)) };
    this.verdict.value = next;
    return true;
  }
}

/** `{ ...segment, tokens }` written out: spreading hundreds of segments per keystroke is measurably slower. */
function segmentReport(s: Segment, tokens: number): SegmentReport {
  const report: SegmentReport = { kind: s.kind, start: s.start, end: s.end, tokens };
  if (s.name !== undefined) report.name = s.name;
  if (s.message !== undefined) report.message = s.message;
  return report;
}

function sortedHas(sorted: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function applyClamped(text: string, edit: TextEdit): string {
  const start = Math.max(0, Math.min(edit.start, text.length));
  const end = Math.max(start, Math.min(edit.end, text.length));
  return text.slice(0, start) + edit.newText + text.slice(end);
}
