// Reading prompt files for the CLI: every way a path can be unusable becomes an InputError with one
// clear sentence (exit 2), and output files are replaced atomically so a failure never leaves half a file.
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors';

/**
 * File names a folder is searched for. Files named explicitly are analysed whatever their name; a
 * folder only contributes files that are clearly prompts, so a repository's README.md or package.json
 * is not mistaken for one.
 */
export const PROMPT_FILE_PATTERN = /\.(prompty|prompt|prompt\.md|prompt\.txt|prompt\.json|jinja|jinja2|j2|njk|hbs|handlebars|mustache)$/i;

/** Folders never searched. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out']);

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A prompt file's text (UTF-8, byte-order mark removed) and whether it had a BOM, to write it back. */
export interface TextFile {
  path: string;
  text: string;
  bom: boolean;
}

/** Reads `path` as UTF-8 text. @throws InputError for a missing, unreadable, binary or non-UTF-8 file or a folder. */
export function readTextFile(path: string): TextFile {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new InputError(`${path} is a directory, not a file`);
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(fsProblem(path, err));
  }
  return decodeText(path, bytes);
}

/** Decodes file content, refusing binary (NUL bytes) and invalid UTF-8. */
export function decodeText(path: string, bytes: Uint8Array): TextFile {
  if (bytes.includes(0)) throw new InputError(`${path} is a binary file, not a text prompt`);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new InputError(`${path} is not valid UTF-8 text`);
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { path, text: bom ? text.slice(1) : text, bom };
}

/**
 * Expands `paths`: files are kept as given, folders are searched recursively for prompt files
 * (sorted, so output order is stable). @throws InputError for a path that does not exist.
 */
export function collectPromptFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (err) {
      throw new InputError(fsProblem(path, err));
    }
    if (isDirectory) files.push(...walk(path));
    else files.push(path);
  }
  return [...new Set(files)];
}

function walk(folder: string): string[] {
  const found: string[] = [];
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (err) {
    throw new InputError(fsProblem(folder, err));
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) found.push(...walk(path));
    } else if (entry.isFile() && PROMPT_FILE_PATTERN.test(entry.name)) {
      found.push(path);
    }
  }
  return found;
}

/**
 * Replaces `path` with `text` atomically: writes a temporary file next to it, flushes it, then renames
 * it over the original, so readers see the old or the new content and never a partial one.
 */
export function writeFileAtomic(path: string, text: string, mode?: number): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode ?? 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created or is already gone.
    }
    throw new InputError(fsProblem(path, err));
  }
}

function fsProblem(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file or directory`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'EISDIR':
      return `${path} is a directory, not a file`;
    case 'ENOTDIR':
      return `${path}: a part of the path is not a directory`;
    default:
      return `${path}: ${err instanceof Error ? err.message : String(err)}`;
  }
}
