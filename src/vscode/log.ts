// The one logger of the extension: an output channel. Nothing else writes to the console.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

function out(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Prompt Cost Lens', { log: true });
  return channel;
}

export const log = {
  info: (message: string): void => out().info(message),
  warn: (message: string): void => out().warn(message),
  error: (message: string, err?: unknown): void =>
    out().error(err === undefined ? message : `${message}: ${err instanceof Error ? err.message : String(err)}`),
};

/** The logger's shape, for bundles loaded later (the playground backend) that must share this channel. */
export type Log = typeof log;
