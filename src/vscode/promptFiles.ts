// Which documents are prompts: VS Code prompt files (language `prompt`), Prompty files, and whatever
// the `include` globs name, minus the `exclude` globs. Only real documents are analysed, not diff or
// output views.
import * as vscode from 'vscode';
import { readSettings } from './config';

const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote'];
const LANGUAGES = ['prompt', 'prompty'];

/**
 * Selector for providers: every real document. Which of them are prompts depends on settings that can
 * change at any time, so providers ask {@link isPromptDocument} (through the analysis service).
 */
export const PROMPT_SELECTOR: vscode.DocumentSelector = SCHEMES.map((scheme) => ({ scheme }));

/** Whether `document` is a prompt the extension analyses. */
export function isPromptDocument(document: vscode.TextDocument): boolean {
  if (!SCHEMES.includes(document.uri.scheme)) return false;
  const { include, exclude } = readSettings(document.uri);
  if (vscode.languages.match(globFilters(exclude), document) > 0) return false;
  return LANGUAGES.includes(document.languageId) || vscode.languages.match(globFilters(include), document) > 0;
}

/** Document filters for workspace-relative globs (`**\/…` globs match anywhere, others per folder). */
function globFilters(globs: readonly string[]): vscode.DocumentFilter[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return globs.flatMap((glob): vscode.DocumentFilter[] =>
    glob.startsWith('**/') ? [{ pattern: glob }] : folders.map((f) => ({ pattern: new vscode.RelativePattern(f, glob) })),
  );
}

/** At most this many files are listed, so a huge monorepo cannot stall the view. */
export const MAX_PROMPT_FILES = 2000;

/** Every prompt file in the workspace by the include globs, for the Prompt Costs view and the report. */
export async function findPromptFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const { include, exclude } = readSettings();
  // One search per glob: VS Code's globs do not nest braces, and the defaults use braces.
  const excludes = exclude.length === 0 ? null : exclude.length === 1 ? exclude[0]! : `{${exclude.join(',')}}`;
  const found = new Map<string, vscode.Uri>();
  for (const glob of include) {
    for (const uri of await vscode.workspace.findFiles(glob, excludes, MAX_PROMPT_FILES, token)) {
      if (found.size >= MAX_PROMPT_FILES) break;
      found.set(uri.toString(), uri);
    }
  }
  return [...found.values()];
}
