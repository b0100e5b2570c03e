// Entry point of the extension: it only wires features together. Each feature module registers
// its own providers and pushes every disposable onto the context, so this file reads like a
// table of contents of what the extension does. Nothing here loads the analysis core: that happens
// when the first prompt is analysed.
import * as vscode from 'vscode';
import { registerCodeActions } from './codeActions';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { reportedSettingsProblems } from './config';
import { createCtx, type Ctx } from './ctx';
import { registerDecorations } from './decorations';
import { registerDiagnostics } from './diagnostics';
import { registerHover } from './hover';
import { log } from './log';
import { registerPlayground } from './playground';
import { registerMarkdownView } from './markdownView';
import { registerPromptCostsView } from './promptCostsView';
import { registerStatusBar } from './statusBar';
import type { PromptCost } from './workspaceCosts';

/** What `activate` returns to other extensions (the integration tests read it). */
export interface PromptCostLensApi {
  /** Settings problems reported to the user so far, each once. */
  settingsProblems(): string[];
  /** The Prompt Costs view's data, as the tree shows it (undefined if the view failed to start). */
  promptCosts: vscode.TreeDataProvider<PromptCost> | undefined;
}

export function activate(context: vscode.ExtensionContext): PromptCostLensApi {
  const started = performance.now();
  const ctx = createCtx(context);
  let promptCosts: vscode.TreeDataProvider<PromptCost> | undefined;
  const features: Array<[string, (ctx: Ctx) => void]> = [
    ['Commands', registerCommands],
    ['Highlighting', registerDecorations],
    ['CodeLens', registerCodeLens],
    ['Playground', (ctx) => registerPlayground(ctx.context)],
    ['Hover', registerHover],
    ['Diagnostics', registerDiagnostics],
    ['Quick fixes', registerCodeActions],
    ['Status bar', registerStatusBar],
    [
      'Prompt Costs view',
      (ctx) => {
        promptCosts = registerPromptCostsView(ctx);
      },
    ],
    ['Markdown reports', (ctx) => registerMarkdownView(ctx.context)],
  ];
  for (const [name, register] of features) {
    try {
      register(ctx);
    } catch (err) {
      // One broken feature must not take the others down; the user is told which one failed.
      log.error(`${name} failed to start`, err);
      void vscode.window.showErrorMessage(`Prompt Cost Lens: ${name} failed to start: ${String(err)}`);
    }
  }
  // `npm run bench` reads this line (the budget is 30 ms).
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  return { settingsProblems: reportedSettingsProblems, promptCosts };
}

export function deactivate(): void {}
