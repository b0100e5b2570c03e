// The analysis facade on the corpus and on hand-made requests: totals, prefix, findings with their
// numbers and fixes, suppression, and the incremental analyzer matching a cold analysis.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, DocumentAnalyzer, FRAMING_PER_MESSAGE, FRAMING_REPLY, type AnalyzeOptions } from '../../../src/core/analyze';
import { DEFAULT_ANALYSIS_OPTIONS } from '../../../src/core/defaults';
import { applyEdits, computeFix } from '../../../src/core/fixes';
import { countTokens } from '../../../src/core/tokens';
import fc from 'fast-check';

const corpus = join(__dirname, '../../fixtures/corpus');
const files = readdirSync(corpus).filter((f) => f !== 'SOURCES.md');
const load = (name: string) => readFileSync(join(corpus, name), 'utf8');
const options = (model: string, extra: Partial<AnalyzeOptions> = {}): AnalyzeOptions => ({ ...DEFAULT_ANALYSIS_OPTIONS, model, ...extra });

describe('analyze', () => {
  it('on every corpus file: totals add up, exact o200k counts per segment, findings carry numbers', () => {
    for (const name of files) {
      const text = load(name);
      const report = analyze(text, options('gpt-4o', { fileName: name }));
      const sent = report.segments.filter((s) => ['static', 'dynamic', 'volatile'].includes(s.kind) && s.message !== undefined);
      const content = sent.reduce((n, s) => n + s.tokens, 0);
      assert.equal(report.tokens.total, content + report.messages.length * FRAMING_PER_MESSAGE + FRAMING_REPLY, name); // no names in these files
      assert.equal(report.tokens.exact, true);
      for (const s of report.segments.slice(0, 50)) assert.equal(s.tokens, countTokens(text.slice(s.start, s.end), 'o200k_base'));
      assert.ok(report.tokens.cacheablePrefix <= report.tokens.total);
      for (const f of report.findings) {
        assert.ok(f.start >= 0 && f.end <= text.length, `${name}: ${f.rule} range`);
        assert.match(f.message, /\d/, `${name}: ${f.rule} message has a number`);
        assert.ok(f.fix !== undefined || f.fixUnavailable !== undefined, `${name}: ${f.rule} says why there is no fix`);
      }
      assert.doesNotThrow(() => JSON.stringify(report));
    }
  });

  it('a date variable at the top of a 5k-token system prompt: dynamic-before-static with tokens, dollars and a reorder fix', () => {
    const name = 'anthropic-cookbook--research_lead_agent.md';
    const text = load(name);
    const report = analyze(text, options('claude-sonnet-4-5', { fileName: name }));
    assert.equal(report.tokens.exact, false);
    const finding = report.findings.find((f) => f.rule === 'dynamic-before-static')!;
    assert.equal(text.slice(finding.start, finding.end), '{{.CurrentDate}}');
    assert.ok(finding.tokens! > 4000, `cuts ${finding.tokens} tokens`);
    assert.ok(finding.usdPer1k! > 1, `≈ $${finding.usdPer1k} per 1,000 requests`);
    assert.match(finding.message, /per 1,000 requests/);
    assert.equal(finding.fix, 'reorder');
    // Applying the fix the report offers gives a strictly longer cached prefix on re-analysis.
    const fixed = applyEdits(text, computeFix(text, report, 'reorder', name));
    const after = analyze(fixed, options('claude-sonnet-4-5', { fileName: name }));
    assert.ok(after.tokens.cacheablePrefix > report.tokens.cacheablePrefix + 4000);
    assert.ok(after.cost.perRequest.expected < report.cost.perRequest.expected);
    assert.equal(after.findings.filter((f) => f.rule === 'volatile-in-prefix' || f.rule === 'dynamic-before-static').length, 0);
  });

  it('an ISO date near the top of a long static prompt file: volatile-in-prefix', () => {
    const name = 'awesome-copilot--cosmosdb-datamodeling.prompt.md';
    const text = load(name);
    const report = analyze(text, options('gpt-4o', { fileName: name }));
    const finding = report.findings.find((f) => f.rule === 'volatile-in-prefix')!;
    assert.equal(text.slice(finding.start, finding.end), '2025-09-17');
    assert.ok(finding.tokens! > 9000, `cuts ${finding.tokens} tokens`);
    assert.match(finding.message, /date, time or id literal/);
  });

  it('prefix-below-minimum says how many tokens short', () => {
    const name = 'promptflow--hello.jinja2';
    const report = analyze(load(name), options('gpt-4o', { fileName: name }));
    const finding = report.findings.find((f) => f.rule === 'prefix-below-minimum')!;
    assert.equal(finding.tokens, report.prefix.minimumTokens - report.tokens.cacheablePrefix);
    assert.match(finding.message, new RegExp(`${finding.tokens!.toLocaleString('en-US')} short of the 1,024-token minimum`));
    assert.equal(report.prefix.cacheable, false);
  });

  it('Anthropic request without breakpoints: nothing cached, add-breakpoint offered and effective', () => {
    const system = 'You are a meticulous assistant. '.repeat(300);
    const text = JSON.stringify({ model: 'claude-sonnet-4-5', system, messages: [{ role: 'user', content: '{{question}}' }] }, null, 2);
    const report = analyze(text, options('claude-sonnet-4-5', { fileName: 'req.json' }));
    assert.equal(report.tokens.cacheablePrefix, 0);
    assert.equal(report.prefix.reason, 'breakpoint');
    const finding = report.findings.find((f) => f.rule === 'prefix-below-minimum')!;
    assert.match(finding.message, /No cache_control breakpoint/);
    assert.equal(finding.fix, 'add-breakpoint');
    const fixed = applyEdits(text, computeFix(text, report, 'add-breakpoint'));
    const after = analyze(fixed, options('claude-sonnet-4-5', { fileName: 'req.json' }));
    assert.ok(after.tokens.cacheablePrefix > 1024);
    assert.equal(after.prefix.cacheable, true);
  });

  it('too-many-breakpoints is an error at the fifth marker', () => {
    const blocks = Array.from({ length: 5 }, (_, k) => ({ type: 'text', text: `Part ${k}.`, cache_control: { type: 'ephemeral' } }));
    const text = JSON.stringify({ system: blocks, messages: [{ role: 'user', content: 'hi' }] });
    const finding = analyze(text, options('claude-sonnet-4-5', { fileName: 'r.json' })).findings.find((f) => f.rule === 'too-many-breakpoints')!;
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /^5 cache_control breakpoints; the API accepts at most 4/);
  });

  it('malformed templates become unbalanced-template findings; suppression comments and disabledRules remove findings', () => {
    const text = 'Hello {{ name }}\n' + 'Static rules. '.repeat(200) + '\n{% if x %}never closed';
    let report = analyze(text, options('gpt-4o', { fileName: 'a.j2' }));
    assert.ok(report.findings.some((f) => f.rule === 'unbalanced-template' && f.start === text.indexOf('{% if')));
    assert.ok(report.findings.some((f) => f.rule === 'dynamic-before-static'));
    report = analyze('{# prompt-cost-disable dynamic-before-static #}' + text, options('gpt-4o', { fileName: 'a.j2' }));
    assert.ok(!report.findings.some((f) => f.rule === 'dynamic-before-static'));
    report = analyze(text, options('gpt-4o', { fileName: 'a.j2', disabledRules: ['unbalanced-template'] }));
    assert.ok(!report.findings.some((f) => f.rule === 'unbalanced-template'));
  });

  it('OpenAI chat framing: +3 per message, +1 for a name, +3 reply priming; none for estimated models', () => {
    const text = JSON.stringify([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', name: 'ana', content: 'Hi there' },
    ]);
    const report = analyze(text, options('gpt-4o', { fileName: 'm.json' }));
    assert.deepEqual(report.messages.map((m) => m.framing), [3, 4]);
    const content = countTokens('Be brief.', 'o200k_base') + countTokens('Hi there', 'o200k_base');
    assert.equal(report.tokens.total, content + 3 + 4 + 3);
    assert.deepEqual(analyze(text, options('claude-sonnet-4-5', { fileName: 'm.json' })).messages.map((m) => m.framing), [0, 0]);
  });

  it('uses the template\'s max_tokens for output and reports where the figure came from', () => {
    const name = 'contoso-chat--chat.prompty';
    const report = analyze(load(name), options('gpt-4o', { fileName: name }));
    assert.equal(report.cost.outputTokens, 128);
    assert.equal(report.cost.outputTokensSource, 'template');
  });
});

describe('analyze on hostile input', () => {
  it('never throws: random templates and code units in every format, exact and estimated models', () => {
    const unit = fc.oneof(fc.constantFrom('{{ a }}', '{% if x %}', '{% endif %}', '{', '}', '${b}', '{c}', '\n', '\r\n', '# H\n', '- i\n', '<t>\n', '</t>\n', 'Q:\n', '2026-01-01', 'user:\n', '\0', '\ud800', '\u202e', ' text. '), fc.string({ maxLength: 3 }));
    const text = fc.array(unit, { maxLength: 40 }).map((a) => a.join(''));
    const fileName = fc.constantFrom('a.j2', 'a.hbs', 'a.txt', 'a.prompty', 'a.prompt.md', 'a.json', 'a.prompt');
    fc.assert(
      fc.property(text, fileName, fc.constantFrom('gpt-4o', 'claude-sonnet-4-5'), (t, f, model) => {
        const report = analyze(t, options(model, { fileName: f }));
        for (const fix of new Set(report.findings.map((x) => x.fix).filter((x) => x !== undefined))) {
          applyEdits(t, computeFix(t, report, fix, f));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('DocumentAnalyzer', () => {
  it('after random single-character edits, equals a cold analysis of the same text', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (const name of ['prompty--basic_mustache.prompty', 'awesome-copilot--tldr-prompt.prompt.md', 'openhands--additional_info.j2', 'anthropic-cookbook--research_lead_agent.md', 'graphrag--community_report.txt']) {
      const opts = options('gpt-4o', { fileName: name });
      const analyzer = new DocumentAnalyzer(opts);
      let text = load(name);
      analyzer.update(text);
      for (let k = 0; k < 20; k++) {
        const at = random(text.length + 1);
        const edit = random(2) === 0 ? { start: at, end: at, newText: '{}$%#xee \n:'.charAt(random(11)) } : { start: at, end: Math.min(text.length, at + 1), newText: '' };
        text = applyEdits(text, [edit]);
        // Byte-for-byte the same JSON as a cold analysis (what the CLI prints and the bench compares).
        assert.equal(JSON.stringify(analyzer.applyEdit(edit)), JSON.stringify(analyze(text, opts)), `${name} after edit ${k}`);
      }
      assert.equal(analyzer.current, text);
      assert.deepEqual(analyzer.update(load(name)), analyze(load(name), opts));
    }
  });

  it('applyEdits: a burst of sequential edits gives one report equal to a cold analysis', () => {
    const opts = options('gpt-4o', { fileName: 'burst.prompt.md' });
    let text = load('awesome-copilot--tldr-prompt.prompt.md');
    const analyzer = new DocumentAnalyzer(opts);
    analyzer.update(text);
    const burst = [
      { start: 10, end: 10, newText: 'Hello ' },
      { start: 16, end: 16, newText: '{{name}}\n' },
      { start: 3, end: 5, newText: '' },
      { start: 40, end: 41, newText: 'Today is 2026-11-23.' },
    ];
    for (const edit of burst) text = applyEdits(text, [edit]);
    assert.equal(JSON.stringify(analyzer.applyEdits(burst)), JSON.stringify(analyze(text, opts)));
    assert.equal(analyzer.current, text);
  });

  it('reuses segment counts only for unchanged spans: edits at segment boundaries, empty segments, edits that add or remove variables', () => {
    const opts = options('gpt-4o', { fileName: 'boundaries.prompt.md' });
    let text = '# Task\n\nYou review code.{{lang}}{{style}} Today is 2024-05-01.\n\n{{#if x}}{{/if}}Rules follow.\n\n{{input}}\n';
    const analyzer = new DocumentAnalyzer(opts);
    analyzer.update(text);
    const step = (edit: { start: number; end: number; newText: string }) => {
      text = applyEdits(text, [edit]);
      assert.equal(JSON.stringify(analyzer.applyEdit(edit)), JSON.stringify(analyze(text, opts)), `after ${JSON.stringify(edit)} -> ${JSON.stringify(text)}`);
    };
    // Typing right at each boundary between segments, then removing it again.
    for (const s of analyze(text, opts).segments) {
      step({ start: s.start, end: s.start, newText: 'q' });
      step({ start: s.start, end: s.start + 1, newText: '' });
    }
    const at = (needle: string) => text.indexOf(needle);
    step({ start: at('{{style}}'), end: at('{{style}}') + '{{style}}'.length, newText: '' }); // a variable vanishes
    step({ start: at('Rules'), end: at('Rules'), newText: '{{tone}} ' }); // one appears mid-text
    step({ start: at('2024'), end: at('2024') + 10, newText: 'soon' }); // a volatile literal becomes static
    step({ start: at('code.'), end: at('Rules'), newText: 'x' }); // one edit spanning several segments
    step({ start: 0, end: 0, newText: 'Hi {{name}}\n' });
  });
});
