// Helpers for suite files: open workspace files, wait for a condition, read what the extension
// provides through the public `vscode` API. Suite files run inside the extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export { waitFor } from '../waitFor';

export const EXTENSION_ID = 'prompt-cost-lens.prompt-cost-lens';

/** The workspace folder the launcher opened (examples/). */
export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the launcher must open a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Opens a workspace file in an editor and makes sure the extension is active. */
export async function openWorkspaceFile(...segments: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  const editor = await vscode.window.showTextDocument(document);
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
  await extension.activate();
  return editor;
}

/** The CodeLenses VS Code would show for a document, with their titles resolved. */
export async function codeLensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return (lenses ?? []).map((lens) => lens.command?.title ?? '').filter((title) => title !== '');
}
