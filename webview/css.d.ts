// esbuild bundles imported stylesheets into dist/webview/main.css; TypeScript only needs to know
// such imports exist.
declare module '*.css';
