// The reorder and add-breakpoint fixes: what they move, that they only permute lines, that they are
// idempotent and lengthen the prefix, and when they are refused with a reason.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCacheRules } from '../../../src/core/cache/rules';
import { applyEdits, computeFix, planReorder } from '../../../src/core/fixes';
import { prefixStaticChars } from '../../../src/core/fixes/availability';
import { computePrefix, parseTemplate } from '../../../src/core/template';
import type { FixKind } from '../../../src/core/types';

const corpus = join(__dirname, '../../fixtures/corpus');
const claude = getCacheRules('claude-sonnet-4-5');
const openai = getCacheRules('gpt-4o');

function fix(text: string, fileName: string, kind: FixKind = 'reorder', rules = openai): string {
  const parsed = parseTemplate(text, { fileName });
  return applyEdits(text, computeFix(text, { format: parsed.format, syntax: parsed.syntax, cacheRules: rules }, kind, fileName));
}
const prefixChars = (text: string, fileName: string, explicit = false) => {
  const p = parseTemplate(text, { fileName });
  return prefixStaticChars(p, computePrefix(p, explicit));
};
const sortedLines = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '')
    .sort();
const reason = (text: string, fileName: string) => {
  const plan = planReorder(text, parseTemplate(text, { fileName }));
  return 'reason' in plan ? plan.reason : null;
};

describe('reorder fix', () => {
  it('on every corpus template where it is offered: a permutation of lines, idempotent, strictly longer prefix', () => {
    let offered = 0;
    for (const name of readdirSync(corpus).filter((f) => f !== 'SOURCES.md')) {
      const text = readFileSync(join(corpus, name), 'utf8');
      const fixed = fix(text, name);
      if (fixed === text) continue;
      offered++;
      assert.deepEqual(sortedLines(fixed), sortedLines(text), `${name}: same lines`);
      assert.ok(prefixChars(fixed, name) > prefixChars(text, name), `${name}: longer prefix`);
      assert.equal(fix(fixed, name), fixed, `${name}: idempotent`);
    }
    assert.ok(offered >= 8, `offered on ${offered} corpus files`);
  });

  it('moves a lead-in and its variable after the static instructions', () => {
    const text = 'You are a support bot.\n\nQuestion:\n{{ question }}\n\nRules:\n- Be brief.\n- Cite sources.\n';
    assert.equal(fix(text, 'a.j2'), 'You are a support bot.\n\nRules:\n- Be brief.\n- Cite sources.\n\nQuestion:\n{{ question }}\n');
  });

  it('moves a whole XML-tag block with its tags, and a markdown section with its heading', () => {
    const xml = 'Intro.\n\n<document>\n{{ doc }}\n</document>\n\nSummarise it in three bullet points.\n';
    assert.equal(fix(xml, 'a.j2'), 'Intro.\n\nSummarise it in three bullet points.\n\n<document>\n{{ doc }}\n</document>\n');
    const md = '# Role\nYou help.\n\n## User\n{{ profile }}\n\n## Style\nShort answers.\n';
    assert.equal(fix(md, 'a.j2'), '# Role\nYou help.\n\n## Style\nShort answers.\n\n## User\n{{ profile }}\n');
  });

  it('moves one list item, keeping the list tight', () => {
    const text = 'Facts:\n- static one\n- user is {{ name }}\n- static two\n';
    assert.equal(fix(text, 'a.j2'), 'Facts:\n- static one\n- static two\n- user is {{ name }}\n');
  });

  it('moves a single sentence out of a paragraph of one sentence per line', () => {
    const text = 'You are a research lead.\nThe current date is {{ today }}.\nAlways cite sources.\n';
    assert.equal(fix(text, 'a.j2'), 'You are a research lead.\nAlways cite sources.\nThe current date is {{ today }}.\n');
  });

  it('in a role-structured Prompty file, moves system-message blocks into the user message', () => {
    const text = '---\nmodel: gpt-4o\n---\nsystem:\nYou are helpful.\n\nCustomer: {{ name }}\n\nAnswer in English.\n\nuser:\nExplain caching.\n\n{{ question }}\n';
    const fixed = fix(text, 'a.prompty');
    assert.equal(fixed, '---\nmodel: gpt-4o\n---\nsystem:\nYou are helpful.\n\nAnswer in English.\n\nuser:\nExplain caching.\n\nCustomer: {{ name }}\n\n{{ question }}\n');
  });

  it('keeps CRLF line endings', () => {
    const text = 'Q:\r\n{q}\r\n\r\nStatic rules.\r\n';
    assert.equal(fix(text, 'a.txt'), 'Static rules.\r\n\r\nQ:\r\n{q}\r\n');
  });

  it('is refused when later text refers to the block by position', () => {
    const text = '<doc>\n{{ doc }}\n</doc>\n\nSummarise the document above.\n';
    assert.match(reason(text, 'a.j2')!, /by position \("above"/);
    assert.equal(fix(text, 'a.j2'), text);
  });

  it('is refused when a control block spans sections', () => {
    const text = '# A\nintro\n{% if x %}\nmore\n# B\nb text\n{% endif %}\n\nstatic tail\n';
    assert.match(reason(text, 'a.j2')!, /spans sections/);
  });

  it('is refused for chat JSON, with the alternative named', () => {
    assert.match(reason('[{"role":"user","content":"{{a}} static"}]', 'a.json')!, /cache_control breakpoint/);
  });

  it('leaves an already ordered template unchanged', () => {
    const text = 'Static.\n\n{{ x }}\n';
    assert.equal(fix(text, 'a.j2'), text);
  });
});

describe('add-breakpoint fix', () => {
  const request = (system: unknown) => JSON.stringify({ model: 'claude-sonnet-4-5', system, messages: [{ role: 'user', content: '{{question}}' }] }, null, 2);

  it('turns a string system prompt into a marked text block; the result is valid JSON and caches more', () => {
    const text = request('A long static system prompt.');
    const fixed = fix(text, 'r.json', 'add-breakpoint', claude);
    const json = JSON.parse(fixed) as { system: Array<{ text: string; cache_control: unknown }> };
    assert.deepEqual(json.system, [{ type: 'text', text: 'A long static system prompt.', cache_control: { type: 'ephemeral' } }]);
    assert.equal(prefixChars(text, 'r.json', true), 0);
    assert.ok(prefixChars(fixed, 'r.json', true) > 0);
    assert.equal(fix(fixed, 'r.json', 'add-breakpoint', claude), fixed, 'idempotent');
  });

  it('marks the last static block of a block list, not a later dynamic one', () => {
    const text = request([
      { type: 'text', text: 'Static part one.' },
      { type: 'text', text: 'Static part two.' },
      { type: 'text', text: 'User profile: {{profile}}' },
    ]);
    const json = JSON.parse(fix(text, 'r.json', 'add-breakpoint', claude)) as { system: Array<{ cache_control?: unknown }> };
    assert.deepEqual(json.system.map((b) => Boolean(b.cache_control)), [false, true, false]);
  });

  it('is not offered once the request has four breakpoints', () => {
    const marked = { type: 'text', text: 'x', cache_control: { type: 'ephemeral' } };
    const text = request([marked, marked, marked, marked, { type: 'text', text: 'more static' }]);
    assert.equal(fix(text, 'r.json', 'add-breakpoint', claude), text);
  });
});
