// Settings validation: what a user who mistypes settings.json sees, and what the extension uses instead.
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, effectiveValue, unsafeGlobReason, validateSettings } from '../../../src/vscode/settings';

describe('settings validation', () => {
  it('uses the defaults, silently, when nothing is set', () => {
    const { settings, problems } = validateSettings({});
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
  });

  it('keeps valid values', () => {
    const { settings, problems } = validateSettings({
      defaultModel: ' gpt-4.1 ',
      volumePerDay: 500,
      ratePerMinute: 0.5,
      cacheTtl: '1h',
      'highlighting.enabled': false,
      include: ['prompts/**/*.txt'],
      priceOverrides: { 'gpt-4.1': { input: 1, output: 4 } },
    });
    assert.deepEqual(problems, []);
    assert.equal(settings.defaultModel, 'gpt-4.1');
    assert.equal(settings.volumePerDay, 500);
    assert.equal(settings.ratePerMinute, 0.5);
    assert.equal(settings.cacheTtl, '1h');
    assert.equal(settings.highlightingEnabled, false);
    assert.deepEqual(settings.include, ['prompts/**/*.txt']);
    assert.deepEqual(settings.priceOverrides, { 'gpt-4.1': { input: 1, output: 4 } });
  });

  // Each case: raw settings, the field that must fall back to its default, and words the message must contain.
  const invalid: Array<[string, Record<string, unknown>, keyof typeof DEFAULT_SETTINGS, string]> = [
    ['negative volume', { volumePerDay: -5 }, 'volumePerDay', 'volumePerDay: -5 is not a non-negative'],
    ['volume as text', { volumePerDay: '1000' }, 'volumePerDay', '"1000"'],
    ['zero rate', { ratePerMinute: 0 }, 'ratePerMinute', 'positive rate'],
    ['bad ttl', { cacheTtl: '10m' }, 'cacheTtl', '"10m" is not "5m" or "1h"'],
    ['threshold above 1', { dynamicBeforeStaticThreshold: 5 }, 'dynamicBeforeStaticThreshold', 'between 0 and 1'],
    ['empty model', { defaultModel: '' }, 'defaultModel', 'is not a model id'],
    ['unknown rule', { disabledRules: ['no-such-rule'] }, 'disabledRules', 'expected rule ids'],
    ['fractional output tokens', { outputTokens: 1.5 }, 'outputTokens', 'whole number'],
  ];
  for (const [name, raw, key, words] of invalid) {
    it(`replaces ${name} by the default and says so once`, () => {
      const { settings, problems } = validateSettings(raw);
      assert.deepEqual(settings[key], DEFAULT_SETTINGS[key]);
      assert.equal(problems.length, 1);
      assert.ok(problems[0]!.includes(words), problems[0]);
      assert.ok(problems[0]!.startsWith('promptCostLens.'), 'the message names the setting');
    });
  }

  it('drops a malformed price override and keeps the good ones', () => {
    const { settings, problems } = validateSettings({
      priceOverrides: { good: { input: 1, output: 2 }, bad: { input: -1 }, typo: { inptu: 3 } },
    });
    assert.deepEqual(Object.keys(settings.priceOverrides), ['good']);
    assert.equal(problems.length, 2);
    assert.ok(problems.some((p) => p.includes('"bad"')));
    assert.ok(problems.some((p) => p.includes('inptu')));
  });

  it('refuses globs that would read the whole disk and keeps the rest', () => {
    const { settings, problems } = validateSettings({ include: ['**/*', 'prompts/*.md', '/etc/**'] });
    assert.deepEqual(settings.include, ['prompts/*.md']);
    assert.equal(problems.length, 2);
  });

  it('falls back to the default globs when none is usable', () => {
    const { settings, problems } = validateSettings({ include: ['**'] });
    assert.deepEqual(settings.include, DEFAULT_SETTINGS.include);
    assert.ok(problems.some((p) => p.includes('using the defaults')));
  });

  for (const glob of ['**', '**/*', '*', '**/*.*', '{**,*}', '/**', 'C:\\**', '../**/*.md', '~/x', ' ']) {
    it(`flags the glob ${JSON.stringify(glob)}`, () => assert.ok(unsafeGlobReason(glob)));
  }
  for (const glob of ['**/*.prompty', 'prompts/**', '**/*.{jinja,j2}', 'src/**/*.prompt.md']) {
    it(`accepts the glob ${glob}`, () => assert.equal(unsafeGlobReason(glob), undefined));
  }
});

describe('workspace trust', () => {
  const inspected = { defaultValue: {}, globalValue: { a: { input: 1 } }, workspaceValue: { a: { input: 0 } } };
  it('applies a workspace price override in a trusted workspace', () => {
    assert.deepEqual(effectiveValue('priceOverrides', inspected, true), { a: { input: 0 } });
  });
  it('ignores a workspace price override in an untrusted workspace and keeps the user value', () => {
    assert.deepEqual(effectiveValue('priceOverrides', inspected, false), { a: { input: 1 } });
  });
  it('ignores a folder-level price override when untrusted', () => {
    assert.deepEqual(effectiveValue('priceOverrides', { defaultValue: {}, workspaceFolderValue: { a: { input: 0 } } }, false), {});
  });
  it('ignores a workspace opt-in to exact Claude counts when untrusted, and validates it', () => {
    assert.equal(effectiveValue('exactClaudeCounts', { defaultValue: false, workspaceValue: true }, false), false);
    assert.equal(effectiveValue('exactClaudeCounts', { defaultValue: false, workspaceValue: true }, true), true);
    assert.equal(validateSettings({}).settings.exactClaudeCounts, false);
    const { settings, problems } = validateSettings({ exactClaudeCounts: 'yes' });
    assert.equal(settings.exactClaudeCounts, false);
    assert.match(problems[0]!, /exactClaudeCounts: "yes" is not true or false/);
  });
  it('still applies harmless workspace settings when untrusted', () => {
    assert.equal(effectiveValue('volumePerDay', { defaultValue: 10, workspaceValue: 99 }, false), 99);
  });
});

describe('OpenAI-compatible providers setting', () => {
  it('keeps valid entries, trimmed, without a trailing slash', () => {
    const { settings, problems } = validateSettings({
      openaiCompatibleProviders: [
        { name: ' Local ', baseUrl: 'http://127.0.0.1:11434/v1/', models: ['llama3.1', ' qwen2.5 '] },
        { name: 'Proxy', baseUrl: 'https://llm.example.com/v1' },
      ],
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.openaiCompatibleProviders, [
      { name: 'Local', baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3.1', 'qwen2.5'] },
      { name: 'Proxy', baseUrl: 'https://llm.example.com/v1' },
    ]);
  });

  it('drops each invalid entry, naming it once, and keeps the rest', () => {
    const { settings, problems } = validateSettings({
      openaiCompatibleProviders: [
        { name: 'Good', baseUrl: 'http://localhost:8080/v1' },
        'http://localhost:1234',
        { baseUrl: 'http://localhost:1/v1' },
        { name: 'Good', baseUrl: 'http://localhost:9/v1' },
        { name: 'Ftp', baseUrl: 'ftp://example.com' },
        { name: 'Garbled', baseUrl: 'not a url' },
        { name: 'Leaky', baseUrl: 'https://user:sk-secret@example.com/v1' },
        { name: 'NoModels', baseUrl: 'http://localhost:2/v1', models: [] },
      ],
    });
    assert.deepEqual(settings.openaiCompatibleProviders, [{ name: 'Good', baseUrl: 'http://localhost:8080/v1' }]);
    assert.equal(problems.length, 7);
    assert.match(problems[0]!, /openaiCompatibleProviders\[1\]: "http:\/\/localhost:1234" is not an object; this entry is ignored/);
    assert.match(problems[1]!, /\[2\]: needs a "name"/);
    assert.match(problems[2]!, /\[3\]: name "Good" is used twice/);
    assert.match(problems[3]!, /\[4\]: .*must be http or https/);
    assert.match(problems[4]!, /\[5\]: .*is not a URL/);
    assert.match(problems[5]!, /\[6\]: .*contains credentials/);
    assert.ok(!problems[5]!.includes('sk-secret'), 'the credential is not echoed');
    assert.match(problems[6]!, /\[7\]: models of "NoModels" must be a non-empty list/);
  });

  it('reports a value that is not a list and offers none', () => {
    const { settings, problems } = validateSettings({ openaiCompatibleProviders: { name: 'x' } });
    assert.deepEqual(settings.openaiCompatibleProviders, []);
    assert.match(problems[0]!, /expected a list/);
  });

  it('is restricted: a workspace list is ignored when untrusted', () => {
    const inspected = { defaultValue: [], workspaceValue: [{ name: 'Repo', baseUrl: 'https://evil.example/v1' }] };
    assert.deepEqual(effectiveValue('openaiCompatibleProviders', inspected, false), []);
    assert.deepEqual(effectiveValue('openaiCompatibleProviders', inspected, true), inspected.workspaceValue);
  });
});
