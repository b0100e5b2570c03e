// The Prompt Costs view: every prompt file in the workspace, most expensive per month first, with
// tokens, cacheable share and findings. Selecting one opens it; the list follows file changes.
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { formatTokens, formatUsd } from './labels';
import type { PromptCost } from './workspaceCosts';

export const PROMPT_COSTS_VIEW = 'promptCostLens.promptCosts';

class PromptCostsProvider implements vscode.TreeDataProvider<PromptCost> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly ctx: Ctx) {
    this.onDidChangeTreeData = ctx.workspaceCosts.onDidChange;
  }

  getChildren(element?: PromptCost): Promise<PromptCost[]> | PromptCost[] {
    return element ? [] : this.ctx.workspaceCosts.list();
  }

  getTreeItem(entry: PromptCost): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.workspace.asRelativePath(entry.uri), vscode.TreeItemCollapsibleState.None);
    item.resourceUri = entry.uri;
    item.command = { title: 'Open', command: 'vscode.open', arguments: [entry.uri] };
    const report = entry.report;
    if (!report) {
      item.description = entry.error;
      item.iconPath = new vscode.ThemeIcon('warning');
      return item;
    }
    const { tokens, cost, findings } = report;
    const share = tokens.total > 0 ? Math.round((100 * report.prefix.tokens) / tokens.total) : 0;
    item.description = [
      `${formatUsd(cost.monthly)}/mo`,
      `${formatTokens(tokens.total, tokens.exact)} tok`,
      `${share}% cacheable`,
      findings.length === 1 ? '1 finding' : `${findings.length} findings`,
    ].join(' · ');
    item.tooltip = new vscode.MarkdownString(
      `**${vscode.workspace.asRelativePath(entry.uri)}** · ${report.model}\n\n` +
        `${formatUsd(cost.monthly)} per month at the configured volume (${formatUsd(cost.monthlyUncached)} without caching)`,
    );
    item.iconPath = new vscode.ThemeIcon(findings.some((f) => f.severity !== 'info') ? 'warning' : 'pass');
    return item;
  }
}

/** Registers the view; returns its data provider (the integration tests read the tree through it). */
export function registerPromptCostsView(ctx: Ctx): vscode.TreeDataProvider<PromptCost> {
  const provider = new PromptCostsProvider(ctx);
  ctx.context.subscriptions.push(vscode.window.createTreeView(PROMPT_COSTS_VIEW, { treeDataProvider: provider, showCollapseAll: false }));
  return provider;
}
