// Cost CodeLens: one row at the top of a prompt (tokens, prefix, cost uncached → warm, model) with
// lenses to change the model, open the playground and see the breakdown; and one lens per message
// of role-structured prompts. Lenses come from the service's latest analysis, so providing them is
// cheap; the provider refreshes them whenever an analysis finishes.
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { ExactCounts } from './exactCounts';
import { onDidChangeApiKey } from './secrets';
import { documentLensTitle, messageLensTitle } from './labels';
import { OPEN_PLAYGROUND_COMMAND } from './playground';
import { PROMPT_SELECTOR } from './promptFiles';

class CostLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** Anthropic's exact counts, only for users who opted in (promptCostLens.exactClaudeCounts). */
  private readonly exactCounts: ExactCounts;

  constructor(private readonly ctx: Ctx) {
    this.exactCounts = new ExactCounts(ctx.context.secrets, () => this.changed.fire());
    ctx.context.subscriptions.push(
      this.changed,
      ctx.analysis.onDidAnalyze(() => this.changed.fire()),
      ctx.analysis.onDidForget((uri) => this.exactCounts.forget(uri)),
    );
    onDidChangeApiKey(
      ctx.context.secrets,
      (provider) => {
        if (provider !== 'anthropic') return;
        this.exactCounts.clear();
        this.changed.fire();
      },
      ctx.context.subscriptions,
    );
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    // The latest analysis, even of an older version: the debounced one refreshes the lenses when it
    // lands. Only a document never analysed waits for one.
    const analysis = this.ctx.analysis.latest(document) ?? (await this.ctx.analysis.analysis(document));
    if (!analysis) return [];
    const { report } = analysis;
    const top = new vscode.Range(0, 0, 0, 0);
    const uri = document.uri;
    const lenses = [
      new vscode.CodeLens(top, {
        title: documentLensTitle(report, this.exactCounts.get(document, report.model)),
        tooltip: 'Show the cost breakdown of this prompt',
        command: 'promptCostLens.showBreakdown',
        arguments: [uri],
      }),
      new vscode.CodeLens(top, {
        title: '$(symbol-misc) Change model',
        tooltip: 'Pick the model whose prices and cache rules apply',
        command: 'promptCostLens.pickModel',
      }),
      new vscode.CodeLens(top, {
        title: '$(play) Try in playground',
        tooltip: 'Send this prompt through the playground',
        command: OPEN_PLAYGROUND_COMMAND,
        arguments: [uri],
      }),
    ];
    if (report.messages.length > 1) {
      for (const message of report.messages) {
        const line = document.positionAt(message.start).line;
        if (line === 0) continue;
        lenses.push(
          new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
            title: messageLensTitle(report, message),
            command: 'promptCostLens.showBreakdown',
            arguments: [uri],
          }),
        );
      }
    }
    return lenses;
  }
}

export function registerCodeLens(ctx: Ctx): void {
  ctx.context.subscriptions.push(vscode.languages.registerCodeLensProvider(PROMPT_SELECTOR, new CostLensProvider(ctx)));
}
