// Hover on a variable, dynamic block or volatile literal: its tokens, where it sits, and what moving
// it after the static content would save per 1,000 requests.
import * as vscode from 'vscode';
import { toRange } from './convert';
import type { Ctx } from './ctx';
import { segmentHoverLines } from './labels';
import { PROMPT_SELECTOR } from './promptFiles';

export function registerHover(ctx: Ctx): void {
  const provider: vscode.HoverProvider = {
    async provideHover(document, position) {
      const analysis = await ctx.analysis.analysis(document);
      if (!analysis) return undefined;
      const offset = document.offsetAt(position);
      const segment = analysis.report.segments.find(
        (s) => (s.kind === 'dynamic' || s.kind === 'volatile') && s.start <= offset && offset < s.end,
      );
      if (!segment) return undefined;
      const markdown = new vscode.MarkdownString(segmentHoverLines(analysis.report, segment).join('\n\n'));
      return new vscode.Hover(markdown, toRange(document, segment));
    },
  };
  ctx.context.subscriptions.push(vscode.languages.registerHoverProvider(PROMPT_SELECTOR, provider));
}
