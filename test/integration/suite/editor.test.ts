// The editor features in a real extension host, checked against the CLI (`dist/cli.js`), which runs
// the same core outside VS Code: lens numbers, rule ids, quick-fix text, the Prompt Costs order, and
// what happens with invalid settings.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../../src/core/types';
import type { PromptCostLensApi } from '../../../src/vscode/extension';
import { documentLensTitle, formatUsd } from '../../../src/vscode/labels';
import { codeLensTitles, EXTENSION_ID, openWorkspaceFile, waitFor, workspaceUri } from '../helpers';

const ROOT = path.resolve(workspaceUri().fsPath, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const EXAMPLES = workspaceUri().fsPath;
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');

/** Runs `prompt-cost` and returns its stdout (the CLI exits 0 without --fail-on). */
function cli(...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The CLI's JSON report of one file analysed with `model`. */
function cliReport(file: string, model: string): AnalysisReport {
  return (JSON.parse(cli('analyze', '--format', 'json', '--model', model, file)) as { files: AnalysisReport[] }).files[0]!;
}

async function open(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(document);
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  return editor;
}

/** The document lens title, once the analysis is there. */
async function documentLens(uri: vscode.Uri): Promise<string> {
  return waitFor('the cost CodeLens', async () => (await codeLensTitles(uri)).find((t) => / tok · prefix /.test(t)));
}

/** The model a document lens names (its last part). */
function lensModel(title: string): string {
  return title.split(' · ').at(-1)!;
}

function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'prompt-cost');
}

function ruleOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

const EXAMPLE_FILES = fs.readdirSync(EXAMPLES).filter((f) => fs.statSync(path.join(EXAMPLES, f)).isFile());
const CORPUS_FILES = [
  'contoso-chat--chat.prompty',
  'openhands--system_prompt.j2',
  'awesome-copilot--tldr-prompt.prompt.md',
  'semantic-kernel--65-prompt-override.handlebars',
  'promptflow--chat_variant_2.jinja2',
].map((f) => path.join(CORPUS, f));

describe('editor: CodeLens and diagnostics agree with the CLI', () => {
  for (const file of [...EXAMPLE_FILES.map((f) => path.join(EXAMPLES, f)), ...CORPUS_FILES]) {
    const name = path.basename(file);
    it(`${name}: lens tokens and costs equal \`prompt-cost analyze\``, async () => {
      const editor = await open(file);
      const title = await documentLens(editor.document.uri);
      const expected = documentLensTitle(cliReport(file, lensModel(title)));
      assert.equal(title, expected);
    });

    it(`${name}: diagnostics carry the CLI's rule ids`, async () => {
      const editor = await open(file);
      const title = await documentLens(editor.document.uri);
      const expected = cliReport(file, lensModel(title)).findings.map((f) => f.rule).sort();
      const actual = ourDiagnostics(editor.document.uri).map(ruleOf).sort();
      assert.deepEqual(actual, expected);
      for (const d of ourDiagnostics(editor.document.uri)) {
        const target = typeof d.code === 'object' ? d.code.target : undefined;
        assert.ok(target?.path.endsWith('docs/rules.md') && target.fragment === ruleOf(d), `${ruleOf(d)} links to its docs`);
      }
    });
  }
});

describe('editor: the preferred quick-fix', () => {
  it('leaves exactly the text of `prompt-cost fix`, and one undo restores the original', async () => {
    // The first example with a finding the core can fix.
    let target: { file: string; rule: string; model: string } | undefined;
    for (const f of EXAMPLE_FILES) {
      const file = path.join(EXAMPLES, f);
      const editor = await open(file);
      const model = lensModel(await documentLens(editor.document.uri));
      const fixable = cliReport(file, model).findings.find((finding) => finding.fix);
      if (fixable) {
        target = { file, rule: fixable.rule, model };
        break;
      }
    }
    assert.ok(target, 'some example has a fixable finding');
    const editor = await open(target.file);
    const document = editor.document;
    const original = document.getText();
    const diagnostic = await waitFor('the fixable diagnostic', () =>
      ourDiagnostics(document.uri).find((d) => ruleOf(d) === target!.rule),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred?.edit, `a preferred quick-fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(preferred.kind?.contains(vscode.CodeActionKind.QuickFix));
    const expected = cli('fix', '--rule', target.rule, '--model', target.model, target.file);
    try {
      assert.equal(await vscode.workspace.applyEdit(preferred.edit), true);
      assert.equal(document.getText(), expected);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), original);
    } finally {
      if (document.isDirty) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
  });

  it('"suppress for this file" inserts the format\'s comment and the finding goes away', async () => {
    const editor = await openWorkspaceFile('ticket-triage.hbs');
    const document = editor.document;
    await documentLens(document.uri);
    const diagnostic = ourDiagnostics(document.uri)[0];
    assert.ok(diagnostic, 'ticket-triage.hbs has a finding');
    const rule = ruleOf(diagnostic);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const suppress = actions.find((a) => a.title === `Suppress ${rule} for this file`);
    assert.ok(suppress?.edit, `a suppress action among: ${actions.map((a) => a.title).join(', ')}`);
    try {
      assert.equal(await vscode.workspace.applyEdit(suppress.edit), true);
      assert.ok(document.getText().includes(`{{! prompt-cost-disable ${rule} }}`));
      await waitFor(`${rule} to disappear`, () =>
        ourDiagnostics(document.uri).some((d) => ruleOf(d) === rule) ? undefined : true,
      );
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});

describe('editor: Prompt Costs view', () => {
  it('lists the example files in monthly cost order, with the CLI\'s monthly costs', async () => {
    await openWorkspaceFile('support-agent.prompty');
    const entries = await vscode.commands.executeCommand<Array<{ uri: vscode.Uri; model?: string; monthly?: number }>>(
      'promptCostLens.refreshPromptCosts',
    );
    // Every example is a prompt in one of the supported formats.
    assert.deepEqual(
      entries.map((e) => path.basename(e.uri.fsPath)).sort(),
      [...EXAMPLE_FILES].sort(),
      'the view lists every example prompt',
    );
    const monthly = entries.map((e) => e.monthly ?? -1);
    assert.deepEqual(monthly, [...monthly].sort((a, b) => b - a), 'most expensive first');
    for (const entry of entries) {
      assert.ok(entry.model !== undefined && entry.monthly !== undefined, `${entry.uri.fsPath} was analysed`);
      assert.equal(entry.monthly, cliReport(entry.uri.fsPath, entry.model).cost.monthly, entry.uri.fsPath);
    }
  });
});

describe('editor: invalid settings', () => {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('promptCostLens');
  const settingsFile = path.join(EXAMPLES, '.vscode', 'settings.json');
  let hadSettingsFile = false;

  before(() => {
    hadSettingsFile = fs.existsSync(settingsFile);
  });
  after(async () => {
    await config().update('volumePerDay', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('defaultModel', undefined, vscode.ConfigurationTarget.Workspace);
    if (!hadSettingsFile) fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
  });

  it('a negative volume is reported once and the default volume is used', async () => {
    const api = vscode.extensions.getExtension<PromptCostLensApi>(EXTENSION_ID)!.exports;
    const costs = async (): Promise<Array<number | undefined>> =>
      (await vscode.commands.executeCommand<Array<{ monthly?: number }>>('promptCostLens.refreshPromptCosts')).map(
        (e) => e.monthly,
      );
    const before = await costs();
    await config().update('volumePerDay', -5, vscode.ConfigurationTarget.Workspace);
    const withBadVolume = await costs();
    await costs();
    assert.deepEqual(withBadVolume, before, 'costs use the default volume');
    const problems = api.settingsProblems().filter((p) => p.includes('volumePerDay'));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /-5 is not a non-negative number/);
  });

  it('an unknown default model is reported once and the default model is shown', async () => {
    const api = vscode.extensions.getExtension<PromptCostLensApi>(EXTENSION_ID)!.exports;
    await config().update('defaultModel', 'no-such-model-9', vscode.ConfigurationTarget.Workspace);
    const editor = await openWorkspaceFile('rag-answer.j2');
    const title = await waitFor('a lens after the settings change', async () => {
      const t = await documentLens(editor.document.uri);
      return api.settingsProblems().some((p) => p.includes('no-such-model-9')) ? t : undefined;
    });
    assert.equal(lensModel(title), 'claude-sonnet-4-5');
    assert.equal(api.settingsProblems().filter((p) => p.includes('no-such-model-9')).length, 1);
  });
});

describe('editor: hover, breakdown, report, toggle', () => {
  it('hovering a prefix-breaking variable shows its tokens and the saving per 1,000 requests', async () => {
    // The first example whose CLI report has a dynamic-before-static finding with a dollar figure.
    let found: { uri: vscode.Uri; offset: number; usdPer1k: number } | undefined;
    for (const f of EXAMPLE_FILES) {
      const file = path.join(EXAMPLES, f);
      const editor = await open(file);
      const model = lensModel(await documentLens(editor.document.uri));
      const json = JSON.parse(cli('analyze', '--format', 'json', '--model', model, file)) as {
        files: Array<{ findings: Array<{ rule: string; usdPer1k?: number; range: { start: { offset: number } } }> }>;
      };
      const finding = json.files[0]!.findings.find((x) => x.rule === 'dynamic-before-static' && x.usdPer1k !== undefined);
      if (finding) {
        found = { uri: editor.document.uri, offset: finding.range.start.offset, usdPer1k: finding.usdPer1k! };
        break;
      }
    }
    assert.ok(found, 'some example has a dynamic-before-static finding');
    const document = await vscode.workspace.openTextDocument(found.uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      found.uri,
      document.positionAt(found.offset + 1),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /tokens \((dynamic|volatile)\)/);
    assert.ok(text.includes(`${formatUsd(found.usdPer1k)} per 1,000 requests`), text);
  });

  it('the breakdown opens as a Markdown document with the cost model', async () => {
    const editor = await openWorkspaceFile('travel-agent.anthropic.json');
    await documentLens(editor.document.uri);
    await vscode.commands.executeCommand('promptCostLens.showBreakdown', editor.document.uri);
    const breakdown = await waitFor('the breakdown document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'prompt-cost-lens' && d.uri.path.includes('travel-agent')),
    );
    assert.match(breakdown.getText(), /^# Cost breakdown: `travel-agent\.anthropic\.json`/);
    assert.match(breakdown.getText(), /\| Warm \(cache read\) \| \$/);
  });

  it('the cost report ranks savings that match the CLI', async () => {
    const markdown = await vscode.commands.executeCommand<string>('promptCostLens.costReport');
    assert.match(markdown, /^# Prompt cost report/);
    // The CLI's view: for each example with a fix, monthly cost before and after `prompt-cost fix --rule`.
    const entries = await vscode.commands.executeCommand<Array<{ uri: vscode.Uri; model?: string }>>(
      'promptCostLens.refreshPromptCosts',
    );
    const savings: Array<{ name: string; rule: string; saving: number }> = [];
    for (const entry of entries) {
      const file = entry.uri.fsPath;
      const report = cliReport(file, entry.model!);
      const finding = report.findings.find((f) => f.fix);
      if (!finding) continue;
      const fixedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-fix-')), path.basename(file));
      fs.writeFileSync(fixedFile, cli('fix', '--rule', finding.rule, '--model', entry.model!, file));
      savings.push({ name: path.basename(file), rule: finding.rule, saving: report.cost.monthly - cliReport(fixedFile, entry.model!).cost.monthly });
    }
    const best = savings.filter((s) => s.saving > 0).sort((a, b) => b.saving - a.saving)[0];
    if (!best) {
      assert.match(markdown, /No automatic fix would lower the monthly cost/);
      return;
    }
    const first = /^### 1\. `([^`]+)` — save (\$[\d,.]+) per month[^]*?`prompt-cost fix --rule ([\w-]+) /m.exec(markdown);
    assert.ok(first, markdown);
    assert.deepEqual([first[1], first[2], first[3]], [best.name, formatUsd(best.saving), best.rule]);
  });

  it('the toggle command turns highlighting off and on again', async () => {
    const config = vscode.workspace.getConfiguration('promptCostLens');
    const before = config.get<boolean>('highlighting.enabled');
    await vscode.commands.executeCommand('promptCostLens.toggleHighlighting');
    assert.equal(vscode.workspace.getConfiguration('promptCostLens').get('highlighting.enabled'), !before);
    await vscode.commands.executeCommand('promptCostLens.toggleHighlighting');
    assert.equal(vscode.workspace.getConfiguration('promptCostLens').get('highlighting.enabled'), before);
  });
});
