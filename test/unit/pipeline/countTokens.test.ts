import { strict as assert } from 'node:assert';
import { createTokenCounter } from '../../../src/pipeline/countTokens';
import { requestFromParts } from '../../../src/pipeline/request';
import { createSimulatorFetch } from '../../../src/simulator';

describe('count-tokens client', () => {
  it('counts through messages.countTokens and asks once per distinct content', async () => {
    const simulator = createSimulatorFetch({ latencyScale: 0 });
    const paths: string[] = [];
    const fetch = (input: string | URL | Request, init?: RequestInit) => {
      paths.push(new URL(input instanceof Request ? input.url : input).pathname);
      return simulator(input, init);
    };
    const counter = createTokenCounter({ apiKey: 'sim-key-123456', baseURL: 'http://sim.invalid', fetch });
    const short = requestFromParts({ system: 'You are brief.', user: 'Hello' });
    const long = requestFromParts({ system: 'You are brief. '.repeat(100), user: 'Hello' });
    const [a, b] = await Promise.all([counter.count(short, 'claude-sonnet-4-6'), counter.count(short, 'claude-sonnet-4-6')]);
    const c = await counter.count(long, 'claude-sonnet-4-6');
    assert.equal(a, b);
    assert.ok(c > a! + 100, `${c} vs ${a}`);
    assert.deepEqual(paths, ['/v1/messages/count_tokens', '/v1/messages/count_tokens']);
  });
});
