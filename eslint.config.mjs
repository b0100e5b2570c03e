// Lint rules for Node code and the webview. Type-checking itself is `tsc --noEmit`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.code-server/**', '.vscode-test/**', 'test-results/**', 'bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Only the VS Code adapter may import the vscode module; the core must stay portable.
    files: ['src/core/**', 'src/pipeline/**', 'src/simulator/**', 'src/protocol/**', 'src/cli/**', 'webview/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'] }] },
  },
  {
    // No Node built-ins in the core, with or without the node: prefix.
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'fs', 'fs/promises', 'path', 'crypto', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net'],
          patterns: ['node:*'],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['scripts/**', 'test/**', 'esbuild.mjs', 'src/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
