// Parsing the real templates in test/fixtures/corpus (copies of /work/shared/corpus, see SOURCES.md):
// the format, syntax, variables, messages and prefix a user would check for each file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computePrefix, parseTemplate } from '../../../src/core/template';
import type { ParsedTemplate } from '../../../src/core/types';

const corpus = join(__dirname, '../../fixtures/corpus');
const load = (name: string) => readFileSync(join(corpus, name), 'utf8');
const parse = (name: string) => {
  const text = load(name);
  return { text, parsed: parseTemplate(text, { fileName: name }) };
};
const variables = (_text: string, p: ParsedTemplate) => p.segments.filter((s) => s.kind === 'dynamic' && s.name).map((s) => s.name);
const textOf = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);
/** Document text up to the prefix end, for asserting where the cacheable prefix stops. */
const prefixText = (text: string, p: ParsedTemplate) => text.slice(0, computePrefix(p, false).end);

describe('template parsing on the corpus', () => {
  it('Prompty v2 (jinja2): front matter settings, system/user roles, {{question}} in the user message', () => {
    const { text, parsed } = parse('prompty--chat-agent.prompty');
    assert.equal(parsed.format, 'prompty');
    assert.equal(parsed.syntax, 'mustache');
    assert.deepEqual(parsed.settings, { model: 'gpt-4o-mini', temperature: 0, maxTokens: 1024 });
    assert.deepEqual(parsed.messages.map((m) => m.role), ['system', 'user']);
    const fm = parsed.segments[0]!;
    assert.equal(fm.kind, 'frontMatter');
    assert.ok(textOf(text, fm).includes('${env:OPENAI_API_KEY}'), 'the env reference stays inside front matter');
    assert.deepEqual(variables(text, parsed), ['question']);
    const question = parsed.segments.find((s) => s.name === 'question')!;
    assert.equal(parsed.messages[question.message!]!.role, 'user');
  });

  it('Prompty with template: mustache: {{! }} comment and {{firstName}} in the system message', () => {
    const { text, parsed } = parse('prompty--basic_mustache.prompty');
    assert.deepEqual(variables(text, parsed), ['firstName', 'lastName', 'question']);
    const comment = parsed.segments.find((s) => s.kind === 'comment')!;
    assert.equal(textOf(text, comment), '{{! ignore this line from Mustache }}');
    assert.match(prefixText(text, parsed), /You are helping $/);
    assert.equal(parsed.settings.model, 'gpt-35-turbo');
  });

  it('Prompty v1 (contoso): for-loop bodies are dynamic, dotted variables are named', () => {
    const { text, parsed } = parse('contoso-chat--chat.prompty');
    assert.equal(parsed.settings.maxTokens, 128);
    assert.ok(variables(text, parsed).includes('customer.firstName'));
    const loop = parsed.segments.find((s) => textOf(text, s).startsWith('{% for item in documentation %}'))!;
    assert.equal(loop.kind, 'dynamic');
    // "catalog: " inside the loop is dynamic text, not static.
    const inside = parsed.segments.find((s) => s.start <= text.indexOf('catalog:') && s.end > text.indexOf('catalog:'))!;
    assert.equal(inside.kind, 'dynamic');
    assert.deepEqual(parsed.problems, []);
  });

  it('VS Code prompt files: ${input:name|default}, ${input:name:hint with spaces}, ${file}, ${selection}', () => {
    let { text, parsed } = parse('awesome-copilot--create-technical-spike.prompt.md');
    assert.equal(parsed.format, 'promptfile');
    assert.equal(parsed.syntax, 'vscode');
    assert.deepEqual(variables(text, parsed).slice(0, 3), ['FolderPath', 'SpikeTitle', 'Category']);
    ({ text, parsed } = parse('awesome-copilot--model-recommendation.prompt.md'));
    const first = parsed.segments.find((s) => s.kind === 'dynamic')!;
    assert.equal(textOf(text, first), '${input:filePath:Path to .agent.md or .prompt.md file}');
    assert.equal(first.name, 'filePath');
    ({ text, parsed } = parse('awesome-copilot--tldr-prompt.prompt.md'));
    assert.deepEqual([...new Set(variables(text, parsed))].sort(), ['file', 'selection', 'workspaceFolder']);
  });

  it('a JS template literal inside a code fence of a prompt file is not a VS Code variable', () => {
    const { text, parsed } = parse('awesome-copilot--cosmosdb-datamodeling.prompt.md');
    const at = text.indexOf('${userData.email}');
    assert.ok(at > 0);
    const seg = parsed.segments.find((s) => s.start <= at && s.end > at)!;
    assert.notEqual(seg.kind, 'dynamic');
    assert.deepEqual(variables(text, parsed), []);
  });

  it('volatile literals: a "last updated" ISO date and a timestamp in static text', () => {
    const { text, parsed } = parse('awesome-copilot--cosmosdb-datamodeling.prompt.md');
    const volatile = parsed.segments.filter((s) => s.kind === 'volatile').map((s) => textOf(text, s));
    assert.ok(volatile.includes('2024-01-01T12:00:00Z'));
    assert.equal(computePrefix(parsed, false).reason, 'volatile');
  });

  it('Handlebars (.handlebars): {{!-- --}} comments, {{#message role}} blocks as roles, ../path variables', () => {
    const { text, parsed } = parse('semantic-kernel--65-prompt-override.handlebars');
    assert.ok(textOf(text, parsed.segments[0]!).startsWith('{{!--'));
    assert.equal(parsed.segments[0]!.kind, 'comment');
    assert.deepEqual(parsed.messages.map((m) => m.role), ['system', 'user']);
    assert.ok(variables(text, parsed).includes('../nameDelimiter'));
    assert.deepEqual(parsed.problems, []);
  });

  it('Dotprompt: # licence header and front matter are not sent, {{role}} helpers split messages, {{#if}} is dynamic', () => {
    const { text, parsed } = parse('dotprompt--11-multilingual-unicode.prompt');
    const fm = parsed.segments[0]!;
    assert.equal(fm.kind, 'frontMatter');
    assert.ok(textOf(text, fm).startsWith('# Copyright 2026 Google LLC'));
    assert.equal(parsed.settings.model, 'googleai/gemini-2.5-flash');
    assert.deepEqual(parsed.messages.map((m) => m.role), ['system', 'user', 'assistant']);
    const ifBlock = parsed.segments.find((s) => textOf(text, s).startsWith('{{#if preserveEmoji}}'))!;
    assert.equal(ifBlock.kind, 'dynamic');
  });

  it('Dotprompt helpers: each/else/unless/with and subexpressions balance without problems', () => {
    const { parsed } = parse('dotprompt--05-handlebars-helpers.prompt');
    assert.deepEqual(parsed.problems, []);
  });

  it('Continue .prompt: triple-stash {{{ diff }}} and a helper call with a string argument', () => {
    const { text, parsed } = parse('continue--code-review.prompt');
    const triple = parsed.segments.find((s) => textOf(text, s) === '{{{ diff }}}')!;
    assert.equal(triple.name, 'diff');
    const helper = parsed.segments.find((s) => textOf(text, s).startsWith('{{{ url'))!;
    assert.equal(helper.kind, 'dynamic');
    assert.equal(helper.name, undefined, 'a helper call is not a variable');
  });

  it('Jinja: {% include %} ends the prefix of an otherwise static system prompt', () => {
    const { text, parsed } = parse('openhands--system_prompt.j2');
    const dynamic = parsed.segments.filter((s) => s.kind === 'dynamic');
    assert.equal(dynamic.length, 1);
    assert.equal(textOf(text, dynamic[0]!), "{% include 'security_risk_assessment.j2' %}");
    assert.equal(computePrefix(parsed, false).end, dynamic[0]!.start);
  });

  it('Jinja: nested if/for with whitespace control; ${{ secret }} is a Jinja expression after a literal $', () => {
    const { text, parsed } = parse('openhands--additional_info.j2');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.segments[0]!.kind, 'dynamic');
    const at = text.indexOf('${{');
    const seg = parsed.segments.find((s) => s.start === at + 1)!;
    assert.equal(seg.kind, 'dynamic');
  });

  it('Jinja: {# #} comment and one variable, no trailing newline', () => {
    const { text, parsed } = parse('promptflow--hello.jinja2');
    assert.equal(parsed.segments[0]!.kind, 'comment');
    assert.deepEqual(variables(text, parsed), ['text']);
  });

  it('Prompt flow: # system:/# user: headers are role markers; LaTeX braces stay static', () => {
    const { text, parsed } = parse('promptflow--chat_variant_2.jinja2');
    assert.equal(parsed.messages[0]!.role, 'system');
    assert.ok(parsed.messages.filter((m) => m.role === 'user').length >= 5);
    const latex = text.indexOf('\\binomial');
    assert.equal(parsed.segments.find((s) => s.start <= latex && s.end > latex)!.kind, 'static');
    // The few-shot examples are static; the prefix runs up to the chat history loop.
    assert.ok(textOf(text, { start: computePrefix(parsed, false).end, end: text.length }).startsWith('{% for item in chat_history %}'));
  });

  it('Python str.format: {var} fields, {{ }} escapes around a JSON skeleton, literal JSON braces', () => {
    let { text, parsed } = parse('ragflow--resume_basic_info.md');
    assert.equal(parsed.syntax, 'fstring');
    assert.deepEqual(variables(text, parsed), ['indexed_text']);
    ({ text, parsed } = parse('graphrag--community_report.txt'));
    assert.equal(parsed.syntax, 'fstring');
    assert.deepEqual(variables(text, parsed), ['input_text']);
    ({ text, parsed } = parse('gigachain--revise_summary.txt'));
    assert.deepEqual(variables(text, parsed), ['checked_assertions', 'summary']);
  });

  it('Semantic Kernel {{$var}} and function calls; "TODAY is" is volatile', () => {
    const { text, parsed } = parse('semantic-kernel--ChatGPT-skprompt.txt');
    assert.equal(variables(text, parsed)[0], '$firstName');
    assert.ok(parsed.segments.some((s) => s.kind === 'volatile' && /today is/i.test(textOf(text, s))));
  });

  it('Go template {{.CurrentDate}} after "The current date is" ends the prefix on line 2', () => {
    const { text, parsed } = parse('anthropic-cookbook--research_lead_agent.md');
    const prefix = computePrefix(parsed, false);
    assert.ok(prefix.end < 600);
    assert.ok(parsed.segments.some((s) => s.name === '.CurrentDate'));
    assert.equal(text.slice(prefix.end).startsWith('The current date is'), true);
  });

  it('LangChain serialised chat prompt: template messages, human → user, f-string fields', () => {
    const { text, parsed } = parse('langchain--simple_chat_prompt.json');
    assert.equal(parsed.format, 'chat-json');
    assert.deepEqual(parsed.messages.map((m) => m.role), ['system', 'user']);
    assert.deepEqual(variables(text, parsed), ['adjective', 'content']);
    const key = text.indexOf('"_type"');
    assert.equal(parsed.segments.find((s) => s.start <= key && s.end > key)!.kind, 'structure');
  });

  it('chat JSON with template tags between messages falls back to a plain template', () => {
    const { text, parsed } = parse('promptfoo--prompt.json');
    assert.equal(parsed.format, 'plain');
    assert.equal(variables(text, parsed)[0], 'system_message');
    assert.deepEqual(parsed.problems, []);
  });

  it('YAML files holding Jinja or Handlebars prompts are scanned as templates', () => {
    let { parsed } = parse('smolagents--code_agent.yaml');
    assert.equal(parsed.syntax, 'mustache');
    assert.deepEqual(parsed.problems, []);
    ({ parsed } = parse('semantic-kernel--getIntent.prompt.yaml'));
    assert.deepEqual(parsed.problems, []);
  });
});
