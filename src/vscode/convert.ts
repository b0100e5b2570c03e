// The edge between the core's offsets and VS Code's objects. The core never sees a Range; features
// never compute positions themselves.
import * as vscode from 'vscode';
import type { Finding, Severity, Span, TextEdit } from '../core/types';
import type { TextSource } from './workerClient';

/** A core span as a Range in `document` (offsets are UTF-16, like `positionAt`). */
export function toRange(document: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

/**
 * The document's text for the analysis worker, read a range at a time. A read after the document
 * changed throws: the pieces would mix two versions.
 */
export function textSource(document: vscode.TextDocument): TextSource {
  const version = document.version;
  return {
    length: document.offsetAt(document.lineAt(document.lineCount - 1).range.end),
    read(start, end) {
      if (document.version !== version) throw new Error('the document changed while it was being sent');
      return document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end)));
    },
  };
}

/** A VS Code content change as a core text edit against the text before the change. */
export function toCoreEdit(change: vscode.TextDocumentContentChangeEvent): TextEdit {
  return { start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, newText: change.text };
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Diagnostic source, shown in the Problems panel and used by quick-fixes to find our diagnostics. */
export const DIAGNOSTIC_SOURCE = 'prompt-cost';

/** A finding as a diagnostic whose code is the rule id, linked to its documentation. */
export function toDiagnostic(document: vscode.TextDocument, finding: Finding, docsUri: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(document, finding), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: docsUri.with({ fragment: finding.rule }) };
  return diagnostic;
}

/** The rule id of one of our diagnostics, or undefined for anybody else's. */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Core edits (all against the same original text) as one WorkspaceEdit, so one undo reverts them. */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  edit.set(
    document.uri,
    edits.map((e) => vscode.TextEdit.replace(toRange(document, e), e.newText)),
  );
  return edit;
}
