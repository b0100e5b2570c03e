// Guards what `npm run package` produced: the VSIX stays small and ships no sources, tests or
// node_modules, whatever files other people add to the repository. Run by `npm run package`.
import * as fs from 'node:fs';

const MAX_BYTES = 5 * 1024 * 1024;
const FORBIDDEN = [/^extension\/(src|test|scripts|webview|examples|node_modules|\.vscode-test)\//, /\.ts$/, /\.map$/];

/** Entry names from a zip's central directory (a VSIX is a zip). */
export function zipEntryNames(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function main(file: string): number {
  const zip = fs.readFileSync(file);
  const problems: string[] = [];
  if (zip.length > MAX_BYTES) problems.push(`${file} is ${(zip.length / 1e6).toFixed(2)} MB; the limit is 5 MB`);
  for (const name of zipEntryNames(zip)) {
    if (FORBIDDEN.some((re) => re.test(name))) problems.push(`${file} must not contain ${name}`);
  }
  if (!zipEntryNames(zip).includes('extension/dist/extension.js')) problems.push(`${file} lacks dist/extension.js`);
  for (const p of problems) console.error(p);
  if (problems.length === 0) console.log(`${file}: ${(zip.length / 1e6).toFixed(2)} MB, contents checked`);
  return problems.length === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv[2] ?? 'dist/prompt-cost-lens.vsix');
