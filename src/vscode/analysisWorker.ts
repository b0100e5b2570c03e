// The analysis core as the extension uses it, bundled on its own as dist/analysisWorker.js and run
// in a worker thread. The extension host never loads the core: tokenizer ranks, price data and every
// analysis (a multi-megabyte document included) stay off the thread that runs the editor, and
// activation parses none of it. The host sends a document's full text once, then only its edits.
// No `vscode` here.
import { isMainThread, parentPort } from 'node:worker_threads';
import { DocumentAnalyzer } from '../core/analyze';
import { applyEdits, computeFix } from '../core/fixes';
import { getModelPricing, listPricedModels, PRICE_DATA_VERSION, UnknownModelError } from '../core/pricing';
import { parseTemplate, suppressionEdit } from '../core/template';
import { computePrefix } from '../core/template/prefix';
import type { AnalysisOptions, AnalysisReport, FixKind, RuleId, Span, TextEdit, VariableSyntax } from '../core/types';
import { segmentHoverLines, type ReportSummary } from './labels';
import { highlightSpans, type HighlightSpans } from './spans';

export type DocumentOptions = AnalysisOptions & { fileName?: string };

/** New content for a document: its full text, or edits against the text the analyzer last saw. */
export type Content = { text: string } | { edits: TextEdit[] };

/**
 * Result of analysing one document version. The report comes without its segment list, which for a
 * large document is the bulk of the message (the host would spend too long deserialising it): the
 * host gets the highlight spans instead and asks the worker for hovers. `problem` explains a
 * fallback (e.g. an unknown model).
 */
export interface Analysed {
  report: ReportSummary;
  spans: HighlightSpans;
  problem?: string;
}

/** A hover over a dynamic or volatile segment: its range and Markdown lines. */
export interface SegmentHover extends Span {
  lines: string[];
}

/**
 * One incremental analyzer per open document. Options changes (model, rates) rebuild the analyzer,
 * since they change every number; edits go through the core's incremental path. The model is the
 * template's own (`model:` front matter) when it names a priced one, else the requested one.
 */
export class AnalyzerPool {
  private readonly entries = new Map<string, { analyzer: DocumentAnalyzer; requested: string; model: string; last?: AnalysisReport }>();
  private lastRequested: { request: unknown[]; problems: string[]; result: { model: string; key: string } } | undefined;

  /**
   * Analyses new content of document `key`. `fallbackModel` replaces a requested model that has no
   * price; `templateModelWins: false` keeps the requested model (comparisons with other models).
   */
  sync(key: string, content: Content, options: DocumentOptions, fallbackModel: string, templateModelWins: boolean): Analysed {
    const problems: string[] = [];
    const requested = this.requestedModel(options, fallbackModel, templateModelWins, problems);
    let entry = this.entries.get(key);
    if (!entry || entry.requested !== requested.key) {
      if (!('text' in content)) throw new Error('a new analyzer needs the full text');
      entry = { analyzer: new DocumentAnalyzer({ ...options, model: requested.model }), requested: requested.key, model: requested.model };
      this.entries.set(key, entry);
    }
    const current = entry;
    let report = 'text' in content ? current.analyzer.update(content.text) : current.analyzer.applyEdits(content.edits);
    const own = report.settings.model;
    const wanted = templateModelWins && own ? usableModel(own, options, requested.model, problems) : requested.model;
    if (wanted !== current.model) {
      const text = current.analyzer.current;
      current.analyzer = new DocumentAnalyzer({ ...options, model: wanted });
      current.model = wanted;
      report = current.analyzer.update(text);
    }
    current.last = report;
    const { segments, ...summary } = report;
    const analysed: Analysed = { report: summary, spans: highlightSpans(segments, report.prefix.end) };
    return problems.length > 0 ? { ...analysed, problem: problems.join(' ') } : analysed;
  }

  /**
   * The model to use and the key of everything that shapes an analyzer. The host sends equal options
   * on every keystroke, so the answer for the last options is kept: the price lookup and the key's
   * serialisation run only when they change.
   */
  private requestedModel(options: DocumentOptions, fallbackModel: string, templateModelWins: boolean, problems: string[]): { model: string; key: string } {
    const request = [options, fallbackModel, templateModelWins];
    const last = this.lastRequested;
    if (!last || !equalData(last.request, request)) {
      const found: string[] = [];
      const model = usableModel(options.model, options, fallbackModel, found);
      this.lastRequested = { request, problems: found, result: { model, key: JSON.stringify({ ...options, model, templateModelWins }) } };
    }
    problems.push(...this.lastRequested!.problems);
    return this.lastRequested!.result;
  }

  /** The hover for the dynamic or volatile segment at `offset` in the last analysis of `key`. */
  hover(key: string, offset: number): SegmentHover | null {
    const report = this.entries.get(key)?.last;
    const segment = report?.segments.find((s) => (s.kind === 'dynamic' || s.kind === 'volatile') && s.start <= offset && offset < s.end);
    return report && segment ? { start: segment.start, end: segment.end, lines: segmentHoverLines(report, segment) } : null;
  }

  close(key: string): void {
    this.entries.delete(key);
  }
}

/** Deep equality of plain data (what a structured-clone message holds: objects, arrays, primitives). */
function equalData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && equalData(x[k], y[k]));
}

/** `model` when it has a price, else `fallback` (and a problem saying so). */
function usableModel(model: string, options: DocumentOptions, fallback: string, problems: string[]): string {
  try {
    getModelPricing(model, options.priceOverrides);
    return model;
  } catch (err) {
    if (!(err instanceof UnknownModelError)) throw err;
    problems.push(`${err.message}; showing ${fallback} instead.`);
    return fallback;
  }
}

/**
 * What to highlight before the tokens are counted: parsing is a fraction of a full analysis, so a
 * multi-megabyte document shows its prefix and dynamic parts early. Explicit breakpoints are not
 * applied here (they need the model's cache rules); the full analysis corrects that moments later.
 */
export function outline(text: string, options: DocumentOptions): HighlightSpans {
  const parsed = parseTemplate(text, { fileName: options.fileName, syntax: options.syntax });
  return highlightSpans(parsed.segments, computePrefix(parsed, false).end);
}

type FixReport = Pick<AnalysisReport, 'format' | 'syntax' | 'cacheRules'>;

/** What the extension can ask the worker; every method's arguments and result are plain data. */
export function createWorkerApi(pool = new AnalyzerPool()) {
  return {
    sync: (key: string, content: Content, options: DocumentOptions, fallbackModel: string, templateModelWins: boolean) =>
      pool.sync(key, content, options, fallbackModel, templateModelWins),
    close: (key: string): void => pool.close(key),
    hover: (key: string, offset: number): SegmentHover | null => pool.hover(key, offset),
    computeFix: (text: string, report: FixReport, kind: FixKind, fileName?: string): TextEdit[] =>
      computeFix(text, report, kind, fileName),
    /** The text after the fix, for savings estimates. */
    fixedText: (text: string, report: FixReport, kind: FixKind, fileName?: string): string =>
      applyEdits(text, computeFix(text, report, kind, fileName)),
    /** The edit that disables `rule` for the file with the format's own comment, or null when none fits. */
    suppressionFix: (text: string, rule: RuleId, options: { fileName?: string; syntax?: VariableSyntax }): TextEdit | null =>
      suppressionEdit(text, parseTemplate(text, options), rule, options.fileName),
    listPricedModels,
    priceDataVersion: (): string => PRICE_DATA_VERSION,
  };
}
export type WorkerApi = ReturnType<typeof createWorkerApi>;
export type WorkerMethod = keyof WorkerApi;

/** A call; `outline: true` on a full-text `sync` asks for an {@link outline} progress message first. */
export type WorkerRequest = {
  [M in WorkerMethod]: { id: number; method: M; args: Parameters<WorkerApi[M]>; outline?: boolean };
}[WorkerMethod];
/**
 * A piece of the text of the full-text `sync` with the same id, sent before it (the sync's own text
 * is the last piece); `drop` discards the pieces of a sync that will not come.
 */
export type WorkerPiece = { id: number; piece: string } | { id: number; drop: true };
export type WorkerResponse = { id: number; result: unknown } | { id: number; error: string } | { id: number; outline: HighlightSpans };

// This bundle only ever runs as the worker; the guard keeps the type-only imports of it inert.
if (!isMainThread && parentPort) {
  const port = parentPort;
  const api = createWorkerApi();
  const pieces = new Map<number, string[]>();
  port.on('message', (message: WorkerRequest | WorkerPiece) => {
    if ('piece' in message) {
      const list = pieces.get(message.id) ?? [];
      list.push(message.piece);
      pieces.set(message.id, list);
      return;
    }
    if ('drop' in message) {
      pieces.delete(message.id);
      return;
    }
    const request = message;
    const before = pieces.get(request.id);
    if (before) {
      pieces.delete(request.id);
      if (request.method === 'sync' && 'text' in request.args[1]) request.args[1] = { text: before.join('') + request.args[1].text };
    }
    try {
      if (request.method === 'sync' && request.outline && 'text' in request.args[1]) {
        port.postMessage({ id: request.id, outline: outline(request.args[1].text, request.args[2]) } satisfies WorkerResponse);
      }
      const method = api[request.method] as (...args: unknown[]) => unknown;
      port.postMessage({ id: request.id, result: method(...request.args) } satisfies WorkerResponse);
    } catch (err) {
      port.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerResponse);
    }
  });
}
