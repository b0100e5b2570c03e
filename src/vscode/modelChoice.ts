// The model the user picked for this workspace (workspace state, not settings: a choice made in the
// picker should not dirty settings.json). A template's own `model:` front matter still wins.
import * as vscode from 'vscode';

const KEY = 'promptCostLens.model';

export class ModelChoice {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(): string | undefined {
    return this.state.get<string>(KEY);
  }

  async set(model: string | undefined): Promise<void> {
    await this.state.update(KEY, model);
    this.changed.fire(model);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
