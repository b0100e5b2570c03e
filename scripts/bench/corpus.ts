// The bench's inputs: the real prompt corpus beside the clone, and a 200k-token document built from it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { countTokens } from '../../src/core/tokens';

/** `../shared/corpus` next to the repository (CI provides it), or BENCH_CORPUS. */
export const CORPUS_DIR = resolve(process.env.BENCH_CORPUS ?? join(process.cwd(), '../shared/corpus'));

/** The corpus files' texts in name order. */
export function corpusFiles(): Array<{ name: string; text: string }> {
  return readdirSync(CORPUS_DIR)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS_DIR, name), 'utf8') }));
}

let doc: string | undefined;

/** Corpus prompt files (not SOURCES.md) appended in turn until the text reaches 200,000 o200k tokens. */
export function largeDocument(): string {
  if (doc !== undefined) return doc;
  const files = corpusFiles().filter((f) => f.name !== 'SOURCES.md');
  let text = '';
  let tokens = 0;
  for (let k = 0; tokens < 200_000; k++) {
    const part = `${files[k % files.length]!.text}\n\n`;
    text += part;
    tokens += countTokens(part, 'o200k_base');
  }
  doc = text;
  return text;
}
