// Polling for a condition, shared by the extension-host tests (test/integration) and the bench's
// start-up section, which watch things they cannot subscribe to (a tree, a log file).

/** Polls `probe` until it returns a value other than undefined, or fails after `timeout` ms. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
