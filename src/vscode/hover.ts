// Hover on a variable, dynamic block or volatile literal: its tokens, where it sits, and what moving
// it after the static content would save per 1,000 requests. The worker holds the segments, so it
// builds the hover.
import * as vscode from 'vscode';
import { toRange } from './convert';
import type { Ctx } from './ctx';
import { PROMPT_SELECTOR } from './promptFiles';

export function registerHover(ctx: Ctx): void {
  const provider: vscode.HoverProvider = {
    async provideHover(document, position) {
      const analysis = await ctx.analysis.analysis(document);
      if (!analysis) return undefined;
      const hover = await ctx.analysis.hover(document, document.offsetAt(position));
      if (!hover) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(hover.lines.join('\n\n')), toRange(document, hover));
    },
  };
  ctx.context.subscriptions.push(vscode.languages.registerHoverProvider(PROMPT_SELECTOR, provider));
}
