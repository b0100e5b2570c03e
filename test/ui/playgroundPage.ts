// Driving the playground webview the way a person does: the panel is an iframe inside the
// workbench, its controls are @vscode-elements web components (Playwright's CSS pierces their
// shadow roots), and every figure a run shows carries its raw value in `data-value`.
import type { Frame, Page } from 'playwright-core';
import { openFile, runCommand } from './workbench';

export const OPEN_PLAYGROUND = 'Prompt Cost Lens: Open Playground';

/** The playground's frame, once its form is drawn. */
export async function playgroundFrame(page: Page, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.$('main[aria-label="Prompt Cost Playground"] .form').catch(() => null);
      if (found) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the playground webview did not appear');
}

/**
 * Opens `file` and then the playground on it from the Command Palette. Right after the workbench
 * loads, the remote extension host may not have registered the extension's commands yet, so the
 * palette is asked again (after Escape) until it lists the command.
 */
export async function openPlayground(page: Page, file: string): Promise<Frame> {
  await openFile(page, file);
  for (let attempt = 1; ; attempt++) {
    try {
      await runCommand(page, OPEN_PLAYGROUND);
      break;
    } catch (err) {
      if (attempt === 4) throw err;
      await page.keyboard.press('Escape');
    }
  }
  const frame = await playgroundFrame(page);
  await frame.locator('header.prompt h1', { hasText: file }).waitFor({ timeout: 30_000 });
  return frame;
}

export async function variableNames(frame: Frame): Promise<string[]> {
  return frame.$$eval('vscode-textfield[data-variable]', (els) => els.map((e) => e.getAttribute('data-variable') ?? ''));
}

export async function fillVariable(frame: Frame, name: string, value: string): Promise<void> {
  await frame.locator(`vscode-textfield[data-variable="${name}"] input`).fill(value);
}

export async function setRequest(frame: Frame, text: string): Promise<void> {
  await frame.locator('vscode-textarea[data-testid=request] textarea').fill(text);
}

export async function setRepeat(frame: Frame, n: number): Promise<void> {
  await frame.locator('vscode-textfield[data-testid=repeat] input').fill(String(n));
}

/** Picks an option of one of the panel's drop-downs (by the select's id) by its visible label. */
export async function choose(frame: Frame, selectId: string, label: RegExp): Promise<void> {
  await frame.locator(`#${selectId}`).click();
  await frame.locator(`#${selectId} li[role=option]`, { hasText: label }).first().click();
}

export async function setChecked(frame: Frame, selector: string, checked: boolean): Promise<void> {
  const box = frame.locator(selector);
  if ((await box.evaluate((el) => (el as unknown as { checked: boolean }).checked)) !== checked) await box.click();
}

export interface RunFigures {
  runId: string;
  status: string;
  input: number | null;
  cacheWrite: number | null;
  cacheRead: number | null;
  output: number | null;
  ttft: number | null;
  latency: number | null;
  cost: number | null;
  naiveCost: number | null;
  saving: number | null;
  text: string;
}

const FIELDS = ['input', 'cacheWrite', 'cacheRead', 'output', 'ttft', 'latency', 'cost', 'naiveCost', 'saving'] as const;

/** The figures of every run card on show (the latest batch), as numbers; unknown is null. */
export async function runCards(frame: Frame): Promise<RunFigures[]> {
  // The browser side only reads attributes: helpers defined inside it would not survive the transpiler.
  const raw = await frame.$$eval(
    'section.results article.run',
    (cards, fields) =>
      cards.map((card) => ({
        runId: card.getAttribute('data-run-id') ?? '',
        status: card.getAttribute('data-status') ?? '',
        values: fields.map((f) => card.querySelector(`[data-field="${f}"]`)?.getAttribute('data-value') ?? ''),
        text: card.querySelector('pre.answer')?.textContent ?? '',
      })),
    [...FIELDS],
  );
  return raw.map((card) => {
    const figures = Object.fromEntries(FIELDS.map((f, i) => [f, card.values[i] === '' ? null : Number(card.values[i])]));
    return { runId: card.runId, status: card.status, text: card.text, ...figures } as RunFigures;
  });
}

/** Polls `probe` from the test side until it returns a value (the webview's CSP forbids eval-based waits). */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until the latest batch has `count` cards that have all finished, one way or another. */
export async function waitForRuns(frame: Frame, count: number, timeout = 90_000): Promise<RunFigures[]> {
  return waitUntil(
    `${count} finished runs`,
    async () => {
      const cards = await runCards(frame);
      return cards.length === count && cards.every((c) => c.status !== 'running') ? cards : undefined;
    },
    timeout,
  );
}

/** Clicks Run (or Compare) and waits for its `count` runs to finish. */
export async function runAndWait(frame: Frame, count: number, timeout = 90_000): Promise<RunFigures[]> {
  const before = new Set((await runCards(frame)).map((c) => c.runId));
  await frame.locator('vscode-button[data-action=run]:not([disabled])').click();
  await waitUntil('the new batch', async () => ((await runCards(frame)).some((c) => !before.has(c.runId)) ? true : undefined));
  return waitForRuns(frame, count, timeout);
}

/** Switches between pipeline and compare mode. */
export async function setMode(frame: Frame, mode: 'pipeline' | 'compare'): Promise<void> {
  await frame.locator(`vscode-radio[data-mode=${mode}]`).click();
  await frame.locator(`fieldset.options legend`, { hasText: mode === 'pipeline' ? 'Pipeline' : 'Compare' }).waitFor();
}

/** Chooses the simulator fault for the next batch, opening the Advanced section if needed. */
export async function setFault(frame: Frame, label: RegExp): Promise<void> {
  const advanced = frame.locator('vscode-collapsible.advanced');
  if ((await advanced.getAttribute('open')) === null) await advanced.click();
  await choose(frame, 'fault', label);
}

/** The text of every stage line of the card at `index` in the latest batch. */
export async function stageLines(frame: Frame, index: number): Promise<string[]> {
  return frame.locator('section.results article.run').nth(index).locator('ol.stages li').allInnerTexts();
}

/** Runs a palette command by clicking the row with exactly this title (Enter would take the best fuzzy match). */
export async function runExactCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.getByText(title, { exact: true }) });
  await row.first().click({ timeout: 30_000 });
}
