// The analysis of every prompt file in the workspace (by the include globs), for the Prompt Costs
// view and the cost report. Files are analysed one at a time with a yield in between, cached until
// they change on disk, and only once someone asks (the view opens or the report runs).
import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { onDidChangeSettings, readSettings } from './config';
import type { ReportSummary } from './labels';
import { findPromptFiles } from './promptFiles';

/** Files above this size are listed but not analysed from the view (open them to analyse). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const REFRESH_DELAY_MS = 500;

export interface PromptCost {
  uri: vscode.Uri;
  report?: ReportSummary;
  /** Why the file has no report (too large, not UTF-8 text, unreadable). */
  error?: string;
}

export class WorkspaceCosts implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly cache = new Map<string, PromptCost>();
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private scan: Promise<PromptCost[]> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Fires when the list may have changed (a file changed, settings changed, a refresh). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly analysis: AnalysisService) {
    onDidChangeSettings(() => this.refresh(), this.disposables);
  }

  /** All prompt files, most expensive per month first; files without a report come last. */
  list(): Promise<PromptCost[]> {
    this.watch();
    this.scan ??= this.collect().finally(() => (this.scan = undefined));
    return this.scan;
  }

  /** Forgets every cached analysis (after a settings change or on request). */
  refresh(): void {
    this.cache.clear();
    this.unwatch();
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unwatch();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async collect(): Promise<PromptCost[]> {
    const uris = await findPromptFiles();
    const result: PromptCost[] = [];
    for (const uri of uris) {
      const key = uri.toString();
      let entry = this.cache.get(key);
      if (!entry) {
        entry = await this.analyse(uri);
        this.cache.set(key, entry);
        // Let the extension host breathe between files.
        await new Promise((resolve) => setImmediate(resolve));
      }
      result.push(entry);
    }
    return result.sort(byMonthlyCost);
  }

  private async analyse(uri: vscode.Uri): Promise<PromptCost> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) return { uri, error: 'larger than 10 MB: open it to analyse' };
      const bytes = await vscode.workspace.fs.readFile(uri);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return { uri, error: 'not UTF-8 text' };
      }
      const report = await this.analysis.analyseText(uri, text);
      return report ? { uri, report } : { uri, error: 'analysis failed (see the Prompt Cost Lens log)' };
    } catch (err) {
      return { uri, error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Watches the include globs once the list is in use; a change drops that file's entry. */
  private watch(): void {
    if (this.watchers.length > 0) return;
    const invalidate = (uri: vscode.Uri): void => {
      this.cache.delete(uri.toString());
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changed.fire(), REFRESH_DELAY_MS);
    };
    for (const glob of readSettings().include) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      watcher.onDidChange(invalidate);
      watcher.onDidCreate(invalidate);
      watcher.onDidDelete(invalidate);
      this.watchers.push(watcher);
    }
  }

  private unwatch(): void {
    vscode.Disposable.from(...this.watchers).dispose();
    this.watchers = [];
  }
}

function byMonthlyCost(a: PromptCost, b: PromptCost): number {
  const cost = (e: PromptCost): number => e.report?.cost.monthly ?? -1;
  return cost(b) - cost(a) || a.uri.path.localeCompare(b.uri.path);
}
