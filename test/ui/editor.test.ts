// What a person sees in the workbench on an example prompt: the cost CodeLens, the highlighted
// cacheable prefix and dynamic segments, and the quick-fix menu on a finding. A screenshot of it all
// goes to test-results/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../../scripts/vscode-host';
import { closeAllEditors, EXAMPLES, openFile, runCommand, screenshot, sharedWorkbench, waitForCodeLens } from './workbench';

interface ColourContribution {
  id: string;
  defaults: Record<string, string>;
}
const COLOURS = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { colors: ColourContribution[] };
}).contributes.colors;

/** `45, 164, 78` for `#2da44e14`: how the colour's channels appear in resolved CSS. */
function channels(hex: string): string {
  const n = (i: number): number => parseInt(hex.slice(i, i + 2), 16);
  return `${n(1)}, ${n(3)}, ${n(5)}`;
}

/**
 * How many rendered decoration elements have the background of a contributed theme colour (light or
 * dark default). VS Code gives each decoration type a generated class (`ced-…`) with a CSS rule that
 * holds the resolved colour; the elements are found through that rule.
 */
function decorationsWithColour(page: Page, colourId: string): Promise<number> {
  const colour = COLOURS.find((c) => c.id === colourId);
  assert.ok(colour, `${colourId} is contributed`);
  const needles = [colour.defaults.light!, colour.defaults.dark!].map((hex) => `background-color: rgba(${channels(hex)},`);
  // Runs in the page (this project's Node tsconfig has no DOM types, so the code is a string).
  return page.evaluate(`(() => {
    const needles = ${JSON.stringify(needles)};
    const classes = new Set();
    for (const sheet of Array.from(document.styleSheets)) {
      let rules;
      try { rules = sheet.cssRules; } catch { continue; }
      for (const rule of Array.from(rules)) {
        if (!needles.some((n) => rule.cssText.includes(n))) continue;
        for (const match of rule.cssText.matchAll(/\\.(ced-[\\w-]+)/g)) classes.add(match[1]);
      }
    }
    let count = 0;
    for (const cls of classes) count += document.querySelectorAll('.editor-instance .' + cls).length;
    return count;
  })()`);
}

describe('Prompt Cost Lens editor features in the workbench', () => {
  it('shows the cost lens, the highlighted prefix and dynamic parts, and the quick-fix menu', async () => {
    const { page } = await sharedWorkbench();
    await closeAllEditors(page).catch(() => undefined);
    await openFile(page, 'summarize-thread.prompt.txt');

    // One CodeLens line holds every lens of that line, separated by "|".
    const lenses = (await waitForCodeLens(page, / tok · prefix /)).flatMap((line) => line.split('|').map((t) => t.trim()));
    const lens = lenses.find((t) => / tok · prefix /.test(t))!;
    assert.match(lens, /^≈?[\d,]+ tok · prefix ≈?[\d,]+ \(.+\) · dynamic ≈?[\d,]+ · \$[\d.]+ → \$[\d.]+ warm \(−\d+%\) · [\w.-]+$/);
    assert.ok(lenses.some((t) => t.includes('Change model')), `lenses: ${lenses.join(' | ')}`);

    await page.locator('.editor-instance [class*="ced-"]').first().waitFor({ state: 'attached', timeout: 30_000 });
    assert.ok((await decorationsWithColour(page, 'promptCostLens.prefixBackground')) > 0, 'prefix highlighted');
    assert.ok((await decorationsWithColour(page, 'promptCostLens.dynamicBackground')) > 0, 'dynamic segments highlighted');

    // Go to the first problem and open the quick-fix menu, as with Ctrl+. on it.
    await runCommand(page, 'Go to Next Problem in Files (Error, Warning, Info)');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.waitFor({ state: 'visible', timeout: 30_000 });
    const items = await menu.locator('.action-widget-action-label, .monaco-list-row').allInnerTexts();
    await screenshot(page, 'editor-highlighting-codelens-quickfix');
    assert.ok(
      items.some((t) => /Move dynamic blocks after the static content|Suppress [\w-]+ for this file/.test(t)),
      `quick-fix menu: ${items.join(' | ')}`,
    );
    await page.keyboard.press('Escape');
  });

  it('shows tokens and cost per request in the status bar, and the model picker lists prices', async () => {
    const { page } = await sharedWorkbench();
    await openFile(page, 'rag-answer.j2');
    const status = page.locator('.statusbar-item', { hasText: / tok · \$[\d.]+\/req · / });
    await status.first().waitFor({ state: 'visible', timeout: 30_000 });

    await status.first().click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('gpt-4.1');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'per MTok' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await row.innerText(), /gpt-4\.1[^]*\$[\d.]+ in · \$[\d.]+ cached · \$[\d.]+ out per MTok/);
    await screenshot(page, 'editor-model-picker');
    await page.keyboard.press('Escape');
  });

  it('Set API Key keeps the key out of settings, logs and the workspace', async () => {
    const { page, host } = await sharedWorkbench();
    const canary = `sk-ant-canary-${Date.now()}-do-not-log`;
    await runCommand(page, 'Prompt Cost Lens: Set API Key');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Anthropic' }).first().waitFor({ timeout: 30_000 });
    await input.fill('Anthropic');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Stored in VS Code SecretStorage' }).waitFor({ timeout: 30_000 });
    await input.fill(canary);
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts', { hasText: 'Anthropic API key saved' }).waitFor({ timeout: 30_000 });
    // Let settings and log writes reach the disk, then look everywhere the extension writes.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const leaks = [host.userDataDir, EXAMPLES].flatMap((dir) => filesContaining(dir, canary));
    assert.deepEqual(leaks, []);
    // The search does reach the extension's log, which records that a key was stored.
    assert.notDeepEqual(filesContaining(host.userDataDir, 'Anthropic API key stored in SecretStorage'), []);
    assert.ok(!host.output().includes(canary), 'the key is not in code-server\'s output');
  });
});

/** Files under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(needle)) found.push(file);
  }
  return found;
}

