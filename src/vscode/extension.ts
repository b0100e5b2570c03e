// Entry point of the extension: it only wires features together. Each feature module registers
// its own providers and pushes every disposable onto the context, so this file reads like a
// table of contents of what the extension does.
import * as vscode from 'vscode';
import { registerCodeLens } from './codeLens';
import { log } from './log';
import { registerPlayground } from './playground';

export function activate(context: vscode.ExtensionContext): void {
  const features: Array<[string, (context: vscode.ExtensionContext) => void]> = [
    ['CodeLens', registerCodeLens],
    ['Playground', registerPlayground],
  ];
  for (const [name, register] of features) {
    try {
      register(context);
    } catch (err) {
      // One broken feature must not take the others down; the user is told which one failed.
      log.error(`${name} failed to start`, err);
      void vscode.window.showErrorMessage(`Prompt Cost Lens: ${name} failed to start: ${String(err)}`);
    }
  }
}

export function deactivate(): void {}
