// The editor's side of exact Claude counts: reads the opt-in (a restricted setting, honoured only in a
// trusted workspace) and the stored key, and remembers one result per document version and model.
// The SDK and the renderer load from their own bundle (dist/claudeCount.js) on the first count, never
// when the setting is off.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExactCountResult } from './claudeCount';
import { isClaudeModel } from '../core/tokens/models';
import { readSettings } from './config';
import { log } from './log';
import { getApiKey } from './secrets';

const COUNT_DELAY_MS = 1000;

interface Entry {
  key: string;
  result: ExactCountResult | undefined;
}

export class ExactCounts {
  private readonly entries = new Map<string, Entry>();
  private module: typeof import('./claudeCount') | undefined;

  /** `onDidCount` is called when a count that was pending arrives. */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly onDidCount: () => void,
  ) {}

  /**
   * The known result for this document version and model, starting the count if there is none yet
   * (undefined until it arrives). Off: no setting read beyond the opt-in, no bundle loaded, no request.
   */
  get(document: vscode.TextDocument, model: string): ExactCountResult | undefined {
    if (!isClaudeModel(model) || !vscode.workspace.isTrusted || !readSettings(document.uri).exactClaudeCounts) return { kind: 'off' };
    const uri = document.uri.toString();
    const key = `${document.version}:${model}`;
    const entry = this.entries.get(uri);
    if (entry?.key === key) return entry.result;
    const fresh: Entry = { key, result: undefined };
    this.entries.set(uri, fresh);
    // Counted once typing pauses: each distinct text is one request to a rate-limited endpoint.
    setTimeout(() => {
      if (this.entries.get(uri) !== fresh) return;
      void this.count(document, model).then((result) => {
        if (this.entries.get(uri) !== fresh) return;
        fresh.result = result;
        if (result.kind === 'estimate') log.warn(`exact Claude count of ${document.uri.fsPath}: ${result.reason}`);
        this.onDidCount();
      });
    }, COUNT_DELAY_MS);
    return undefined;
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }

  /** Drops every result (a key was set or removed, so a failed or stale count should be asked again). */
  clear(): void {
    this.entries.clear();
  }

  private async count(document: vscode.TextDocument, model: string): Promise<ExactCountResult> {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.module ??= require(path.join(__dirname, 'claudeCount.js')) as typeof import('./claudeCount');
      return await this.module.exactClaudeCount({
        optedIn: true,
        trusted: vscode.workspace.isTrusted,
        model,
        apiKey: await getApiKey(this.secrets, 'anthropic'),
        text: document.getText(),
        fileName: document.fileName,
      });
    } catch (err) {
      log.error('exact Claude count failed', err);
      return { kind: 'estimate', reason: 'count failed' };
    }
  }
}
