// Quick-fixes for our diagnostics, found by their code (the rule id): the core's fix for the finding
// (reorder dynamic blocks to the end, or add a cache breakpoint), marked preferred, and "suppress
// this rule for this file" with the format's own comment. Each fix is one WorkspaceEdit computed by
// the core from the current text, so it equals `prompt-cost fix` and one undo reverts it.
import * as vscode from 'vscode';
import type { FixKind, RuleId } from '../core/types';
import { ruleOf, toWorkspaceEdit } from './convert';
import type { Ctx } from './ctx';
import { PROMPT_SELECTOR } from './promptFiles';

const FIX_TITLES: Record<FixKind, string> = {
  reorder: 'Move dynamic blocks after the static content',
  'add-breakpoint': 'Add a cache breakpoint after the static content',
};

class FixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly ctx: Ctx) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => ruleOf(d) !== undefined);
    if (ours.length === 0) return [];
    const analysis = await this.ctx.analysis.analysis(document);
    if (!analysis) return [];
    const { report } = analysis;
    const core = this.ctx.analysis.core;
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    const offered = new Set<string>();
    for (const diagnostic of ours) {
      const rule = ruleOf(diagnostic) as RuleId;
      const start = document.offsetAt(diagnostic.range.start);
      const finding =
        report.findings.find((f) => f.rule === rule && f.start === start) ?? report.findings.find((f) => f.rule === rule);
      if (finding?.fix && !offered.has(finding.fix)) {
        offered.add(finding.fix);
        const edits = await core.call('computeFix', text, report, finding.fix, document.uri.path);
        if (edits.length > 0) {
          const action = new vscode.CodeAction(FIX_TITLES[finding.fix], vscode.CodeActionKind.QuickFix);
          action.edit = toWorkspaceEdit(document, edits);
          action.diagnostics = ours.filter((d) => ruleOf(d) === rule);
          action.isPreferred = true;
          actions.push(action);
        }
      } else if (finding?.fixUnavailable && !offered.has(`why:${rule}`)) {
        offered.add(`why:${rule}`);
        const action = new vscode.CodeAction(`No automatic fix for ${rule}`, vscode.CodeActionKind.QuickFix);
        action.disabled = { reason: finding.fixUnavailable };
        actions.push(action);
      }
      if (!offered.has(`suppress:${rule}`)) {
        offered.add(`suppress:${rule}`);
        const edit = await core.call('suppressionFix', text, rule, { fileName: document.uri.path, syntax: report.syntax });
        if (edit) {
          const action = new vscode.CodeAction(`Suppress ${rule} for this file`, vscode.CodeActionKind.QuickFix);
          action.edit = toWorkspaceEdit(document, [edit]);
          action.diagnostics = ours.filter((d) => ruleOf(d) === rule);
          actions.push(action);
        }
      }
    }
    return actions;
  }
}

export function registerCodeActions(ctx: Ctx): void {
  ctx.context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(PROMPT_SELECTOR, new FixProvider(ctx), {
      providedCodeActionKinds: FixProvider.kinds,
    }),
  );
}
