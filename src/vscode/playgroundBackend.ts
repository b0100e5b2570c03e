// The playground's side of the extension: prompts described with the core's parser, batches run
// through the pipeline (one shared semantic cache and call log in global storage), remembered
// variable values per file, and keys set through SecretStorage. Keys are read here and handed to the
// provider only; every message to the webview passes through redactSecrets (src/pipeline/redact).
import * as vscode from 'vscode';
import { createPipeline, createPricer, lexicalEmbedder, MissingVariableError, renderTemplate, CallLog, SemanticCache } from '../pipeline';
import { sha256 } from '../pipeline/hash';
import { errorText, redactSecrets } from '../pipeline/redact';
import { parseTemplate } from '../core/template';
import { notification, type CommandParams, type Notification, type PromptInfo, type ProviderOption, type RunSpec } from '../protocol/playground';
import type { Log } from './log';
import type { PlaygroundBackend } from './playgroundPanel';
import { notificationFor } from './playgroundEvents';
import { describePrompt } from './playgroundPrompt';
import { PlaygroundProviders, type BuiltProvider } from './playgroundProviders';
import { setApiKey } from './secrets';

const VALUES_KEY = 'promptCostLens.playground.values';
/** Remembered files; the oldest are forgotten first so workspace state stays small. */
const MAX_REMEMBERED_FILES = 100;

export class PlaygroundBackendImpl implements PlaygroundBackend {
  private readonly providersList: PlaygroundProviders;
  private stores: Promise<{ cache: SemanticCache; callLog: CallLog }> | undefined;
  private readonly price = createPricer();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    this.providersList = new PlaygroundProviders(context.secrets);
  }

  describe(document: vscode.TextDocument): PromptInfo {
    return describePrompt(document.getText(), document.fileName, document.uri.toString(), this.values(document.uri));
  }

  providers(): Promise<ProviderOption[]> {
    return this.providersList.options();
  }

  async setApiKey(providerId: string): Promise<void> {
    const key = this.providersList.keyProviderOf(providerId);
    if (key) await setApiKey(this.context.secrets, key);
  }

  private values(uri: vscode.Uri): Record<string, string> {
    return this.context.workspaceState.get<Record<string, Record<string, string>>>(VALUES_KEY, {})[uri.toString()] ?? {};
  }

  async setValues(uri: vscode.Uri, values: Record<string, string>): Promise<void> {
    const all = { ...this.context.workspaceState.get<Record<string, Record<string, string>>>(VALUES_KEY, {}) };
    delete all[uri.toString()];
    all[uri.toString()] = values;
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED_FILES))) delete all[old];
    await this.context.workspaceState.update(VALUES_KEY, all);
  }

  async runBatch(
    document: vscode.TextDocument,
    params: CommandParams<'run/start'>,
    post: (n: Notification) => void,
    signal: AbortSignal,
  ): Promise<void> {
    let built: BuiltProvider;
    try {
      built = await this.providersList.build(params.providerId, params.fault);
    } catch (err) {
      for (const run of params.runs) post(notification('run/didFail', { runId: run.runId, message: redactSecrets(errorText(err), []), cancelled: false }));
      return;
    }
    let stores: { cache: SemanticCache; callLog: CallLog };
    try {
      stores = await this.openStores();
    } catch (err) {
      for (const run of params.runs) post(notification('run/didFail', { runId: run.runId, message: `Cannot open the semantic cache: ${errorText(err)}`, cancelled: false }));
      return;
    }
    const { cache, callLog } = stores;
    // One snapshot of the prompt for the whole batch: parsed and hashed once, not per run.
    const text = document.getText();
    const template = parseTemplate(text, { fileName: document.fileName });
    const promptVersion = sha256(text).slice(0, 16);
    const pipeline = createPipeline({
      provider: built.provider,
      tiers: built.tiers,
      semanticCache: cache,
      callLog,
      price: this.price,
      maxTokens: template.settings.maxTokens,
      secrets: built.secrets,
    });
    const redact = (m: string): string => redactSecrets(m, built.secrets);
    const runOne = async (spec: RunSpec): Promise<void> => {
      const target = spec.model ?? spec.tier ?? 'router';
      post(notification('run/didStart', { batchId: params.batchId, runId: spec.runId, provider: built.label, simulated: built.provider.simulated, target }));
      if (signal.aborted) {
        post(notification('run/didFail', { runId: spec.runId, message: 'Cancelled before it started.', cancelled: true }));
        return;
      }
      let request;
      try {
        request = renderTemplate(text, template, spec.variables, params.request || undefined);
      } catch (err) {
        const message = err instanceof MissingVariableError ? `Fill in ${err.variables.map((v) => `“${v}”`).join(', ')} first.` : errorText(err);
        post(notification('run/didFail', { runId: spec.runId, message: redact(message), cancelled: false }));
        return;
      }
      await pipeline
        .run(
          {
            request,
            promptVersion,
            feature: 'playground',
            tier: spec.tier ?? undefined,
            model: spec.model ?? undefined,
            // Compare mode measures each model, so it always calls them.
            semanticCache: params.mode === 'pipeline' && params.semanticCache,
            requestId: spec.runId,
          },
          {
            signal,
            onEvent: (event) => {
              const n = notificationFor(spec.runId, event, redact, (model, usage) => this.price(usage, model, '5m'));
              if (n) post(n);
            },
          },
        )
        // The error event has already told the webview; the rejection only needs to be observed.
        .catch((err: unknown) => this.log.warn(`playground run failed: ${redact(errorText(err))}`));
    };
    if (params.mode === 'compare') await Promise.all(params.runs.map(runOne));
    else for (const spec of params.runs) await runOne(spec);
  }

  private openStores(): Promise<{ cache: SemanticCache; callLog: CallLog }> {
    this.stores ??= (async () => {
      const dir = this.context.globalStorageUri;
      await vscode.workspace.fs.createDirectory(dir);
      const warn = (m: string): void => this.log.warn(m);
      const cache = await SemanticCache.open({ embedder: lexicalEmbedder, file: vscode.Uri.joinPath(dir, 'semantic-cache.jsonl').fsPath, warn });
      const callLog = new CallLog(vscode.Uri.joinPath(dir, 'call-log.jsonl').fsPath, warn);
      return { cache, callLog };
    })();
    this.stores.catch(() => (this.stores = undefined));
    return this.stores;
  }
}
