import { strict as assert } from 'node:assert';
import { runCliWith } from './runHarness';

describe('cli: route', function () {
  this.timeout(60_000);

  it('prints tier, confidence and reason for one request', async () => {
    const r = await runCliWith(['route', 'Translate "good night" into Italian']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^small\t0\.\d\d\ttranslation/);
  });

  it('reads JSON Lines from stdin and prints one JSON object per request', async () => {
    const stdin = ['{"text":"Extract the invoice number from this email"}', '', '{"text":"Prove that there are infinitely many primes"}'].join('\n');
    const r = await runCliWith(['route', '--format', 'json', '-'], { stdin });
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((x) => x.tier), ['small', 'frontier']);
    for (const row of rows) assert.deepEqual(Object.keys(row), ['tier', 'confidence', 'reason']);
  });

  it('rejects a bad stdin line or bad flags with exit 2', async () => {
    assert.equal((await runCliWith(['route', '-'], { stdin: '{"text": 1}\n' })).code, 2);
    assert.equal((await runCliWith(['route', '-'], { stdin: 'not json\n' })).code, 2);
    assert.equal((await runCliWith(['route', '--tiers', 'a,a', 'hi'])).code, 2);
    assert.equal((await runCliWith(['route'])).code, 2);
  });
});
