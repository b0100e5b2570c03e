// Keeps an up-to-date analysis for every visible prompt document. Typing is debounced and sent to the
// core's incremental analyzer (in the analysis worker thread) as edits; hidden documents only collect
// their edits (no work until they are shown or a provider asks); closed documents are forgotten.
import * as vscode from 'vscode';
import type { Analysed, DocumentOptions, SegmentHover } from './analysisWorker';
import { DEFAULT_MODEL } from '../core/defaults';
import type { TextEdit } from '../core/types';
import { onDidChangeSettings, readSettings, reportSettingsProblems } from './config';
import { textSource, toCoreEdit } from './convert';
import { log } from './log';
import type { ModelChoice } from './modelChoice';
import type { ReportSummary } from './labels';
import { isPromptDocument } from './promptFiles';
import type { HighlightSpans } from './spans';
import { WorkerClient } from './workerClient';

/** Characters above which a document is large (~64k tokens): longer debounce, no model comparisons. */
export const LARGE_DOCUMENT = 256 * 1024;
const DEBOUNCE_MS = 75;
const DEBOUNCE_LARGE_MS = 300;
/** Past this many queued edits a resync with the full text is cheaper than replaying them. */
const MAX_QUEUED_EDITS = 500;

export interface Analysis {
  document: vscode.TextDocument;
  /** The document version the report describes. */
  version: number;
  report: ReportSummary;
  /** What the highlighting marks. */
  spans: HighlightSpans;
}

interface DocState {
  pending: TextEdit[] | 'full';
  /** Highlights of a large document's version whose analysis is still running. */
  outline?: { version: number; spans: HighlightSpans };
  large: boolean;
  analysedVersion: number;
  latest?: Analysis;
  running?: Promise<Analysis | undefined>;
  timer?: ReturnType<typeof setTimeout>;
}

export class AnalysisService implements vscode.Disposable {
  private readonly states = new Map<string, DocState>();
  /** Bumped when settings or the model change, so an analysis started before counts as stale. */
  private generation = 0;
  private readonly analysed = new vscode.EventEmitter<Analysis>();
  private readonly forgotten = new vscode.EventEmitter<vscode.Uri>();
  private readonly outlined = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly disposables: vscode.Disposable[] = [this.analysed, this.forgotten, this.outlined];
  /** The analysis core, in its worker thread (started by the first analysis). */
  readonly core = new WorkerClient(log);

  /** Fires after each analysis of a document version. */
  readonly onDidAnalyze = this.analysed.event;
  /** Fires when a document closes and its analysis is dropped. */
  readonly onDidForget = this.forgotten.event;
  /** Fires when a large document's outline is ready, before its analysis. */
  readonly onDidOutline = this.outlined.event;

  constructor(private readonly models: ModelChoice) {
    const d = this.disposables;
    vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e), undefined, d);
    vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc), undefined, d);
    vscode.window.onDidChangeVisibleTextEditors(() => this.analyseVisible(), undefined, d);
    onDidChangeSettings(() => this.invalidateAll(), d);
    models.onDidChange(() => this.invalidateAll(), undefined, d);
    // After activation returns: loading the core is not part of activation time.
    const start = setTimeout(() => this.analyseVisible(), 0);
    d.push({ dispose: () => clearTimeout(start) });
  }

  /** The last analysis of `document`, possibly of an older version (for cheap, immediate display). */
  latest(document: vscode.TextDocument): Analysis | undefined {
    return this.states.get(document.uri.toString())?.latest;
  }

  /** The hover for the dynamic or volatile segment at `offset` of an analysed document, if any. */
  async hover(document: vscode.TextDocument, offset: number): Promise<SegmentHover | null> {
    const key = document.uri.toString();
    return this.core.knows(key) ? this.core.call('hover', key, offset) : null;
  }

  /** Highlights for the document's current version while its full analysis runs (large documents). */
  outline(document: vscode.TextDocument): HighlightSpans | undefined {
    const outline = this.states.get(document.uri.toString())?.outline;
    return outline?.version === document.version ? outline.spans : undefined;
  }

  /** An analysis of the document's current version, or undefined if it is not a prompt or failed. */
  async analysis(document: vscode.TextDocument): Promise<Analysis | undefined> {
    if (!isPromptDocument(document)) return undefined;
    return this.flush(document, this.state(document));
  }

  /**
   * Analyses text that is not open in an editor (the workspace view, the report). With `model`, that
   * model is used even if the template names another (comparisons in the breakdown).
   */
  async analyseText(uri: vscode.Uri, text: string, model?: string): Promise<ReportSummary | undefined> {
    const options = { ...this.optionsFor(uri), ...(model ? { model } : {}) };
    const key = `file:${model ?? ''}:${uri.toString()}`;
    try {
      return this.accept(await this.core.call('sync', key, { text }, options, DEFAULT_MODEL, model === undefined));
    } catch (err) {
      log.error(`analysis of ${uri.fsPath} failed`, err);
      return undefined;
    } finally {
      void this.core.call('close', key).catch(() => undefined);
    }
  }

  /** The options an analysis of `uri` uses: settings, then the picked model. */
  optionsFor(uri: vscode.Uri): DocumentOptions {
    const s = readSettings(uri);
    return {
      model: this.models.get() ?? s.defaultModel,
      ratePerMinute: s.ratePerMinute,
      volumePerDay: s.volumePerDay,
      ttl: s.cacheTtl,
      batch: s.batch,
      ...(s.outputTokens === undefined ? {} : { outputTokens: s.outputTokens }),
      dynamicBeforeStaticThreshold: s.dynamicBeforeStaticThreshold,
      ...(s.syntax === 'auto' ? {} : { syntax: s.syntax }),
      disabledRules: s.disabledRules,
      priceOverrides: s.priceOverrides,
      fileName: uri.path,
    };
  }

  dispose(): void {
    for (const state of this.states.values()) clearTimeout(state.timer);
    this.states.clear();
    this.core.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private state(document: vscode.TextDocument): DocState {
    const key = document.uri.toString();
    let state = this.states.get(key);
    if (!state) {
      state = { pending: 'full', large: false, analysedVersion: -1 };
      this.states.set(key, state);
    }
    return state;
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(e.document.uri.toString());
    if (!state || e.contentChanges.length === 0) return;
    if (state.pending !== 'full') {
      // Changes of one event are against the same text; applied from the end they stay valid one by one.
      const edits = e.contentChanges.map(toCoreEdit).sort((a, b) => b.start - a.start);
      const pasted = edits.some((edit) => edit.newText.length > LARGE_DOCUMENT / 4);
      if (pasted || state.pending.length + edits.length > MAX_QUEUED_EDITS) state.pending = 'full';
      else state.pending.push(...edits);
    }
    if (isVisible(e.document)) this.schedule(e.document, state);
    else clearTimeout(state.timer);
  }

  private schedule(document: vscode.TextDocument, state: DocState, delay?: number): void {
    clearTimeout(state.timer);
    const wait = delay ?? (state.large ? DEBOUNCE_LARGE_MS : DEBOUNCE_MS);
    state.timer = setTimeout(() => void this.flush(document, state), wait);
  }

  private async flush(document: vscode.TextDocument, state: DocState): Promise<Analysis | undefined> {
    clearTimeout(state.timer);
    while (state.running) await state.running;
    if (state.latest && state.analysedVersion === document.version) return state.latest;
    if (this.states.get(document.uri.toString()) !== state) return undefined;
    state.running = this.run(document, state).finally(() => (state.running = undefined));
    return state.running;
  }

  private async run(document: vscode.TextDocument, state: DocState): Promise<Analysis | undefined> {
    const key = document.uri.toString();
    const version = document.version;
    const generation = this.generation;
    const options = this.optionsFor(document.uri);
    const full = state.pending === 'full' || state.analysedVersion < 0 || !this.core.knows(key);
    const edits = state.pending === 'full' ? [] : state.pending;
    state.pending = [];
    const onOutline = (spans: HighlightSpans): void => {
      state.outline = { version, spans };
      this.outlined.fire(document);
    };
    try {
      let analysed: Analysed;
      if (full) {
        const text = textSource(document);
        state.large = text.length > LARGE_DOCUMENT;
        analysed = await this.core.syncText(key, text, [options, DEFAULT_MODEL, true], state.large ? onOutline : undefined);
      } else {
        analysed = await this.core.call('sync', key, { edits }, options, DEFAULT_MODEL, true);
      }
      state.outline = undefined;
      // Settings changed while this ran: show it, but analyse again with the new options.
      if (generation === this.generation) state.analysedVersion = version;
      else if (isVisible(document)) this.schedule(document, state, 0);
      const analysis: Analysis = { document, version, report: this.accept(analysed), spans: analysed.spans };
      state.latest = analysis;
      this.analysed.fire(analysis);
      return analysis;
    } catch (err) {
      // Next time, start over from the full text (a dead worker or a rejected edit).
      log.error(`analysis of ${document.uri.fsPath} failed`, err);
      state.pending = 'full';
      return undefined;
    }
  }

  private accept(analysed: Analysed): ReportSummary {
    if (analysed.problem) reportSettingsProblems([analysed.problem]);
    return analysed.report;
  }

  private analyseVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const document = editor.document;
      if (!isPromptDocument(document)) continue;
      const state = this.state(document);
      if (state.analysedVersion !== document.version) this.schedule(document, state, 0);
    }
  }

  private invalidateAll(): void {
    this.generation++;
    for (const state of this.states.values()) {
      state.pending = 'full';
      state.analysedVersion = -1;
    }
    this.analyseVisible();
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const state = this.states.get(key);
    if (!state) return;
    clearTimeout(state.timer);
    this.states.delete(key);
    if (this.core.knows(key)) void this.core.call('close', key).catch(() => undefined);
    this.forgotten.fire(document.uri);
  }
}

function isVisible(document: vscode.TextDocument): boolean {
  return vscode.window.visibleTextEditors.some((e) => e.document === document);
}
