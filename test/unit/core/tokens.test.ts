import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { countTokens, encodingForModel, estimateTokens, tokenMethod } from '../../../src/core/tokens';
import { bareModel, isClaudeModel } from '../../../src/core/tokens/models';
import type { Encoding } from '../../../src/core/types';
import { randomText, rng } from './tokens-random';

const CORPUS = join(__dirname, '../../../../shared/corpus');
const ENCODINGS: Encoding[] = ['o200k_base', 'cl100k_base'];

describe('tokens: exact counts equal tiktoken', () => {
  const reference: Partial<Record<Encoding, Tiktoken>> = {};
  const tiktoken = (text: string, encoding: Encoding): number => {
    reference[encoding] ??= get_encoding(encoding);
    return reference[encoding].encode_ordinary(text).length;
  };
  after(() => Object.values(reference).forEach((e) => e.free()));

  for (const encoding of ENCODINGS) {
    it(`every corpus file (${encoding})`, () => {
      const files = readdirSync(CORPUS);
      assert.ok(files.length > 20, `corpus not found at ${CORPUS}`);
      for (const file of files) {
        const text = readFileSync(join(CORPUS, file), 'utf8');
        assert.equal(countTokens(text, encoding), tiktoken(text, encoding), file);
      }
    });

    it(`10,000 random mixed-script strings (${encoding})`, () => {
      const next = rng(encoding === 'o200k_base' ? 1 : 2);
      for (let k = 0; k < 10_000; k++) {
        const text = randomText(next);
        const expected = tiktoken(text, encoding);
        if (countTokens(text, encoding) !== expected) {
          assert.fail(`${JSON.stringify(text)}: ${countTokens(text, encoding)} ≠ tiktoken ${expected}`);
        }
      }
    });

    it(`edge cases (${encoding})`, () => {
      const cases = [
        '',
        'a',
        "I'm sure they'll say it's John's, we'd've seen it'S 'RE",
        "x'\u017fy it'\u017f", // Rust's case-insensitive 's also matches LONG S
        'ABCdef ǅungla ʰello 中ABC déjà vu',
        'e\u0301\u0302 \u0301a \u0301\u0301',
        'hello\r\nworld\r\n\r\n  \n\t\n',
        ' '.repeat(5000) + 'x' + '\t'.repeat(300),
        '='.repeat(3000),
        'a'.repeat(5000),
        '中文'.repeat(2000),
        '1234567890 ١٢٣٤٥',
        '😀👍🏽👨‍👩‍👧 🇫🇷🇩🇪',
        '\ud800 a\udc00b \udbff',
        '<|endoftext|> <|endofprompt|><|fim_prefix|>',
        '\u0085\u2028\u00a0\ufeff\u3000 x',
        'path/to/file//\n/\n',
      ];
      for (const text of cases) assert.equal(countTokens(text, encoding), tiktoken(text, encoding), JSON.stringify(text.slice(0, 40)));
    });

    it(`long single pieces, merged through the heap path (${encoding})`, () => {
      const next = rng(3);
      for (const alphabet of ['ab', 'aaab', 'ing', 'tion', 'e\u0301x', '中文字', '=-', ' \t', 'zZ']) {
        for (let k = 0; k < 6; k++) {
          let text = '';
          const n = 130 + Math.floor(next() * 900);
          for (let i = 0; i < n; i++) text += alphabet[Math.floor(next() * alphabet.length)];
          assert.equal(countTokens(text, encoding), tiktoken(text, encoding), JSON.stringify(text.slice(0, 40)));
        }
      }
    });
  }
});

describe('tokens: models and estimates', () => {
  it('maps OpenAI models to their encodings and others to none', () => {
    for (const m of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-nano', 'gpt-5', 'o1', 'o3-mini', 'o4-mini', 'openai/gpt-4o']) {
      assert.equal(encodingForModel(m), 'o200k_base', m);
    }
    for (const m of ['gpt-4', 'gpt-4-turbo', 'gpt-3.5-turbo']) assert.equal(encodingForModel(m), 'cl100k_base', m);
    for (const m of ['claude-sonnet-4-5', 'gemini-2.5-pro', 'o10', 'llama-3']) assert.equal(encodingForModel(m), null, m);
  });

  it('labels Claude and Gemini counts as estimates with their method', () => {
    const text = 'Summarise the following support ticket in two sentences.';
    const exact = countTokens(text, 'o200k_base');
    for (const model of ['claude-sonnet-4-5', 'claude-3-7-sonnet-20250219', 'gemini-2.5-flash']) {
      const m = tokenMethod(model);
      assert.equal(m.exact, false);
      assert.match(m.method, /^≈ estimate/);
      assert.equal(estimateTokens(text, model), exact);
    }
    const newer = tokenMethod('claude-opus-4-7');
    assert.equal(newer.factor, 1.3);
    assert.equal(estimateTokens(text, 'claude-opus-4-7'), Math.ceil(exact * 1.3));
    assert.equal(tokenMethod('claude-opus-4-20250514').factor, 1);
    assert.deepEqual(tokenMethod('gpt-4o'), { exact: true, encoding: 'o200k_base', factor: 1, method: 'o200k_base' });
    assert.equal(estimateTokens(text, 'gpt-4'), countTokens(text, 'cl100k_base'));
  });

  it('recognises Claude ids with any provider prefix, including Bedrock-style anthropic.', () => {
    for (const m of ['claude-opus-4-7', 'anthropic/claude-opus-4-7', 'anthropic:claude-opus-4-7', 'anthropic.claude-opus-4-7', ' Claude-Opus-4-7 ']) {
      assert.equal(isClaudeModel(m), true, m);
      assert.equal(bareModel(m), 'claude-opus-4-7', m);
      assert.equal(tokenMethod(m).factor, 1.3, m);
    }
    for (const m of ['gpt-4o', 'openai/gpt-4o', 'gemini-2.5-pro', 'my-claude-clone']) assert.equal(isClaudeModel(m), false, m);
  });
});

describe('tokens: lazy rank loading', () => {
  it('importing the module loads no rank file; the first count loads only its encoding', function () {
    this.timeout(30_000);
    const script = `
      const loaded = () => Object.keys(require.cache).filter((k) => k.includes('js-tiktoken')).map((k) => k.split('/').pop());
      const tokens = require('./src/core/tokens');
      const before = loaded();
      tokens.encodingForModel('gpt-4o');
      const afterLookup = loaded();
      tokens.countTokens('hello', 'cl100k_base');
      console.log(JSON.stringify({ before, afterLookup, afterCount: loaded() }));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '../../..'), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { before: [], afterLookup: [], afterCount: ['cl100k_base.cjs'] });
  });
});
