// The webview's only logger. Messages go to the webview's developer tools console, the one place a
// webview can write to without a round trip through the extension.
export const log = {
  // eslint-disable-next-line no-console -- the webview's devtools console is its log.
  warn: (message: string): void => console.warn(`[Prompt Cost Lens] ${message}`),
};
