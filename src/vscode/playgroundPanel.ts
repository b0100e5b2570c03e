// One playground panel: it validates every message from its webview, posts nothing before the
// webview says it is ready, and keeps the final message of each run so a webview that was hidden
// (and so destroyed, since the panel does not retain its context) catches up when it comes back.
import * as vscode from 'vscode';
import {
  notification,
  parseCommand,
  type Command,
  type CommandParams,
  type Notification,
  type PromptInfo,
  type ProviderOption,
} from '../protocol/playground';
import { errorText, redactSecrets } from '../pipeline/redact';
import { log } from './log';
import { historyToCsv } from './playgroundCsv';
import { playgroundHtml, playgroundResourceRoots } from './playgroundHtml';

export const PLAYGROUND_VIEW_TYPE = 'promptCostLens.playground';

/**
 * What the panel needs from the rest of the extension; kept narrow so the panel stays about the
 * webview. It is loaded on first use (it brings the pipeline and the provider SDKs), never at activation.
 */
export interface PlaygroundBackend {
  describe(document: vscode.TextDocument): PromptInfo;
  providers(): Promise<ProviderOption[]>;
  /** Runs a batch, posting one run's notifications as they happen; resolves when every run ended. */
  runBatch(
    document: vscode.TextDocument,
    params: CommandParams<'run/start'>,
    post: (n: Notification) => void,
    signal: AbortSignal,
  ): Promise<void>;
  setApiKey(providerId: string): Promise<void>;
  setValues(uri: vscode.Uri, values: Record<string, string>): Promise<void>;
}

/** How many finished runs are kept for replay to a webview that was hidden while they ended. */
const REPLAY_LIMIT = 200;
/** Longest refusal reason echoed to the webview and the log (a reason can quote a field name). */
const MAX_REASON = 300;

/**
 * The run ids of a refused `run/start`, so their cards can be failed: only well-formed ids, at most
 * as many as a valid batch may hold. Anything else in the message is not looked at.
 */
function refusedRunIds(raw: unknown): string[] {
  const message = raw as { method?: unknown; params?: { runs?: unknown } } | null;
  if (typeof message !== 'object' || message === null || message.method !== 'run/start') return [];
  const runs = typeof message.params === 'object' && message.params !== null ? message.params.runs : undefined;
  if (!Array.isArray(runs)) return [];
  return runs
    .slice(0, 100)
    .map((run: unknown) => (typeof run === 'object' && run !== null ? (run as { runId?: unknown }).runId : undefined))
    .filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 200);
}

export class PlaygroundPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private readonly batches = new Map<string, AbortController>();
  private readonly inFlight = new Set<string>();
  private readonly finals = new Map<string, Notification>();
  private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDisposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private document: vscode.TextDocument | undefined,
    private readonly loadBackend: () => Promise<PlaygroundBackend>,
    extensionUri: vscode.Uri,
  ) {
    panel.webview.options = { enableScripts: true, localResourceRoots: playgroundResourceRoots(extensionUri) };
    panel.webview.html = playgroundHtml(panel.webview, extensionUri);
    this.setTitle();
    panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), undefined, this.disposables);
    // A hidden webview is destroyed; it says `ready` again when it is rebuilt.
    panel.onDidChangeViewState(() => {
      if (!panel.visible) this.ready = false;
    }, undefined, this.disposables);
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  get documentUri(): vscode.Uri | undefined {
    return this.document?.uri;
  }

  /**
   * Points the panel at another prompt (or the same one, edited) and tells the webview; only the
   * prompt is sent, since providers (secret reads) change only with a key, see `refreshProviders`.
   */
  async setDocument(document: vscode.TextDocument): Promise<void> {
    this.document = document;
    this.setTitle();
    if (this.ready) this.postNow(notification('prompt/didChange', { prompt: (await this.loadBackend()).describe(document) }));
  }

  async refreshProviders(): Promise<void> {
    if (this.ready) this.postNow(notification('provider/didChange', { providers: await (await this.loadBackend()).providers() }));
  }

  dispose(): void {
    for (const controller of this.batches.values()) controller.abort();
    this.batches.clear();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDisposeEmitter.fire();
    this.onDisposeEmitter.dispose();
  }

  private setTitle(): void {
    this.panel.title = this.document ? `Playground: ${this.document.uri.path.split('/').pop()}` : 'Prompt Cost Playground';
  }

  private async init(): Promise<Notification> {
    const backend = await this.loadBackend();
    const providers = await backend.providers();
    return notification('playground/didInit', {
      prompt: this.document ? backend.describe(this.document) : null,
      providers,
      defaultProviderId: providers[0]?.id ?? 'simulator',
    });
  }

  private postNow(message: Notification): void {
    void this.panel.webview.postMessage(message);
  }

  /** Posts a run's notification if the webview listens; a run's final message is kept for replay. */
  private postRun(message: Notification): void {
    if (message.method === 'run/didComplete' || message.method === 'run/didFail') {
      this.inFlight.delete(message.params.runId);
      this.finals.set(message.params.runId, message);
      if (this.finals.size > REPLAY_LIMIT) this.finals.delete(this.finals.keys().next().value as string);
    }
    if (this.ready) this.postNow(message);
  }

  private receive(raw: unknown): void {
    const parsed = parseCommand(raw);
    if (!parsed.ok) {
      // Nothing of a refused message is acted on, but the webview hears why: a run it asked for must
      // not stay busy forever (e.g. a request over the size limit), and the reason is shown inline.
      const reason = parsed.reason.length > MAX_REASON ? `${parsed.reason.slice(0, MAX_REASON)}…` : parsed.reason;
      log.warn(`playground: ignored a message from the webview: ${reason}`);
      if (this.ready) this.postNow(notification('playground/didNotify', { level: 'error', message: `The extension ignored a message from the panel: ${reason}` }));
      for (const runId of refusedRunIds(raw)) {
        if (!this.inFlight.has(runId) && !this.finals.has(runId)) {
          this.postRun(notification('run/didFail', { runId, message: `Not started: ${reason}`, cancelled: false }));
        }
      }
      return;
    }
    this.handle(parsed.message).catch((err: unknown) => {
      log.error(`playground: ${parsed.message.method} failed`, err);
      this.postNow(notification('playground/didNotify', { level: 'error', message: `${parsed.message.method} failed: ${redactSecrets(errorText(err), [])}` }));
    });
  }

  private async handle(message: Command): Promise<void> {
    switch (message.method) {
      case 'webview/ready':
        return this.onReady(message.params.pendingRunIds);
      case 'prompt/setValues':
        // Only the prompt this panel shows may be written; the webview cannot pick another file's key.
        if (this.document && message.params.uri === this.document.uri.toString()) {
          await (await this.loadBackend()).setValues(this.document.uri, message.params.values);
        }
        return;
      case 'run/start':
        return this.startBatch(message.params);
      case 'run/cancel':
        this.batches.get(message.params.batchId)?.abort();
        return;
      case 'provider/setApiKey':
        await (await this.loadBackend()).setApiKey(message.params.providerId);
        return this.refreshProviders();
      case 'history/export':
        return this.exportHistory(message.params.rows);
    }
  }

  private async onReady(pendingRunIds: string[]): Promise<void> {
    this.ready = true;
    this.postNow(await this.init());
    for (const runId of pendingRunIds) {
      const final = this.finals.get(runId);
      if (final) this.postNow(final);
      else if (!this.inFlight.has(runId)) {
        // The extension host restarted (window reload) while this run was going: it cannot finish.
        this.postNow(notification('run/didFail', { runId, message: 'Interrupted: the window was reloaded during the run.', cancelled: true }));
      }
    }
  }

  private async startBatch(params: CommandParams<'run/start'>): Promise<void> {
    const document = this.document;
    if (!document) {
      for (const run of params.runs) {
        this.postRun(notification('run/didFail', { runId: run.runId, message: 'Open a prompt file first.', cancelled: false }));
      }
      return;
    }
    const controller = new AbortController();
    this.batches.set(params.batchId, controller);
    for (const run of params.runs) this.inFlight.add(run.runId);
    try {
      await (await this.loadBackend()).runBatch(document, params, (n) => this.postRun(n), controller.signal);
    } finally {
      this.batches.delete(params.batchId);
      // Whatever the backend did, no run of this batch may be left looking busy.
      for (const run of params.runs) {
        if (this.inFlight.has(run.runId)) {
          this.postRun(notification('run/didFail', { runId: run.runId, message: controller.signal.aborted ? 'Cancelled.' : 'The run ended without a result.', cancelled: controller.signal.aborted }));
        }
      }
    }
  }

  private async exportHistory(rows: CommandParams<'history/export'>['rows']): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export playground history',
      filters: { CSV: ['csv'] },
      defaultUri: folder ? vscode.Uri.joinPath(folder, 'playground-history.csv') : undefined,
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(historyToCsv(rows)));
    this.postNow(notification('playground/didNotify', { level: 'info', message: `Exported ${rows.length} runs to ${vscode.workspace.asRelativePath(target)}.` }));
  }
}
