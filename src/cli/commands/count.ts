// `prompt-cost count [--encoding o200k_base|cl100k_base] [FILE|-]`: the exact token count of the raw
// text (a byte-order mark included), equal to tiktoken's, as one integer.
import { readFileSync } from 'node:fs';
import { countTokens } from '../../core/tokens';
import type { Encoding } from '../../core/types';
import type { Command } from '../command';
import { parseFlags } from '../args';
import { InputError } from '../errors';
import { decodeText, readTextFile } from '../input';

const ENCODINGS: readonly Encoding[] = ['o200k_base', 'cl100k_base'];

export const count: Command = async (args) => {
  const { flags, positionals } = parseFlags(
    args,
    { encoding: { type: 'string', choices: ENCODINGS } },
    { max: 1, name: 'FILE' },
  );
  const path = positionals[0] ?? '-';
  let text: string;
  if (path === '-') {
    const bytes = readStdin();
    text = withBom(bytes, decodeText('standard input', bytes).text);
  } else {
    // readTextFile turns every unusable path into one clear InputError; it drops a BOM, which counts.
    const decoded = readTextFile(path).text;
    text = withBom(readFileSync(path), decoded);
  }
  process.stdout.write(`${countTokens(text, flags.encoding ?? 'o200k_base')}\n`);
  return 0;
};

function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch (err) {
    throw new InputError(`cannot read standard input: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function withBom(bytes: Uint8Array, text: string): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bom && text.charCodeAt(0) !== 0xfeff ? `\ufeff${text}` : text;
}
