// Nothing leaves the machine unless the user runs a request: while every example is opened and the
// analysis commands run, no TCP connection is opened from this extension host. Node publishes each
// client socket it creates on the `net.client.socket` diagnostics channel (fetch/undici, http and
// net all go through it), so the recorder sees connections whatever library would make them.
// Limits: subscription starts when this file runs, after activation; worker threads are not watched.
import * as assert from 'node:assert/strict';
import * as diagnostics from 'node:diagnostics_channel';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import * as vscode from 'vscode';
import { codeLensTitles, openWorkspaceFile, waitFor, workspaceUri } from '../helpers';

const COMMANDS = ['promptCostLens.refreshPromptCosts', 'promptCostLens.showBreakdown', 'promptCostLens.toggleHighlighting', 'promptCostLens.toggleHighlighting', 'promptCostLens.costReport'];

describe('No network traffic without a request', () => {
  const connections: string[] = [];
  const onSocket = (message: unknown): void => {
    const socket = (message as { socket: Socket }).socket;
    // A pipe or Unix socket (the workbench's own IPC) has no remote port once connected; TCP does.
    socket.once('connect', () => {
      if (socket.remotePort !== undefined) connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
    });
  };
  before(() => diagnostics.subscribe('net.client.socket', onSocket));
  after(() => diagnostics.unsubscribe('net.client.socket', onSocket));

  it('the recorder sees a fetch from this host (so an empty record means no connection)', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), 'ok');
      await waitFor('the recorded connection', () => (connections.some((c) => c.endsWith(`:${port}`)) ? true : undefined), 5_000);
    } finally {
      server.close();
      connections.length = 0;
    }
  });

  it('opens every example and runs the analysis commands without opening a connection', async function () {
    this.timeout(180_000);
    const examples = fs.readdirSync(workspaceUri().fsPath).filter((f) => !f.startsWith('.'));
    assert.ok(examples.length >= 5, `examples: ${examples.join(', ')}`);
    for (const file of examples) {
      const editor = await openWorkspaceFile(file);
      await waitFor(`a CodeLens on ${file}`, async () => ((await codeLensTitles(editor.document.uri)).length > 0 ? true : undefined), 60_000);
      for (const command of COMMANDS) {
        // A command that waits on the user (a quick pick) must not hold the test: give each a moment.
        await Promise.race([vscode.commands.executeCommand(command), new Promise((resolve) => setTimeout(resolve, 2_000))]);
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      }
    }
    // Anything asynchronous the commands started has had time to connect.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual(connections, []);
  });
});
