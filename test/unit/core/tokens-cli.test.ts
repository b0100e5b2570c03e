import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get_encoding } from 'tiktoken';
import { runCli } from '../cli/cliHarness';

const FILE = join(__dirname, '../../../../shared/corpus/dotprompt--11-multilingual-unicode.prompt');

describe('cli: count', function () {
  this.timeout(60_000);

  it('prints the tiktoken count of a file for each encoding', async () => {
    const text = readFileSync(FILE, 'utf8');
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      const r = await runCli(['count', '--encoding', encoding, FILE]);
      assert.equal(r.code, 0, r.stderr);
      const enc = get_encoding(encoding);
      assert.equal(r.stdout, `${enc.encode_ordinary(text).length}\n`);
      enc.free();
    }
  });

  it('counts special-token text as ordinary text and keeps a byte-order mark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompt-cost-count-'));
    const file = join(dir, 'p.txt');
    writeFileSync(file, '\ufeffStop at <|endoftext|> please.');
    const r = await runCli(['count', file]);
    const enc = get_encoding('o200k_base');
    assert.equal(r.stdout, `${enc.encode_ordinary('\ufeffStop at <|endoftext|> please.').length}\n`);
    enc.free();
  });

  it('rejects invalid UTF-8 with one line and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompt-cost-count-'));
    const file = join(dir, 'latin1.txt');
    writeFileSync(file, Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    const r = await runCli(['count', file]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^prompt-cost count: .*not valid UTF-8 text\n$/);
  });
});
