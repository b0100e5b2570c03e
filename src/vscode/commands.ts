// Every command of the extension in one table. Ids are registered with the `promptCostLens.` prefix
// and match `contributes.commands` in package.json; handlers stay thin and call feature functions.
import * as vscode from 'vscode';
import { showBreakdown } from './breakdown';
import { readSettings, setHighlightingEnabled } from './config';
import { showCostReport } from './costReport';
import type { Ctx } from './ctx';
import { pickModel } from './modelPicker';
import { clearApiKey, setApiKey, type KeyProvider } from './secrets';
import { openExample } from './walkthrough';

type Handler = (ctx: Ctx, ...args: never[]) => unknown;

const COMMANDS = {
  pickModel: (ctx) => pickModel(ctx),
  showBreakdown: (ctx, uri?: vscode.Uri) => showBreakdown(ctx, uri),
  toggleHighlighting: () => setHighlightingEnabled(!readSettings().highlightingEnabled),
  costReport: (ctx) => showCostReport(ctx),
  // Returns the listed files in view order, so tests and other commands can read the view.
  refreshPromptCosts: async (ctx) => {
    ctx.workspaceCosts.refresh();
    return (await ctx.workspaceCosts.list()).map((e) => ({ uri: e.uri, model: e.report?.model, monthly: e.report?.cost.monthly }));
  },
  setApiKey: (ctx, provider?: KeyProvider) => setApiKey(ctx.context.secrets, provider),
  clearApiKey: (ctx, provider?: KeyProvider) => clearApiKey(ctx.context.secrets, provider),
  openExample: (_ctx, name: string) => openExample(name),
} satisfies Record<string, Handler>;


export function registerCommands(ctx: Ctx): void {
  for (const [id, handler] of Object.entries(COMMANDS) as Array<[string, (ctx: Ctx, ...args: unknown[]) => unknown]>) {
    ctx.context.subscriptions.push(
      vscode.commands.registerCommand(`promptCostLens.${id}`, (...args: unknown[]) => handler(ctx, ...args)),
    );
  }
}
