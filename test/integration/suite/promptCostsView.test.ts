// The Prompt Costs view follows the files on disk: a prompt file created, rewritten and deleted
// through the workspace file system shows up in the tree, changes its cost and goes away, each time
// after the view's file watcher has told the tree to refresh. The tree is read through the data
// provider the extension exports; costs are checked against the CLI.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../../src/core/types';
import type { PromptCostLensApi } from '../../../src/vscode/extension';
import { formatTokens, formatUsd } from '../../../src/vscode/labels';
import type { PromptCost } from '../../../src/vscode/workspaceCosts';
import { openWorkspaceFile, EXTENSION_ID, waitFor, workspaceUri } from '../helpers';

const CLI = path.join(path.resolve(workspaceUri().fsPath, '..'), 'dist', 'cli.js');
/** Unlikely to clash with an example; removed again after the suite. */
const FILE = 'zz-watched-by-the-view.prompt.md';

function cliReport(file: string, model: string): AnalysisReport {
  const out = execFileSync(process.execPath, [CLI, 'analyze', '--format', 'json', '--model', model, file], { encoding: 'utf8' });
  return (JSON.parse(out) as { files: AnalysisReport[] }).files[0]!;
}

/** A prompt of about `sentences` sentences of plain static text. */
function promptText(sentences: number): string {
  const body = Array.from({ length: sentences }, (_, i) => `Rule ${i + 1}: answer the customer politely, cite the policy section, and never promise a refund.`);
  return `---\ndescription: 'A prompt the Prompt Costs view must follow'\n---\n\n# Watched prompt\n\n${body.join('\n')}\n\nThe question: \${input:question}\n`;
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('Prompt Costs view follows file changes', () => {
  const uri = workspaceUri(FILE);
  let tree: vscode.TreeDataProvider<PromptCost>;
  let refreshes = 0;
  let subscription: vscode.Disposable | undefined;

  const children = async (): Promise<PromptCost[]> => (await tree.getChildren()) ?? [];
  const entryOf = async (): Promise<PromptCost | undefined> =>
    (await children()).find((e) => e.uri.toString() === uri.toString());
  /** Resolves once the tree has been told to refresh after `since` refreshes. */
  const refreshAfter = (since: number, what: string): Promise<true> =>
    waitFor(`the view to refresh after ${what}`, () => (refreshes > since ? true : undefined), 15_000);

  /** The tree item shows the CLI's monthly cost and token count for the file as it is on disk now. */
  async function assertItemMatchesCli(entry: PromptCost): Promise<AnalysisReport> {
    assert.ok(entry.report, `analysed: ${entry.error ?? ''}`);
    const expected = cliReport(uri.fsPath, entry.report.model);
    const item = await tree.getTreeItem(entry);
    assert.equal(item.label, FILE);
    assert.equal(item.resourceUri?.toString(), uri.toString());
    const description = String(item.description);
    assert.ok(
      description.startsWith(`${formatUsd(expected.cost.monthly)}/mo · ${formatTokens(expected.tokens.total, expected.tokens.exact)} tok · `),
      `description "${description}" vs the CLI's ${formatUsd(expected.cost.monthly)}/mo, ${expected.tokens.total} tok`,
    );
    return expected;
  }

  before(async () => {
    await openWorkspaceFile('support-agent.prompty');
    const api = vscode.extensions.getExtension<PromptCostLensApi>(EXTENSION_ID)!.exports;
    assert.ok(api.promptCosts, 'the extension exports the Prompt Costs tree');
    tree = api.promptCosts;
    assert.ok(tree.onDidChangeTreeData, 'the tree announces changes');
    subscription = tree.onDidChangeTreeData(() => refreshes++);
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    // The first listing starts the view's file watcher.
    const initial = await children();
    assert.ok(initial.length > 0, 'the examples are listed');
    assert.equal(await entryOf(), undefined);
  });

  after(async () => {
    subscription?.dispose();
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  let created: AnalysisReport;

  it('lists a new prompt file with its cost', async () => {
    const since = refreshes;
    await vscode.workspace.fs.writeFile(uri, encode(promptText(20)));
    await refreshAfter(since, 'the file was created');
    const entry = await waitFor('the new file in the tree', entryOf);
    created = await assertItemMatchesCli(entry);
    assert.ok(created.cost.monthly > 0, 'the file costs something');
  });

  it('shows the new cost when the file changes', async () => {
    assert.ok(created, 'the previous test created the file');
    const since = refreshes;
    await vscode.workspace.fs.writeFile(uri, encode(promptText(80)));
    await refreshAfter(since, 'the file was rewritten');
    // Only a watcher that drops the cached analysis lets the tree show the larger file.
    const entry = await waitFor('the tree to show the larger file', async () => {
      const e = await entryOf();
      return e?.report && e.report.tokens.total > created.tokens.total ? e : undefined;
    });
    const changed = await assertItemMatchesCli(entry);
    // The larger prompt reaches the cache minimum, so it may cost less per month; it must differ.
    assert.notEqual(changed.cost.monthly, created.cost.monthly);
  });

  it('drops the file when it is deleted', async () => {
    const since = refreshes;
    await vscode.workspace.fs.delete(uri);
    await refreshAfter(since, 'the file was deleted');
    await waitFor('the file to leave the tree', async () => ((await entryOf()) ? undefined : true));
    assert.ok((await children()).length > 0, 'the other prompts are still listed');
  });
});
