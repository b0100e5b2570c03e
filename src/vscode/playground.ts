// The playground feature: the `promptCostLens.openPlayground` command, the serializer that brings
// the panel back after a reload, and the one panel, which follows the prompt it was opened on.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { log } from './log';
import { PLAYGROUND_VIEW_TYPE, PlaygroundPanel, type PlaygroundBackend } from './playgroundPanel';
import { onDidChangeApiKey } from './secrets';

export const OPEN_PLAYGROUND_COMMAND = 'promptCostLens.openPlayground';

export function registerPlayground(context: vscode.ExtensionContext): void {
  // The backend brings the pipeline, the simulator and the provider SDKs (hundreds of milliseconds to
  // load), so it is loaded when a panel first needs it, never during activation.
  let backend: Promise<PlaygroundBackend> | undefined;
  const loadBackend = (): Promise<PlaygroundBackend> => (backend ??= Promise.resolve().then(() => loadBackendBundle(context)));
  const controller = new PlaygroundController(context.extensionUri, loadBackend);
  context.subscriptions.push(
    controller,
    vscode.commands.registerCommand(OPEN_PLAYGROUND_COMMAND, (uri?: unknown) => controller.open(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.window.registerWebviewPanelSerializer(PLAYGROUND_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => controller.restore(panel, state),
    }),
  );
  onDidChangeApiKey(context.secrets, () => void controller.panel?.refreshProviders(), context.subscriptions);
}

class PlaygroundController implements vscode.Disposable {
  panel: PlaygroundPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private refresh: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly loadBackend: () => Promise<PlaygroundBackend>,
  ) {
    // Edits to the prompt change its variables; the form follows, a moment after typing stops.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (this.panel && e.document.uri.toString() === this.panel.documentUri?.toString()) {
        clearTimeout(this.refresh);
        this.refresh = setTimeout(() => void this.panel?.setDocument(e.document), 400);
      }
    }, undefined, this.disposables);
  }

  /** Opens (or reveals) the panel on `uri` or the active editor's document. */
  async open(uri: vscode.Uri | undefined): Promise<void> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage('Prompt Cost Lens: open a prompt file to try it in the playground.');
      return;
    }
    if (this.panel) {
      this.panel.panel.reveal(vscode.ViewColumn.Beside);
      await this.panel.setDocument(document);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PLAYGROUND_VIEW_TYPE, 'Prompt Cost Playground', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
    });
    this.attach(panel, document);
  }

  /** Rebuilds the panel VS Code kept across a reload; its saved state names the prompt it showed. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const uri = promptUriFrom(state);
    const document = uri ? await vscode.workspace.openTextDocument(uri).then((d) => d, () => undefined) : undefined;
    this.panel?.dispose();
    this.attach(panel, document);
  }

  dispose(): void {
    clearTimeout(this.refresh);
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private attach(panel: vscode.WebviewPanel, document: vscode.TextDocument | undefined): void {
    const playground = new PlaygroundPanel(panel, document, this.loadBackend, this.extensionUri);
    this.panel = playground;
    playground.onDidDispose(() => {
      if (this.panel === playground) this.panel = undefined;
    });
  }
}

/** The prompt uri in the webview's saved state, if it has a well-formed one. */
function promptUriFrom(state: unknown): vscode.Uri | undefined {
  const prompt = (state as { prompt?: { uri?: unknown } } | null)?.prompt;
  if (typeof prompt?.uri !== 'string') return undefined;
  try {
    return vscode.Uri.parse(prompt.uri, true);
  } catch {
    return undefined;
  }
}

/**
 * The backend is its own bundle (dist/playgroundBackend.js, see esbuild.mjs) so that extension.js stays
 * small and activation parses none of it; it gets this bundle's logger so both write to one channel.
 */
function loadBackendBundle(context: vscode.ExtensionContext): PlaygroundBackend {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require(path.join(__dirname, 'playgroundBackend.js')) as typeof import('./playgroundBackend');
  return new m.PlaygroundBackendImpl(context, log);
}
