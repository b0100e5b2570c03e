// Highlighting of what a provider can cache: the static prefix (background, gutter bar, overview ruler),
// dynamic and volatile segments, and a marker at the line where the cacheable prefix ends. The
// decoration types are made once; only visible editors are updated, from the service's (debounced)
// analyses, and every update sets every type.
import * as vscode from 'vscode';
import type { AnalysisReport, Span } from '../core/types';
import type { Analysis } from './analysisService';
import { onDidChangeSettings, readSettings } from './config';
import { toRange } from './convert';
import type { Ctx } from './ctx';
import { prefixEndLabel } from './labels';

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
    const report = analysis && readSettings(editor.document.uri).highlightingEnabled ? analysis.report : undefined;
    const document = editor.document;
    const ranges = (spans: Span[]): vscode.Range[] => spans.map((s) => toRange(document, s));
    editor.setDecorations(types.prefix, report ? ranges(prefixSpans(report)) : []);
    editor.setDecorations(types.dynamic, report ? ranges(report.segments.filter((s) => s.kind === 'dynamic')) : []);
    editor.setDecorations(types.volatile, report ? ranges(report.segments.filter((s) => s.kind === 'volatile')) : []);
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
  vscode.window.onDidChangeVisibleTextEditors(paintAll, undefined, subscriptions);
  onDidChangeSettings(paintAll, subscriptions);
}

/** Sent static text (and role markers) before the prefix end, merged into contiguous spans. */
export function prefixSpans(report: AnalysisReport): Span[] {
  const spans: Span[] = [];
  for (const s of report.segments) {
    if (s.start >= report.prefix.end) break;
    if (s.kind !== 'static' && s.kind !== 'role' && s.kind !== 'structure') continue;
    const end = Math.min(s.end, report.prefix.end);
    const last = spans.at(-1);
    if (last && last.end === s.start) last.end = end;
    else spans.push({ start: s.start, end });
  }
  return spans;
}

function prefixEndMarker(document: vscode.TextDocument, report: AnalysisReport): vscode.DecorationOptions[] {
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
