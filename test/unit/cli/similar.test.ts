import { strict as assert } from 'node:assert';
import { runCliWith } from './runHarness';

describe('cli: similar', function () {
  this.timeout(60_000);

  it('reports a paraphrase as a hit', async () => {
    const r = await runCliWith(['similar', '--format', 'json', 'How do I reset my password?', 'how can I reset my password']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['similarity', 'hit', 'guard']);
    assert.ok(out.similarity >= 0.9);
    assert.equal(out.hit, true);
    assert.equal(out.guard, null);
  });

  it('names the guard that refuses a similar request with another number', async () => {
    const r = await runCliWith(['similar', '--format', 'json', 'Book a table for 4 people tonight at the Italian restaurant on Main Street', 'Book a table for 6 people tonight at the Italian restaurant on Main Street']);
    const out = JSON.parse(r.stdout);
    assert.ok(out.similarity >= 0.9, String(out.similarity));
    assert.equal(out.hit, false);
    assert.equal(out.guard, 'number');
  });

  it('applies --threshold and labels the embedder in text output', async () => {
    const r = await runCliWith(['similar', '--threshold', '0.5', 'Where is my parcel right now?', 'where is my parcel']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^similarity 0\.\d{4} \(lexical/);
    assert.match(r.stdout, /hit: B would be served/);
  });

  it('rejects bad usage with exit 2', async () => {
    assert.equal((await runCliWith(['similar', 'only one'])).code, 2);
    assert.equal((await runCliWith(['similar', '--threshold', '2', 'a', 'b'])).code, 2);
    assert.equal((await runCliWith(['similar', '--embeddings-url', 'http://x/v1', 'a', 'b'])).code, 2);
  });
});
