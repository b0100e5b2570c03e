// Highlighting of what a provider can cache: the static prefix (background, gutter bar, overview ruler),
// dynamic and volatile segments, and a marker at the line where the cacheable prefix ends. The
// decoration types are made once; only visible editors are updated, from the service's (debounced)
// analyses, and every update sets every type.
import * as vscode from 'vscode';
import type { Span } from '../core/types';
import type { Analysis } from './analysisService';
import { onDidChangeSettings, readSettings } from './config';
import { toRange } from './convert';
import type { Ctx } from './ctx';
import { prefixEndLabel, type ReportSummary } from './labels';

const color = (id: string): vscode.ThemeColor => new vscode.ThemeColor(`promptCostLens.${id}`);

function createTypes(extensionUri: vscode.Uri): Record<'prefix' | 'dynamic' | 'volatile' | 'prefixEnd', vscode.TextEditorDecorationType> {
  const gutter = (theme: string): vscode.Uri => vscode.Uri.joinPath(extensionUri, 'media', `prefix-gutter-${theme}.svg`);
  return {
    prefix: vscode.window.createTextEditorDecorationType({
      backgroundColor: color('prefixBackground'),
      overviewRulerColor: color('prefixRuler'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      light: { gutterIconPath: gutter('light'), gutterIconSize: 'contain' },
      dark: { gutterIconPath: gutter('dark'), gutterIconSize: 'contain' },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
    dynamic: vscode.window.createTextEditorDecorationType({
      backgroundColor: color('dynamicBackground'),
      border: '1px solid',
      borderColor: color('dynamicBorder'),
      borderRadius: '2px',
      overviewRulerColor: color('dynamicRuler'),
      overviewRulerLane: vscode.OverviewRulerLane.Center,
    }),
    volatile: vscode.window.createTextEditorDecorationType({
      backgroundColor: color('volatileBackground'),
      textDecoration: 'underline wavy',
      overviewRulerColor: color('volatileRuler'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    }),
    prefixEnd: vscode.window.createTextEditorDecorationType({
      after: { color: color('prefixEndForeground'), margin: '0 0 0 2em', fontStyle: 'italic' },
      isWholeLine: true,
    }),
  };
}

export function registerDecorations(ctx: Ctx): void {
  const types = createTypes(ctx.context.extensionUri);
  const subscriptions = ctx.context.subscriptions;
  subscriptions.push(...Object.values(types));

  const paint = (editor: vscode.TextEditor, analysis: Analysis | undefined): void => {
    const document = editor.document;
    const enabled = readSettings(document.uri).highlightingEnabled;
    const report = enabled ? analysis?.report : undefined;
    const spans = !enabled ? undefined : (analysis?.spans ?? ctx.analysis.outline(document));
    const ranges = (list: readonly Span[] | undefined): vscode.Range[] => (list ?? []).map((s) => toRange(document, s));
    editor.setDecorations(types.prefix, ranges(spans?.prefix));
    editor.setDecorations(types.dynamic, ranges(spans?.dynamic));
    editor.setDecorations(types.volatile, ranges(spans?.volatile));
    editor.setDecorations(types.prefixEnd, report ? prefixEndMarker(document, report) : []);
  };
  const paintAll = (): void => {
    for (const editor of vscode.window.visibleTextEditors) paint(editor, ctx.analysis.latest(editor.document));
  };

  ctx.analysis.onDidAnalyze(
    (analysis) => {
      for (const editor of vscode.window.visibleTextEditors) {
        if (editor.document === analysis.document) paint(editor, analysis);
      }
    },
    undefined,
    subscriptions,
  );
  // A large document is painted from its outline first, while its tokens are still being counted.
  ctx.analysis.onDidOutline(
    (document) => {
      for (const editor of vscode.window.visibleTextEditors) {
        if (editor.document === document) paint(editor, undefined);
      }
    },
    undefined,
    subscriptions,
  );
  vscode.window.onDidChangeVisibleTextEditors(paintAll, undefined, subscriptions);
  onDidChangeSettings(paintAll, subscriptions);
}

function prefixEndMarker(document: vscode.TextDocument, report: ReportSummary): vscode.DecorationOptions[] {
  if (report.prefix.tokens === 0) return [];
  // The marker goes on the line of the prefix's last character.
  const line = document.positionAt(Math.max(0, report.prefix.end - 1)).line;
  return [
    {
      range: document.lineAt(line).range,
      renderOptions: { after: { contentText: prefixEndLabel(report) } },
    },
  ];
}
