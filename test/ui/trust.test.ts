// Workspace trust in the real workbench, one code-server per state. A folder's .vscode/settings.json
// sets a price override that makes the lens cost ~300x higher. In Restricted Mode (trust enabled, the
// folder never trusted) the analysis still shows its CodeLens but ignores that override, and the
// playground refuses a real provider; with the folder trusted the override applies.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_ANALYSIS_OPTIONS } from '../../src/core/defaults';
import { choose, openPlayground, setRequest } from './playgroundPage';
import { openFile, openWorkbench, screenshot, waitForCodeLens, type Workbench } from './workbench';

const FILE = 'policy.prompt.txt';
const MODEL = DEFAULT_ANALYSIS_OPTIONS.model;
const LENS = / tok · prefix .* · \$([\d.]+) → /;

/** A fresh folder (never trusted) holding one prompt and a workspace price override for the default model. */
function makeFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcl-trust-'));
  const policy = Array.from({ length: 120 }, (_, i) => `Rule ${i + 1}: answer questions about order ${i * 7 + 3} politely.`).join('\n');
  fs.writeFileSync(path.join(dir, FILE), `${policy}\n\nCustomer question: {{question}}\n`);
  fs.mkdirSync(path.join(dir, '.vscode'));
  const override = { input: 1000, output: 1000, cacheRead: 1000, cacheWrite5m: 1000, cacheWrite1h: 1000 };
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'promptCostLens.priceOverrides': { [MODEL]: override } }, null, 2));
  return dir;
}

async function lensCost(workbench: Workbench): Promise<number> {
  await openFile(workbench.page, FILE);
  const lines = await waitForCodeLens(workbench.page, LENS);
  const lens = lines.flatMap((l) => l.split('|')).find((t) => LENS.test(t))!;
  assert.ok(lens.trim().endsWith(MODEL), `lens is for the default model: ${lens}`);
  return Number(LENS.exec(lens)![1]);
}

describe('Workspace trust in the workbench', function () {
  this.timeout(300_000);
  let untrustedCost: number;

  it('untrusted folder: the lens is shown, the workspace price override is ignored, the playground refuses a real provider', async () => {
    const workbench = await openWorkbench({ folder: makeFolder(), workspaceTrust: 'untrusted' });
    try {
      const { page } = workbench;
      untrustedCost = await lensCost(workbench);
      // Real list price for a few thousand tokens is well under a dollar; the override would make it several.
      assert.ok(untrustedCost > 0 && untrustedCost < 0.5, `lens cost $${untrustedCost}`);
      const frame = await openPlayground(page, FILE);
      await setRequest(frame, 'Where is order 10?');
      await choose(frame, 'provider', /^\s*Anthropic/);
      await frame.locator('vscode-button[data-action=run]:not([disabled])').click();
      await frame.getByText(/not trusted/).first().waitFor({ timeout: 30_000 });
      await screenshot(page, 'trust-untrusted-playground');
    } finally {
      await workbench.close();
    }
  });

  it('trusted folder: the workspace price override applies to the lens', async function () {
    if (untrustedCost === undefined) this.skip();
    const workbench = await openWorkbench({ folder: makeFolder(), workspaceTrust: 'trusted' });
    try {
      const trustedCost = await lensCost(workbench);
      // The override is 1000 $/MTok against list prices of a few $/MTok.
      assert.ok(trustedCost > untrustedCost * 50, `trusted $${trustedCost} vs untrusted $${untrustedCost}`);
    } finally {
      await workbench.close();
    }
  });
});
