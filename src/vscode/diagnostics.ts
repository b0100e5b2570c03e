// Findings in the Problems panel: the rule id is the diagnostic code, linked to docs/rules.md.
// Diagnostics follow each analysis and are cleared when the document closes.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import type { Ctx } from './ctx';

export function registerDiagnostics(ctx: Ctx): void {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const subscriptions = ctx.context.subscriptions;
  subscriptions.push(collection);
  ctx.analysis.onDidAnalyze(
    ({ document, report }) => {
      collection.set(
        document.uri,
        report.findings.map((f) => toDiagnostic(document, f, ctx.rulesDocs)),
      );
    },
    undefined,
    subscriptions,
  );
  ctx.analysis.onDidForget((uri) => collection.delete(uri), undefined, subscriptions);
}
