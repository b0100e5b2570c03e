// Minimal CodeLens: the exact o200k_base token count of the document. The analysis issue replaces
// this with the full cost lens. The tokenizer module is loaded on first use so activation stays cheap.
import * as vscode from 'vscode';

export const PROMPT_SELECTOR: vscode.DocumentSelector = [
  { language: 'prompt' },
  { pattern: '**/*.{prompty,prompt,prompt.txt,jinja,j2,hbs,mustache}' },
];

class TokenCountLens implements vscode.CodeLensProvider {
  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const { getEncoding } = await import('js-tiktoken');
    const count = getEncoding('o200k_base').encode(document.getText(), [], []).length;
    const title = `${count.toLocaleString('en-US')} tokens (o200k_base)`;
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: '' })];
  }
}

export function registerCodeLens(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.languages.registerCodeLensProvider(PROMPT_SELECTOR, new TokenCountLens()));
}
