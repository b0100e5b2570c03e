// Hand-written cases for each variable syntax and format, malformed templates, chat JSON request
// order and breakpoints, suppression comments and offset/position conversion.
import assert from 'node:assert/strict';
import { LineIndex } from '../../../src/core/positions';
import { computePrefix, parseTemplate, suppressedRules, suppressionComment, suppressionEdit } from '../../../src/core/template';
import { applyEdits } from '../../../src/core/fixes';
import type { ParsedTemplate } from '../../../src/core/types';

const kinds = (text: string, p: ParsedTemplate) => p.segments.map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);
const prefixEndText = (text: string, p: ParsedTemplate, explicit = false) => text.slice(0, computePrefix(p, explicit).end);

describe('template syntaxes', () => {
  it('mustache: {{ x }}, {{{ x }}}, {{! }} and {{#each}} bodies', () => {
    const text = 'Hi {{ name }}.\n{{! note }}{{{ raw }}}\n{{#each items}}- {{this}}\n{{/each}}Bye';
    const p = parseTemplate(text, { fileName: 'a.hbs' });
    assert.deepEqual(kinds(text, p), [
      'static:Hi ',
      'dynamic:{{ name }}',
      'static:.\n',
      'comment:{{! note }}',
      'dynamic:{{{ raw }}}',
      'static:\n',
      'dynamic:{{#each items}}- ',
      'dynamic:{{this}}',
      'dynamic:\n{{/each}}',
      'static:Bye',
    ]);
  });

  it('jinja: {% if %} bodies are dynamic, {# #} comments, {% raw %} content, {% set %} renders nothing', () => {
    const text = 'A{% if x %}B{% else %}C{% endif %}D{# c #}{% set y = 1 %}{% raw %}{{ literal }}{% endraw %}E';
    const p = parseTemplate(text, { fileName: 'a.j2' });
    assert.deepEqual(kinds(text, p), [
      'static:A',
      'dynamic:{% if x %}B{% else %}C{% endif %}',
      'static:D',
      'comment:{# c #}{% set y = 1 %}',
      'dynamic:{% raw %}',
      'static:{{ literal }}',
      'dynamic:{% endraw %}',
      'static:E',
    ]);
    assert.deepEqual(p.problems, []);
  });

  it('jinja filters keep the variable name; helper calls have none', () => {
    const p = parseTemplate('{{ user.name | upper }} {{ format_date(now) }}', { fileName: 'x.njk' });
    assert.deepEqual(p.segments.filter((s) => s.kind === 'dynamic').map((s) => s.name), ['user.name', undefined]);
  });

  it('f-string: {var}, {var!r:>10}, {{ }} escapes, attribute and index access', () => {
    const text = 'A {a} {{b}} {c!r:>10} {d.e[0]} }}';
    const p = parseTemplate(text, { syntax: 'fstring' });
    assert.deepEqual(p.segments.filter((s) => s.kind === 'dynamic').map((s) => s.name), ['a', 'c', 'd.e[0]']);
    assert.deepEqual(p.problems, []);
  });

  it('js: ${x}, nested braces, and escaped \\${x}', () => {
    const text = 'A ${a} \\${b} ${ f({ k: 1 }) } end';
    const p = parseTemplate(text, { syntax: 'js' });
    assert.deepEqual(p.segments.filter((s) => s.kind === 'dynamic').map((s) => text.slice(s.start, s.end)), ['${a}', '${ f({ k: 1 }) }']);
  });

  it('vscode: ${input:name}, ${input:name:hint}, ${selection}, ${file}; unknown ${x} stays static', () => {
    const text = '${input:topic} ${input:style:a short hint} ${selection} ${file} ${notAVariable}';
    const p = parseTemplate(text, { fileName: 'a.prompt.md' });
    assert.deepEqual(p.segments.filter((s) => s.kind === 'dynamic').map((s) => s.name), ['topic', 'style', 'selection', 'file']);
  });

  it('detects the syntax from content for .txt/.md files', () => {
    assert.equal(parseTemplate('Hello {{name}}', { fileName: 'a.txt' }).syntax, 'mustache');
    assert.equal(parseTemplate('Hello {name}', { fileName: 'a.txt' }).syntax, 'fstring');
    assert.equal(parseTemplate('Hello ${name}', { fileName: 'a.md' }).syntax, 'js');
    assert.equal(parseTemplate('Use ${selection}', { fileName: 'a.md' }).syntax, 'vscode');
    assert.equal(parseTemplate('No variables here.', { fileName: 'a.md' }).syntax, 'none');
  });

  it('a format string whose {{x}} is an escaped literal is f-string, not mustache', () => {
    const text = 'Write in {language} about {subject}.\nKeep literal braces such as {{placeholder}}.\n{thread}';
    const p = parseTemplate(text, { fileName: 'a.txt' });
    assert.equal(p.syntax, 'fstring');
    assert.deepEqual(p.segments.filter((s) => s.kind === 'dynamic').map((s) => s.name), ['language', 'subject', 'thread']);
  });

  it('a prompt-cost-syntax directive overrides detection and the option', () => {
    const text = '{# prompt-cost-syntax: fstring #}\nHello {name} and {{literal}}';
    const p = parseTemplate(text, { fileName: 'a.j2', syntax: 'mustache' });
    assert.equal(p.syntax, 'fstring');
    assert.deepEqual(p.segments.filter((s) => s.kind === 'dynamic').map((s) => s.name), ['name']);
    assert.equal(parseTemplate('Hello {name}', { syntax: 'none' }).syntax, 'none');
  });

  it('template syntax inside front matter is not scanned', () => {
    const text = '---\nmodel: gpt-4o\ndescription: "{{ not_a_var }} {% if %}"\n---\nsystem:\nStatic.\n';
    const p = parseTemplate(text, { fileName: 'a.prompty' });
    assert.equal(p.segments.filter((s) => s.kind === 'dynamic').length, 0);
    assert.deepEqual(p.problems, []);
  });
});

describe('malformed templates', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a.j2', 'Hello {{ name', /never closed/],
    ['a.j2', '{% if x %}open', /'if' block is never closed/],
    ['a.j2', 'text {% endfor %}', /never opened/],
    ['a.j2', '{% for a in b %}{% endif %}{% endfor %}', /never opened/],
    ['a.hbs', '{{#each x}}{{/if}}{{/each}}', /never opened/],
    ['a.j2', '{# unclosed comment', /never closed/],
    ['a.hbs', '{{!-- unclosed', /never closed/],
    ['a.txt', 'f-string {name\nnext line', /never closed/],
    ['a.j2', 'stray {{ a {{ b }}', /never closed/],
  ];
  for (const [fileName, text, message] of cases) {
    it(`${JSON.stringify(text)} → a problem with its position, never an exception`, () => {
      const p = parseTemplate(text, { fileName, syntax: fileName === 'a.txt' ? 'fstring' : undefined });
      assert.ok(p.problems.length > 0, 'reported');
      assert.match(p.problems.map((x) => x.message).join('; '), message);
      for (const problem of p.problems) assert.ok(problem.start >= 0 && problem.end <= text.length && problem.start <= problem.end);
      assert.equal(p.segments.reduce((n, s) => n + s.end - s.start, 0), text.length);
    });
  }
});

describe('chat JSON', () => {
  const anthropic = JSON.stringify(
    {
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      messages: [{ role: 'user', content: 'Question: {{question}}' }],
      system: [
        { type: 'text', text: 'You are a careful assistant.' },
        { type: 'text', text: 'Long reference manual ...', cache_control: { type: 'ephemeral' } },
      ],
      tools: [{ name: 'lookup', description: 'Look things up', input_schema: { type: 'object' } }],
    },
    null,
    2,
  );

  it('orders tools, system, messages as the provider does, whatever the document order', () => {
    const p = parseTemplate(anthropic, { fileName: 'req.json' });
    assert.equal(p.format, 'chat-json');
    const byOrder = [...p.messages].sort((a, b) => a.order - b.order).map((m) => m.role);
    assert.deepEqual(byOrder, ['tools', 'system', 'user']);
    assert.deepEqual(p.settings, { model: 'claude-sonnet-4-5', maxTokens: 300 });
    assert.deepEqual(p.breakpoints.map((b) => anthropic.slice(b.offset - 6, b.offset)), ['al ...']);
  });

  it('keys and JSON syntax are structure; string contents are static or dynamic', () => {
    const p = parseTemplate(anthropic, { fileName: 'req.json' });
    const at = (needle: string) => p.segments.find((s) => s.start <= anthropic.indexOf(needle) && s.end > anthropic.indexOf(needle))!.kind;
    assert.equal(at('"model"'), 'structure');
    assert.equal(at('You are a careful'), 'static');
    assert.equal(at('{{question}}'), 'dynamic');
  });

  it('Anthropic: the cached prefix ends at the last breakpoint before the first dynamic segment', () => {
    const p = parseTemplate(anthropic, { fileName: 'req.json' });
    const prefix = computePrefix(p, true);
    assert.equal(prefix.reason, 'breakpoint');
    assert.ok(anthropic.slice(0, prefix.end).endsWith('Long reference manual ...'));
    // Request order: tools come first, so the tool definition is in the prefix although it is last in the file.
    const included = prefix.order.slice(0, prefix.length).map((k) => p.segments[k]!);
    assert.ok(included.some((s) => anthropic.slice(s.start, s.end).includes('lookup')));
  });

  it('Anthropic without any breakpoint: no cached prefix, and the result says so', () => {
    const text = JSON.stringify({ system: 'Static system prompt.', messages: [{ role: 'user', content: '{{q}}' }] });
    const prefix = computePrefix(parseTemplate(text, { fileName: 'r.json' }), true);
    assert.equal(prefix.length, 0);
    assert.equal(prefix.missingBreakpoint, true);
    assert.equal(prefix.reason, 'breakpoint');
  });

  it('OpenAI messages array: prefix runs to the first variable (no breakpoints needed)', () => {
    const text = '[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi {{name}}"}]';
    const p = parseTemplate(text, { fileName: 'm.json' });
    assert.deepEqual(p.messages.map((m) => m.role), ['system', 'user']);
    assert.ok(prefixEndText(text, p).endsWith('Hi '));
  });

  it('counts cache_control markers on tools, blocks and the top level', () => {
    const blocks = Array.from({ length: 5 }, (_, k) => ({ type: 'text', text: `part ${k}`, cache_control: { type: 'ephemeral', ttl: k === 0 ? '1h' : '5m' } }));
    const p = parseTemplate(JSON.stringify({ system: blocks, messages: [] }), { fileName: 'r.json' });
    assert.equal(p.breakpoints.length, 5);
    assert.equal(p.breakpoints[0]!.ttl, '1h');
  });
});

describe('suppression comments', () => {
  it('a comment in the format\'s own syntax disables the named rule for the file', () => {
    const text = '{# prompt-cost-disable dynamic-before-static #}\n{{ x }} static';
    assert.deepEqual([...suppressedRules(text, parseTemplate(text, { fileName: 'a.j2' }))], ['dynamic-before-static']);
    const fm = '---\n# prompt-cost-disable volatile-in-prefix, too-many-breakpoints\n---\nsystem:\nhi';
    assert.deepEqual([...suppressedRules(fm, parseTemplate(fm, { fileName: 'a.prompty' }))].sort(), ['too-many-breakpoints', 'volatile-in-prefix']);
    // In static text the directive is prompt content, not a comment: it does nothing.
    const prose = 'prompt-cost-disable dynamic-before-static {{ x }}';
    assert.equal(suppressedRules(prose, parseTemplate(prose, { fileName: 'a.j2' })).size, 0);
  });

  it('suppressionComment gives each format its comment form, or null where none stays out of the prompt', () => {
    assert.equal(suppressionComment('plain', 'mustache', 'volatile-in-prefix', 'a.j2'), '{# prompt-cost-disable volatile-in-prefix #}');
    assert.equal(suppressionComment('plain', 'mustache', 'volatile-in-prefix', 'a.hbs'), '{{! prompt-cost-disable volatile-in-prefix }}');
    assert.equal(suppressionComment('prompty', 'mustache', 'volatile-in-prefix'), '# prompt-cost-disable volatile-in-prefix');
    assert.equal(suppressionComment('chat-json', 'mustache', 'volatile-in-prefix'), null);
    assert.equal(suppressionComment('plain', 'fstring', 'volatile-in-prefix'), null);
  });

  it('suppressionEdit inserts a comment that the parser then honours', () => {
    for (const [fileName, text] of [
      ['a.j2', 'Hello {{ x }}\nStatic text.'],
      ['a.hbs', 'Hello {{ x }}\nStatic text.'],
      ['a.prompty', '---\nmodel: gpt-4o\n---\nsystem:\nHello {{ x }}'],
      ['a.prompt.md', 'Use ${selection} here'],
    ] as const) {
      const edit = suppressionEdit(text, parseTemplate(text, { fileName }), 'dynamic-before-static', fileName)!;
      const next = applyEdits(text, [edit]);
      assert.ok(suppressedRules(next, parseTemplate(next, { fileName })).has('dynamic-before-static'), fileName);
      assert.ok(next.includes(text.slice(text.indexOf('Hello') >= 0 ? text.indexOf('Hello') : 0)), 'the prompt itself is unchanged');
    }
  });
});

describe('positions', () => {
  it('converts offsets and positions with LF, CRLF and lone CR line breaks', () => {
    const text = 'ab\r\ncd\ref\ngh';
    const index = new LineIndex(text);
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(text.length), { line: 3, character: 2 });
    for (let k = 0; k <= text.length; k++) {
      if (text[k - 1] === '\r' && text[k] === '\n') continue; // inside a CRLF pair there is no position
      assert.equal(index.offsetAt(index.positionAt(k)), k);
    }
  });
});
