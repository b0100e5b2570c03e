// Scanners for `${…}` placeholders: JavaScript template literals and VS Code prompt-file variables.
import { Finder, type SegmentBuilder } from '../builder';

// Variables VS Code substitutes in prompt files; any other `${…}` is sent as written.
const VSCODE_VARIABLES = new Set([
  'selection',
  'selectedText',
  'file',
  'fileBasename',
  'fileDirname',
  'fileBasenameNoExtension',
  'workspaceFolder',
  'workspaceFolderBasename',
]);
/** Longest placeholder body considered; longer ones are treated as unclosed. */
const MAX_BODY = 4096;

/**
 * `${expr}` with nested braces allowed (JS) or `${name}` / `${input:name[:hint|default]}` (VS Code).
 * `\${` is an escaped literal in JS.
 */
export function scanDollar(text: string, start: number, end: number, mode: 'js' | 'vscode', out: SegmentBuilder): void {
  const finder = new Finder(text, end);
  let i = start;
  while (i < end) {
    const j = finder.find('${', i);
    if (j === -1) break;
    if (mode === 'js' && text.charCodeAt(j - 1) === 92 /* \ */ && j > start) {
      i = j + 2;
      continue;
    }
    const reopen = finder.find('${', j + 2);
    const close = mode === 'js' ? matchBrace(text, j + 2, end) : finder.find('}', j + 2);
    const nested = reopen !== -1 && reopen < close;
    const body = close === -1 || nested || close - j > MAX_BODY ? null : text.slice(j + 2, close);
    if (body === null || (mode === 'vscode' && /[\r\n{]/.test(body))) {
      if (mode === 'js') out.problem(j, j + 2, "'${' is never closed");
      i = j + 2;
      continue;
    }
    const name = mode === 'js' ? jsName(body) : vscodeName(body);
    if (mode === 'js' || name !== undefined) out.add('dynamic', j, close + 1, 'static', name);
    i = close + 1;
  }
  out.fill(end);
}

/**
 * Index of the `}` closing a `${` whose body starts at `from`, or -1. Stops at the next `${` (not
 * valid inside an expression here), so each character is scanned for at most one placeholder.
 */
function matchBrace(text: string, from: number, end: number): number {
  let depth = 0;
  const limit = Math.min(end, from + MAX_BODY);
  for (let k = from; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === 36 /* $ */ && text.charCodeAt(k + 1) === 123) return -1;
    if (c === 123) depth++;
    else if (c === 125) {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

function jsName(body: string): string | undefined {
  const trimmed = body.trim();
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(trimmed) ? trimmed : undefined;
}

function vscodeName(body: string): string | undefined {
  if (body.startsWith('input:')) {
    const name = /^input:([^:|}]+)/.exec(body);
    return name ? name[1]!.trim() : undefined;
  }
  return VSCODE_VARIABLES.has(body.trim()) ? body.trim() : undefined;
}
