// Status bar item for the active prompt: tokens, expected cost per request and model; a click opens
// the model picker. Hidden when the active editor is not a prompt (the `promptCostLens.activeIsPrompt`
// context key follows it, for editor-title buttons).
import * as vscode from 'vscode';
import type { Analysis } from './analysisService';
import type { Ctx } from './ctx';
import { formatTokens, formatUsd, statusBarText } from './labels';

export function registerStatusBar(ctx: Ctx): void {
  const item = vscode.window.createStatusBarItem('promptCostLens.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Prompt Cost Lens';
  item.command = 'promptCostLens.pickModel';
  const subscriptions = ctx.context.subscriptions;
  subscriptions.push(item);

  let activeIsPrompt: boolean | undefined;
  const show = (analysis: Analysis | undefined): void => {
    // Editor-title buttons and palette entries appear only for prompts.
    if (activeIsPrompt !== (analysis !== undefined)) {
      activeIsPrompt = analysis !== undefined;
      void vscode.commands.executeCommand('setContext', 'promptCostLens.activeIsPrompt', activeIsPrompt);
    }
    if (!analysis) {
      item.hide();
      return;
    }
    const { report } = analysis;
    const { cost, tokens } = report;
    item.text = statusBarText(report);
    const tooltip = new vscode.MarkdownString(
      [
        `**${report.model}** · ${report.pricing.source}`,
        `${formatTokens(tokens.total, tokens.exact)} tokens (${tokens.method}), prefix ${formatTokens(report.prefix.tokens, tokens.exact)}`,
        `Per request: ${formatUsd(cost.perRequest.uncached)} uncached · ${formatUsd(cost.perRequest.warm)} warm · ` +
          `${formatUsd(cost.perRequest.expected)} expected (hit probability ${Math.round(cost.hitProbability * 100)}%)`,
        'Click to change the model.',
      ].join('\n\n'),
    );
    item.tooltip = tooltip;
    item.show();
  };
  const showActive = async (): Promise<void> => {
    const document = vscode.window.activeTextEditor?.document;
    show(document ? await ctx.analysis.analysis(document) : undefined);
  };

  vscode.window.onDidChangeActiveTextEditor(() => void showActive(), undefined, subscriptions);
  ctx.analysis.onDidAnalyze(
    (analysis) => {
      if (vscode.window.activeTextEditor?.document === analysis.document) show(analysis);
    },
    undefined,
    subscriptions,
  );
}
