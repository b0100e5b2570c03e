// Properties on random templates (fast-check) and hostile inputs (issue 9): segments always cover the
// text, nothing throws, reorder only permutes lines, is idempotent and never shrinks the prefix, and
// parsing time grows linearly on adversarial patterns.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getCacheRules } from '../../../src/core/cache/rules';
import { applyEdits, computeFix } from '../../../src/core/fixes';
import { prefixStaticChars } from '../../../src/core/fixes/availability';
import { computePrefix, parseTemplate, type ParseOptions } from '../../../src/core/template';
import type { ParsedTemplate } from '../../../src/core/types';

const FILE_NAMES = ['a.j2', 'a.hbs', 'a.txt', 'a.md', 'a.prompty', 'a.prompt.md', 'a.prompt', 'a.json', undefined];
const rules = getCacheRules('gpt-4o');

function assertCovers(text: string, p: ParsedTemplate): void {
  let cursor = 0;
  for (const s of p.segments) {
    assert.equal(s.start, cursor, 'no gap or overlap');
    assert.ok(s.end > s.start, 'no empty segment');
    cursor = s.end;
  }
  assert.equal(cursor, text.length, 'covers to the end');
  for (const problem of p.problems) {
    assert.doesNotMatch(problem.message, /internal error/);
    assert.ok(problem.start >= 0 && problem.start <= problem.end && problem.end <= text.length);
  }
  for (const b of p.breakpoints) assert.ok(b.offset >= 0 && b.offset <= text.length);
}

// Building blocks of realistic templates in every syntax, including broken ones.
const word = fc.constantFrom('You', 'are', 'a', 'helpful', 'assistant.', 'Rules', 'answer', 'briefly', '—', '数据', 'émoji 🎉', 'x');
const variable = fc.constantFrom('{{ name }}', '{{{ raw }}}', '{name}', '${name}', '${input:topic:hint}', '${selection}', '{{#each items}}- {{this}}{{/each}}', '{% if a %}yes{% endif %}', '{% for x in y %}{{ x }}{% endfor %}');
const broken = fc.constantFrom('{{ open', '{% if x %}', '{% endfor %}', '{#', '}}', '{', '${', '{{#each a}}', '{{/if}}', '{{!--');
const volatile = fc.constantFrom('2026-11-23', 'Today is Monday.', '550e8400-e29b-41d4-a716-446655440000', '2026-11-23T07:06:43Z');
const lineBreak = fc.constantFrom('\n', '\n\n', '\r\n', '\r');
const structure = fc.constantFrom('# Heading\n', '## Sub\n', '- item ', '1. step ', '<document>\n', '</document>\n', 'Question:\n', 'system:\n', 'user:\n', '{# c #}', '{{! c }}');
const piece = fc.oneof({ weight: 6, arbitrary: word.map((w) => `${w} `) }, { weight: 2, arbitrary: variable }, { weight: 2, arbitrary: lineBreak }, { weight: 2, arbitrary: structure }, { weight: 1, arbitrary: volatile }, { weight: 1, arbitrary: broken });
const template = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));
const options = fc.record({ fileName: fc.constantFrom(...FILE_NAMES), syntax: fc.constantFrom(undefined, 'mustache', 'fstring', 'js', 'vscode', 'none') }) as fc.Arbitrary<ParseOptions>;

const sortedLines = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '')
    .sort();

describe('template properties', () => {
  it('segments cover the text exactly, for random templates in every format and syntax', () => {
    fc.assert(
      fc.property(template, options, (text, opts) => assertCovers(text, parseTemplate(text, opts))),
      { numRuns: 400 },
    );
  });

  it('segments cover arbitrary strings (any code units, lone surrogates, NUL, bidi controls)', () => {
    const hostile = fc.string({ unit: fc.oneof(fc.constantFrom('{', '}', '%', '#', '$', '!', '\0', '\u202e', '\u200b', '\ud800', '\udc00', '\r', '\n', ':', '-', '"'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 200 });
    fc.assert(
      fc.property(hostile, options, (text, opts) => assertCovers(text, parseTemplate(text, opts))),
      { numRuns: 200 },
    );
  });

  it('chat JSON built from random messages parses and covers the text', () => {
    const block = fc.record({ type: fc.constant('text'), text: template, cache_control: fc.option(fc.constant({ type: 'ephemeral' }), { nil: undefined }) });
    const message = fc.record({ role: fc.constantFrom('user', 'assistant', 'system'), content: fc.oneof(template, fc.array(block, { maxLength: 3 })) });
    const request = fc.record({ system: fc.option(fc.oneof(template, fc.array(block, { maxLength: 3 })), { nil: undefined }), messages: fc.array(message, { maxLength: 4 }) });
    fc.assert(
      fc.property(request, fc.boolean(), (req, pretty) => {
        const text = JSON.stringify(req, null, pretty ? 2 : undefined);
        const p = parseTemplate(text, { fileName: 'r.json' });
        assertCovers(text, p);
        assert.equal(p.format, 'chat-json');
        computePrefix(p, true);
      }),
      { numRuns: 200 },
    );
  });

  it('reorder is a permutation of lines, idempotent, and never shrinks the cacheable prefix', () => {
    fc.assert(
      fc.property(template, fc.constantFrom('a.j2', 'a.hbs', 'a.txt', 'a.prompty', 'a.prompt.md'), (text, fileName) => {
        const p = parseTemplate(text, { fileName });
        const edits = computeFix(text, { format: p.format, syntax: p.syntax, cacheRules: rules }, 'reorder', fileName);
        const fixed = applyEdits(text, edits);
        assert.deepEqual(sortedLines(fixed), sortedLines(text));
        const q = parseTemplate(fixed, { fileName, syntax: p.syntax });
        const before = prefixStaticChars(p, computePrefix(p, false));
        const after = prefixStaticChars(q, computePrefix(q, false));
        if (edits.length) assert.ok(after > before, 'a fix that is offered lengthens the prefix');
        else assert.equal(fixed, text);
        const again = computeFix(fixed, { format: q.format, syntax: p.syntax, cacheRules: rules }, 'reorder', fileName);
        assert.deepEqual(again, [], 'idempotent');
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile inputs (issue 9)', () => {
  const opts: ParseOptions[] = [{ fileName: 'a.j2' }, { fileName: 'a.hbs' }, { fileName: 'a.txt', syntax: 'fstring' }, { syntax: 'js' }, { fileName: 'a.prompt.md' }, { fileName: 'a.prompty' }, { fileName: 'a.json' }];

  it('a 10 MB single line, NUL bytes, lone surrogates, mixed line breaks, bidi and zero-width controls', () => {
    const chunk = 'lorem ipsum dolor sit amet, \u202e\u200b\0\ud800 consectetur adipiscing elit '.repeat(100);
    const big = `${chunk}{{ y }} {z} \${w} 2026-01-01 `.repeat(1_300).slice(0, 10_000_000);
    const mixed = 'a\r\nb\rc\n{{ d }}\r\n\r\n\u2066e\u2069\n'.repeat(1000);
    for (const text of [big, mixed]) {
      for (const o of opts.slice(0, 2)) {
        const p = parseTemplate(text, o);
        assertCovers(text, p);
      }
    }
  });

  it('100,000 variables, and template syntax inside front matter', () => {
    const many = Array.from({ length: 100_000 }, (_, k) => `{{ v${k} }}`).join(' ');
    const p = parseTemplate(many, { fileName: 'a.j2' });
    assert.equal(p.segments.filter((s) => s.kind === 'dynamic').length, 100_000);
    const fm = `---\nmodel: {{ x }}\ntemplate: "{% if %}"\nkey: \${input:y}\n---\nsystem:\nStatic {{ z }}\n`;
    for (const o of opts) assertCovers(fm, parseTemplate(fm, o));
    assert.equal(parseTemplate(fm, { fileName: 'a.prompty' }).segments.filter((s) => s.kind === 'dynamic').length, 1);
  });

  it('reorder never loses a character on hostile inputs', () => {
    const texts = ['{{ a }}\n'.repeat(5000) + 'static\n', '<a>\n'.repeat(3000) + '{{ x }}\n' + '</a>\n'.repeat(3000) + 'tail\n', '# h\n{{ x }}\n\n'.repeat(2000) + 'end\n', '\0\ud800{{ x }}\r\rstatic\r\n'.repeat(500)];
    for (const text of texts) {
      const p = parseTemplate(text, { fileName: 'a.j2' });
      const fixed = applyEdits(text, computeFix(text, { format: p.format, syntax: p.syntax, cacheRules: rules }, 'reorder', 'a.j2'));
      assert.deepEqual(sortedLines(fixed), sortedLines(text));
    }
  });

  // Adversarial patterns for backtracking or repeated scanning; each is timed at n and 10n.
  const patterns: Array<[string, (n: number) => string, ParseOptions]> = [
    ['unclosed {{', (n) => '{{ a '.repeat(n), { fileName: 'a.j2' }],
    ['unclosed {%', (n) => '{% if '.repeat(n), { fileName: 'a.j2' }],
    ['nested blocks', (n) => '{% if a %}'.repeat(n) + '{% endif %}'.repeat(n), { fileName: 'a.j2' }],
    ['unclosed ${', (n) => '${ a '.repeat(n), { syntax: 'js' }],
    ['unclosed ${ (vscode)', (n) => '${input:a '.repeat(n), { fileName: 'a.prompt.md' }],
    ['f-string {name runs', (n) => '{abc'.repeat(n), { syntax: 'fstring' }],
    ['whitespace inside a tag', (n) => `{{${' '.repeat(n * 5)}x }}`, { fileName: 'a.j2' }],
    ['digit and hex runs', (n) => '2026-11-2'.repeat(n) + 'deadbeef01'.repeat(n), { syntax: 'none' }],
    ['"today is" runs', (n) => 'today is today is '.repeat(n), { syntax: 'none' }],
    ['deep JSON nesting', (n) => '['.repeat(n * 5), { fileName: 'a.json' }],
    ['many role lines', (n) => 'user:\nhi {{ x }}\n'.repeat(n), { fileName: 'a.prompty' }],
  ];
  for (const [name, make, o] of patterns) {
    it(`linear time: ${name}`, () => {
      const time = (text: string) => {
        let best = Infinity;
        for (let r = 0; r < 3; r++) {
          const t0 = performance.now();
          assertCovers(text, parseTemplate(text, o));
          best = Math.min(best, performance.now() - t0);
        }
        return best;
      };
      const small = make(2_000);
      const large = make(20_000);
      time(small); // warm up
      const [a, b] = [time(small), time(large)];
      // 10× the input may take at most ~10× the time; the slack absorbs timer noise on a shared machine.
      assert.ok(b <= 25 * a + 250, `${name}: ${a.toFixed(1)} ms → ${b.toFixed(1)} ms`);
    });
  }
});

describe('incremental re-parse', () => {
  it('equals a full parse after random edits (corpus files and random templates)', async () => {
    const { reparseAfterEdit } = await import('../../../src/core/template/incremental');
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(__dirname, '../../fixtures/corpus');
    const docs = readdirSync(dir)
      .filter((f) => f !== 'SOURCES.md')
      .map((f) => ({ fileName: f, text: readFileSync(join(dir, f), 'utf8') }));
    // Line-sensitive constructs: an unclosed front-matter fence (a later `---` line closes it) and role markers.
    docs.push(
      { fileName: 'open-fence.prompt.md', text: '---\nmodel: gpt-4o\n--\nYou help.\nx---\n{{input}} and more\n' },
      { fileName: 'roles.txt', text: '# system:\nYou are terse.\nuse:\nsystem\n# user:\n{{q}}\nassistant\n' },
    );
    let local = 0;
    const edits = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 3 }),
      insert: fc.constantFrom('', 'e', 'x1', ' ', '2026-01-01', 'today is', 'above', ':', '.', '-', 'deadbeefdeadbeef01', '<doc>', 'user:', '\n', '\r\n', '\r', 'x\ny', '\n\n', '---\n', '\n---', 'r', '\nuser:\n'),
    });
    fc.assert(
      fc.property(fc.constantFrom(...docs), fc.array(edits, { minLength: 1, maxLength: 8 }), (doc, list) => {
        let text = doc.text;
        let parsed = parseTemplate(text, { fileName: doc.fileName });
        for (const { at, remove, insert } of list) {
          const start = at % (text.length + 1);
          const edit = { start, end: Math.min(text.length, start + remove), newText: insert };
          const next = applyEdits(text, [edit]);
          const fast = reparseAfterEdit(text, next, parsed, edit, { fileName: doc.fileName });
          const full = parseTemplate(next, { fileName: doc.fileName });
          if (fast) {
            local++;
            assert.deepEqual(fast, full, `${doc.fileName}: ${JSON.stringify(edit)}`);
          }
          text = next;
          parsed = full;
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(local > 150, `the local path was taken ${local} times`);
  });

  it('equals a full parse for every insert position of line breaks, fences and role words in line-sensitive templates', async () => {
    const { reparseAfterEdit } = await import('../../../src/core/template/incremental');
    const pad = 'Plain static text long enough to keep role lines out of reach.';
    const docs = [
      { fileName: 'open-fence.prompt.md', text: '---\nmodel: gpt-4o\n--\nYou help.\nx---\n{{input}} and more\n' },
      { fileName: 'roles.txt', text: `# system:\n${pad}\nYou are terse.\nuse:\n${pad}\nsystem\n${pad}\n# user:\n{{q}}\n${pad}\nassistant\n` },
      { fileName: 'not-roles.txt', text: `user\n${pad}\n# user:\nuse:\n{{q}}\n` },
      { fileName: 'closed-fence.prompt.md', text: `---\nmodel: gpt-4o\n---\n${pad}\n--\n${pad}\nx---\n${pad}\n{{input}}\n` },
      { fileName: 'crlf.prompty', text: '---\r\nname: x\r\n---\r\nsystem:\r\nBe brief.\r\nuser\r\n{{q}}\r\n' },
    ];
    let local = 0;
    for (const { fileName, text } of docs) {
      const parsed = parseTemplate(text, { fileName });
      for (let at = 0; at <= text.length; at++) {
        for (const [remove, insert] of [[0, '\n'], [0, '\r'], [0, '-'], [0, 'r'], [0, ':'], [1, ''], [0, '\n---\n']] as const) {
          const edit = { start: at, end: Math.min(text.length, at + remove), newText: insert };
          const next = applyEdits(text, [edit]);
          const fast = reparseAfterEdit(text, next, parsed, edit, { fileName });
          if (fast) {
            local++;
            assert.deepEqual(fast, parseTemplate(next, { fileName }), `${fileName}: ${JSON.stringify(edit)}`);
          }
        }
      }
    }
    assert.ok(local > 100, `the local path was taken ${local} times`);
  });
});
