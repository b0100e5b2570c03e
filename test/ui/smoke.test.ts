// A person opens an example from Quick Open and sees its token count (as the CLI computes it) in a
// CodeLens. With PCL_SCREENSHOT=1 this screen becomes README's picture.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../scripts/vscode-host';
import { analyzeWithCli } from '../integration/cli';
import { showsTokenCount } from '../integration/lensText';
import { closeAllEditors, EXAMPLES, openFile, screenshot, sharedWorkbench, waitForCodeLens } from './workbench';

describe('Prompt Cost Lens in the workbench', () => {
  it('shows the token CodeLens on an example opened from Quick Open', async () => {
    const { page } = await sharedWorkbench();
    const file = 'ticket-triage.hbs';

    // Earlier tests share this workbench; start from an empty editor area, as README's picture needs.
    await closeAllEditors(page);
    await openFile(page, file);
    // One CodeLens line holds every lens of that line, separated by "|".
    const lenses = (await waitForCodeLens(page, /\btok/)).flatMap((line) => line.split('|').map((t) => t.trim()));
    const shot = await screenshot(page, 'codelens-ticket-triage');
    // The file names no model, so the lens uses the configured one; it is the lens's last part.
    const model = lenses.find((t) => /\btok/.test(t))!.split(' · ').at(-1)!;
    const expected = analyzeWithCli(ROOT, path.join(EXAMPLES, file), model).tokens.total;
    assert.ok(showsTokenCount(lenses, expected), `expected a lens with ${expected} tokens, saw: ${lenses.join(' | ')}`);

    // README's picture is refreshed on request only, so ordinary runs leave the tree clean.
    if (process.env.PCL_SCREENSHOT) fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshot.png'));
  });
});
