// The Cost report command: analyses every prompt file, applies the core's fix to each that has one,
// and opens a Markdown report of the five largest monthly savings.
import * as vscode from 'vscode';
import type { FixKind } from '../core/types';
import type { Ctx } from './ctx';
import { showMarkdown } from './markdownView';
import { costReportMarkdown, type Opportunity } from './reportMarkdown';

/** Fix kinds in the order they are tried for a file's saving. */
const FIX_ORDER: FixKind[] = ['reorder', 'add-breakpoint'];

/** Builds the report; returns its Markdown (the integration test reads it) after opening the preview. */
export async function showCostReport(ctx: Ctx): Promise<string> {
  const markdown = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Prompt Cost Lens: analysing prompt files…' },
    async () => costReportMarkdown(await opportunities(ctx), new Date()),
  );
  await showMarkdown('Cost report.md', markdown);
  return markdown;
}

async function opportunities(ctx: Ctx): Promise<Opportunity[]> {
  const result: Opportunity[] = [];
  for (const entry of await ctx.workspaceCosts.list()) {
    const report = entry.report;
    if (!report) continue;
    const path = vscode.workspace.asRelativePath(entry.uri);
    const kind = FIX_ORDER.find((k) => report.findings.some((f) => f.fix === k));
    const rule = report.findings.find((f) => f.fix === kind)?.rule;
    if (!kind || !rule) {
      result.push({ path, report });
      continue;
    }
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(entry.uri));
    const fixedText = await ctx.analysis.core.call('fixedText', text, report, kind, entry.uri.path);
    const fixed = await ctx.analysis.analyseText(entry.uri, fixedText);
    result.push(fixed ? { path, report, fix: { kind, rule, report: fixed } } : { path, report });
  }
  return result;
}
