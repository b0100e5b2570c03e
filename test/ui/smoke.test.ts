// A person opens an example from Quick Open and sees its exact token count in a CodeLens.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { ROOT } from '../../scripts/vscode-host';
import { showsTokenCount } from '../integration/lensText';
import { EXAMPLES, openFile, screenshot, sharedWorkbench, waitForCodeLens } from './workbench';

describe('Prompt Cost Lens in the workbench', () => {
  it('shows the token CodeLens on an example opened from Quick Open', async () => {
    const { page } = await sharedWorkbench();
    const file = 'support-agent.prompty';
    const expected = getEncoding('o200k_base').encode(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), [], []).length;

    await openFile(page, file);
    const lenses = await waitForCodeLens(page, /tokens/i);
    const shot = await screenshot(page, 'codelens-support-agent');
    assert.ok(showsTokenCount(lenses, expected), `expected a lens with ${expected} tokens, saw: ${lenses.join(' | ')}`);

    // README's picture is refreshed on request only, so ordinary runs leave the tree clean.
    if (process.env.PCL_SCREENSHOT) fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshot.png'));
  });
});
