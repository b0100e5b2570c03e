// What the features share: the extension context, the analysis service, the model choice, the
// workspace scan and where the rule docs are. Created once in `activate`; creating it loads no core.
import * as vscode from 'vscode';
import { AnalysisService } from './analysisService';
import { ModelChoice } from './modelChoice';
import { WorkspaceCosts } from './workspaceCosts';

export interface Ctx {
  context: vscode.ExtensionContext;
  analysis: AnalysisService;
  models: ModelChoice;
  workspaceCosts: WorkspaceCosts;
  /** docs/rules.md inside the extension; diagnostics link to `#<rule-id>`. */
  rulesDocs: vscode.Uri;
}

export function createCtx(context: vscode.ExtensionContext): Ctx {
  const models = new ModelChoice(context.workspaceState);
  const analysis = new AnalysisService(models);
  const workspaceCosts = new WorkspaceCosts(analysis);
  context.subscriptions.push(models, analysis, workspaceCosts);
  return {
    context,
    analysis,
    models,
    workspaceCosts,
    rulesDocs: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'),
  };
}
