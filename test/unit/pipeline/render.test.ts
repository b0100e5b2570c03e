import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../../src/core/template';
import { dynamicText, MissingVariableError, renderTemplate, staticPrefix } from '../../../src/pipeline/request';

function render(text: string, fileName: string, vars: Record<string, string>, request?: string) {
  return renderTemplate(text, parseTemplate(text, { fileName }), vars, request);
}

describe('pipeline rendering', () => {
  it('keeps the static prefix byte-identical whatever the variable values', () => {
    const template = 'You are a support agent for Acme. Follow the policy below.\nPolicy: be brief.\n\nCustomer: {{name}}\nQuestion: {{question}}\n';
    const a = render(template, 'a.prompt.txt', { name: 'Ana', question: 'Where is my order?' });
    const b = render(template, 'a.prompt.txt', { name: 'Bo', question: 'Can I return this?' });
    assert.equal(staticPrefix(a), staticPrefix(b));
    assert.ok(staticPrefix(a).includes('Policy: be brief.'));
    assert.equal(a.system[0]!.static, true);
    assert.ok(a.system.some((block) => !block.static && block.text.includes('Ana')));
    assert.match(dynamicText(a), /Ana[\s\S]*Where is my order\?/);
  });

  it('renders chat JSON with variables JSON-escaped and splits the block where the first variable starts', () => {
    const template = JSON.stringify({
      model: 'claude-sonnet-4-6',
      system: 'You are a travel agent.',
      messages: [{ role: 'user', content: 'Traveller: {{name}}. Request follows.' }],
    });
    const r = render(template, 't.anthropic.json', { name: 'Zoë "Z" O\'Neil\nline two' });
    assert.deepEqual(r.system, [{ text: 'You are a travel agent.', static: true }]);
    assert.deepEqual(r.messages[0]!.blocks, [
      { text: 'Traveller: ', static: true },
      { text: 'Zoë "Z" O\'Neil\nline two. Request follows.', static: false },
    ]);
  });

  it('adds the request to the final user turn', () => {
    const r = render('Answer briefly.', 'p.prompt.txt', {}, 'What is 2+2?');
    assert.equal(r.messages.length, 1);
    assert.deepEqual(r.messages[0]!.blocks, [{ text: 'What is 2+2?', static: false }]);
  });

  it('names every variable without a value', () => {
    assert.throws(() => render('Hi {{a}} and {{b}}', 'p.prompt.txt', { a: 'x' }), (err: Error) => err instanceof MissingVariableError && /"b"/.test(err.message));
  });
});
