import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'prompt-cost-bad-'));
const binary = join(dir, 'image.prompt');
const latin1 = join(dir, 'latin1.prompt');
const good = join(dir, 'good.prompt');
writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]));
writeFileSync(latin1, Buffer.from('Caf\xe9 {{name}}\n', 'latin1'));
writeFileSync(good, 'Hello {{name}}\n');
const badPrices = join(dir, 'bad-prices.json');
const brokenPrices = join(dir, 'broken-prices.json');
writeFileSync(badPrices, JSON.stringify({ 'gpt-4o': { input: -1 } }));
writeFileSync(brokenPrices, '{"gpt-4o": ');

/** [description, argv, what the one stderr line must mention] */
const cases: Array<[string, string[], RegExp]> = [
  ['missing file', ['analyze', join(dir, 'nope.prompty')], /no such file/],
  ['binary file', ['analyze', binary], /binary/],
  ['non-UTF-8 file', ['analyze', latin1], /UTF-8/],
  ['unknown model', ['analyze', '--model', 'gpt-17-ultra', good], /unknown model "gpt-17-ultra"/],
  ['unknown flag', ['analyze', '--colour', good], /unknown option --colour/],
  ['malformed price override', ['analyze', '--prices', badPrices, good], /price override for "gpt-4o": input -1/],
  ['price file that is not JSON', ['analyze', '--prices', brokenPrices, good], /not valid JSON/],
  ['bad number', ['analyze', '--rate', 'fast', good], /--rate expects a number/],
  ['negative volume', ['analyze', '--volume=-5', good], /--volume must be at least 0/],
  ['bad format', ['analyze', '--format', 'xml', good], /--format must be one of text, json, sarif/],
  ['no path', ['analyze'], /missing PATH/],
  ['directory where a file is needed', ['fix', dir], /is a directory/],
  ['fix of a missing file', ['fix', join(dir, 'nope.prompt')], /no such file/],
  ['fix with two files', ['fix', good, good], /unexpected argument/],
  ['unknown rule', ['fix', '--rule', 'no-such-rule', good], /--rule must be one of/],
  ['fix of a binary file', ['fix', '--write', binary], /binary/],
  ['unknown encoding', ['count', '--encoding', 'p50k_base', good], /encoding/],
  ['diff outside a git repository', ['diff', '--base', 'HEAD'], /not inside a git work tree/],
  ['unknown command', ['analyse', good], /usage: prompt-cost/],
];

describe('cli: bad input exits 2 with one clear line and no stack trace', function () {
  this.timeout(60_000);
  // All runs start at once (outside the repository, so `diff` has no git work tree around it).
  let results: Promise<CliResult[]>;
  before(() => {
    results = Promise.all(cases.map(([, argv]) => runCli(argv, dir)));
  });
  cases.forEach(([what, , mention], i) => {
    it(what, async () => {
      const r = (await results)[i]!;
      assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
      assert.equal(r.stdout, '', 'nothing on stdout');
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, `one line: ${r.stderr}`);
      assert.match(lines[0]!, mention);
      assert.doesNotMatch(r.stderr, /\n\s+at |Error:/, 'no stack trace');
    });
  });
});
