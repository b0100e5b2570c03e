// Root hooks for the UI run: a screenshot of every failed test (the page as it was when it failed)
// and, at the end, the shared workbench is closed.
import type { Context } from 'mocha';
import { closeSharedWorkbench, screenshot, startedSharedWorkbench } from './workbench';

export const mochaHooks = {
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    const workbench = startedSharedWorkbench();
    if (test?.state !== 'failed' || !workbench) return;
    const { page } = await workbench.catch(() => ({ page: undefined }));
    if (!page) return;
    const file = await screenshot(page, `FAILED-${test.fullTitle()}`);
    console.log(`      screenshot of the failure: ${file}`);
  },
};

export async function mochaGlobalTeardown(): Promise<void> {
  await closeSharedWorkbench();
}
