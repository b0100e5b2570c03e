// The walkthrough's "open an example" links open the examples/ folder of the workspace (`npm start`
// serves it); the examples are not shipped inside the extension.
import * as vscode from 'vscode';

export async function openExample(name: string): Promise<void> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const uri of [vscode.Uri.joinPath(folder.uri, name), vscode.Uri.joinPath(folder.uri, 'examples', name)]) {
      try {
        await vscode.workspace.fs.stat(uri);
        await vscode.window.showTextDocument(uri);
        return;
      } catch {
        // Not here; try the next place.
      }
    }
  }
  void vscode.window.showWarningMessage(
    `Prompt Cost Lens: ${name} is one of the examples in the project's examples/ folder; open that folder to try it.`,
  );
}
