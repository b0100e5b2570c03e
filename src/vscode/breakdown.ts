// The detailed cost breakdown of one prompt (the CodeLens title opens it): tokens, prefix, the cost
// model, messages, findings, and the same prompt priced with the models to compare.
import * as vscode from 'vscode';
import { LARGE_DOCUMENT } from './analysisService';
import { readSettings } from './config';
import type { Ctx } from './ctx';
import type { ReportSummary } from './labels';
import { showMarkdown } from './markdownView';
import { breakdownMarkdown } from './reportMarkdown';

export async function showBreakdown(ctx: Ctx, uri?: vscode.Uri): Promise<void> {
  const document = uri
    ? await vscode.workspace.openTextDocument(uri)
    : vscode.window.activeTextEditor?.document;
  if (!document) return;
  const analysis = await ctx.analysis.analysis(document);
  if (!analysis) {
    void vscode.window.showInformationMessage('Prompt Cost Lens: this file is not a prompt (see the include setting).');
    return;
  }
  const path = vscode.workspace.asRelativePath(document.uri);
  const name = path.split('/').at(-1) ?? path;
  const markdown = breakdownMarkdown(path, analysis.report, await compared(ctx, document, analysis.report));
  await showMarkdown(`Cost breakdown: ${name}.md`, markdown);
}

/** The prompt analysed with each `compareModels` model (skipped for very large documents). */
async function compared(ctx: Ctx, document: vscode.TextDocument, report: ReportSummary): Promise<ReportSummary[]> {
  const text = document.getText();
  if (text.length > LARGE_DOCUMENT) return [];
  const result: ReportSummary[] = [];
  for (const model of readSettings(document.uri).compareModels) {
    if (model === report.model) continue;
    const other = await ctx.analysis.analyseText(document.uri, text, model);
    if (other && other.model === model) result.push(other);
  }
  return result;
}
