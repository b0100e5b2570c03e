// The playground's HTML shell: a strict Content Security Policy (scripts only with this load's nonce,
// styles and fonts only from the extension, nothing remote, no eval, no inline handlers) and the two
// bundled files from dist/webview.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Folders the webview may load from: the bundle and the extension's media, nothing else. */
export function playgroundResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function playgroundHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${asset('main.css')}">
<title>Prompt Cost Playground</title>
</head>
<body data-running="false">
<main id="root" aria-label="Prompt Cost Playground"></main>
<script nonce="${nonce}" src="${asset('main.js')}"></script>
</body>
</html>`;
}
