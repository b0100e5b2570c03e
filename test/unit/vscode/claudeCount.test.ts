// Exact Claude counts: nothing is sent without the opt-in, and with it the endpoint's figure is used.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { exactClaudeCount, type ExactCountInput } from '../../../src/vscode/claudeCount';
import { createTokenCounter } from '../../../src/pipeline/countTokens';
import { createSimulatorFetch, FAULT_HEADER } from '../../../src/simulator';

const FILE = 'examples/support-agent.prompty';
const TEXT = readFileSync(FILE, 'utf8');

/** A counter factory over the simulator that records every request it sends. */
function recording(fault?: string) {
  const simulator = createSimulatorFetch({ latencyScale: 0 });
  const sent: Array<{ path: string; body: string }> = [];
  const keys: string[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({ path: new URL(input instanceof Request ? input.url : input).pathname, body: String(init?.body ?? '') });
    const headers = new Headers(init?.headers);
    if (fault) headers.set(FAULT_HEADER, fault);
    return simulator(input, { ...init, headers });
  };
  const factory = (apiKey: string) => {
    keys.push(apiKey);
    return createTokenCounter({ apiKey, baseURL: 'http://sim.invalid', fetch });
  };
  return { sent, keys, factory };
}

const base: ExactCountInput = {
  optedIn: true,
  trusted: true,
  model: 'claude-sonnet-4-6',
  apiKey: 'sk-ant-test-key',
  text: TEXT,
  fileName: FILE,
};

describe('exact Claude counts', () => {
  const off: Array<[string, Partial<ExactCountInput>]> = [
    ['the opt-in is off', { optedIn: false }],
    ['the workspace is untrusted', { trusted: false }],
    ['the model is not Claude', { model: 'gpt-4.1' }],
  ];
  for (const [name, change] of off) {
    it(`sends nothing when ${name}`, async () => {
      const r = recording();
      assert.deepEqual(await exactClaudeCount({ ...base, ...change }, r.factory), { kind: 'off' });
      assert.deepEqual(r.keys, [], 'no counter built');
      assert.deepEqual(r.sent, [], 'no request sent');
    });
  }

  it('keeps the estimate, saying why, when no key is stored', async () => {
    const r = recording();
    assert.deepEqual(await exactClaudeCount({ ...base, apiKey: undefined }, r.factory), {
      kind: 'estimate',
      reason: 'no Anthropic API key set',
    });
    assert.deepEqual(r.sent, []);
  });

  it('uses the count-tokens figure for the rendered document when opted in', async () => {
    const r = recording();
    const result = await exactClaudeCount(base, r.factory);
    assert.equal(result.kind, 'exact');
    assert.deepEqual(r.sent.map((s) => s.path), ['/v1/messages/count_tokens']);
    // The static text of the document is what was counted; front matter is not sent.
    const body = JSON.parse(r.sent[0]!.body) as { model: string };
    assert.equal(body.model, 'claude-sonnet-4-6');
    assert.ok(r.sent[0]!.body.includes('support'), 'document text sent');
    assert.ok(!r.sent[0]!.body.includes('model:'), 'front matter not sent');
    // Larger documents count more: the figure follows the content, not a constant.
    const doubled = await exactClaudeCount({ ...base, text: `${TEXT}\n${'More static policy text. '.repeat(200)}` }, r.factory);
    assert.ok(doubled.kind === 'exact' && result.kind === 'exact' && doubled.tokens > result.tokens + 200, JSON.stringify([result, doubled]));
  });

  it('falls back to the estimate with a short reason when the endpoint fails', async () => {
    const r = recording('server-error');
    const result = await exactClaudeCount(base, r.factory);
    assert.equal(result.kind, 'estimate');
    assert.match((result as { reason: string }).reason, /HTTP 500/);
    assert.ok(!(result as { reason: string }).reason.includes(base.apiKey!), 'key never in the reason');
  });
});
