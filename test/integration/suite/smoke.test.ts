// The packaged extension, running in a real extension host, shows a CodeLens with the document's
// exact token count (o200k_base, as js-tiktoken counts it).
import * as assert from 'node:assert/strict';
import { getEncoding } from 'js-tiktoken';
import * as vscode from 'vscode';
import { codeLensTitles, EXTENSION_ID, openWorkspaceFile, waitFor } from '../helpers';
import { showsTokenCount } from '../lensText';

describe('Prompt Cost Lens in the extension host', () => {
  it('is installed and activates', async () => {
    await openWorkspaceFile('support-agent.prompty');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  for (const file of ['support-agent.prompty', 'rag-answer.j2', 'ticket-triage.hbs']) {
    it(`shows the exact o200k_base token count of ${file} in a CodeLens`, async () => {
      const editor = await openWorkspaceFile(file);
      const expected = getEncoding('o200k_base').encode(editor.document.getText(), [], []).length;
      const titles = await waitFor('a CodeLens with a token count', async () => {
        const found = await codeLensTitles(editor.document.uri);
        return found.some((t) => /token/i.test(t)) ? found : undefined;
      });
      assert.ok(showsTokenCount(titles, expected), `expected a lens with ${expected} tokens, got: ${titles.join(' | ')}`);
    });
  }
});
