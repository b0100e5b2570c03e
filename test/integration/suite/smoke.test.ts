// The harness's canary: the packaged extension, installed from its VSIX into a real extension host,
// activates on an example prompt and shows a CodeLens with the token count the CLI computes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyzeWithCli } from '../cli';
import { codeLensTitles, EXTENSION_ID, openWorkspaceFile, waitFor, workspaceUri } from '../helpers';
import { showsTokenCount } from '../lensText';

const ROOT = path.dirname(workspaceUri().fsPath);

describe('Prompt Cost Lens in the extension host', () => {
  it('is the packaged VSIX, not the sources', function () {
    // Only the code-server launcher installs the VSIX; test-electron loads the repository itself.
    if (!process.env.PCL_TEST_BUNDLE) this.skip();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    assert.ok(!extension.extensionPath.startsWith(ROOT), `loaded from ${extension.extensionPath}`);
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal((extension.packageJSON as { version: string }).version, version);
  });

  for (const file of ['support-agent.prompty', 'code-review.prompt.md']) {
    it(`activates on ${file} and shows the CLI's token count in a CodeLens`, async () => {
      const editor = await openWorkspaceFile(file);
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
      const expected = analyzeWithCli(ROOT, editor.document.uri.fsPath).tokens.total;
      const titles = await waitFor(`a CodeLens showing ${expected} tokens`, async () => {
        const found = await codeLensTitles(editor.document.uri);
        return showsTokenCount(found, expected) ? found : undefined;
      }).catch(async (err: Error) => {
        throw new Error(`${err.message}; lenses: ${(await codeLensTitles(editor.document.uri)).join(' | ')}`);
      });
      assert.ok(showsTokenCount(titles, expected));
    });
  }
});
