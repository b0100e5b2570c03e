// The playground command in a real extension host: it is registered, opens one webview panel on the
// prompt it is given, and follows the next prompt in that same panel instead of opening another.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openWorkspaceFile, waitFor, workspaceUri } from '../helpers';

const COMMAND = 'promptCostLens.openPlayground';

function playgroundTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('promptCostLens.playground'));
}

describe('Playground command', () => {
  after(async () => {
    for (const tab of playgroundTabs()) await vscode.window.tabGroups.close(tab);
  });

  it('is registered', async () => {
    await openWorkspaceFile('rag-answer.j2');
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND));
  });

  it('opens a panel titled with the prompt it was given', async () => {
    await vscode.commands.executeCommand(COMMAND, workspaceUri('rag-answer.j2'));
    const tab = await waitFor('a playground tab', () => playgroundTabs()[0]);
    assert.equal(tab.label, 'Playground: rag-answer.j2');
  });

  it('follows another prompt in the same panel', async () => {
    await openWorkspaceFile('support-agent.prompty');
    await vscode.commands.executeCommand(COMMAND);
    await waitFor('the panel to follow the active prompt', () =>
      playgroundTabs().some((t) => t.label === 'Playground: support-agent.prompty') ? true : undefined,
    );
    assert.equal(playgroundTabs().length, 1);
  });
});
