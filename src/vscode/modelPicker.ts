// Quick Pick over every priced model, searchable by id and provider, showing input / cached / output
// prices. The choice is stored for the workspace; a prompt's own `model:` front matter still wins.
import * as vscode from 'vscode';
import { readSettings } from './config';
import type { Ctx } from './ctx';
import { priceDescription } from './labels';

interface ModelItem extends vscode.QuickPickItem {
  model?: string;
}

export async function pickModel(ctx: Ctx): Promise<void> {
  const core = ctx.analysis.core;
  const [models, version] = await Promise.all([core.call('listPricedModels'), core.call('priceDataVersion')]);
  const current = ctx.models.get();
  const fallback = readSettings().defaultModel;
  const items: ModelItem[] = [
    {
      label: `$(settings) Use the default (${fallback})`,
      description: 'promptCostLens.defaultModel',
      model: undefined,
    },
  ];
  let provider = '';
  for (const pricing of models) {
    if (pricing.provider !== provider) {
      provider = pricing.provider;
      items.push({ label: provider, kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({
      label: pricing.model === current ? `$(check) ${pricing.model}` : pricing.model,
      description: priceDescription(pricing),
      detail: provider,
      model: pricing.model,
    });
  }
  const own = frontMatterModel(ctx);
  const picked = await vscode.window.showQuickPick(items, {
    title: `Prompt Cost Lens: model for this workspace (prices: @pydantic/genai-prices ${version})`,
    placeHolder: own
      ? `This prompt's front matter names ${own}, which wins for it; the choice applies to other prompts.`
      : 'Type to search models by name or provider',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked || picked.kind === vscode.QuickPickItemKind.Separator) return;
  await ctx.models.set(picked.model);
}

function frontMatterModel(ctx: Ctx): string | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document ? ctx.analysis.latest(document)?.report.settings.model : undefined;
}
