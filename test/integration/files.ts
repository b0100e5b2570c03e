// Test files are found by name, so adding one needs no registration anywhere.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Absolute paths of the files under `dir` (recursively) whose names end with `suffix`, sorted. */
export function filesEndingWith(dir: string, suffix: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => path.join(dir, name));
}
