import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lexicalEmbedder } from '../../../src/pipeline/embed/lexical';
import type { Usage } from '../../../src/pipeline/events';
import { cacheNamespace, SemanticCache } from '../../../src/pipeline/semantic/cache';
import { guardRefusal } from '../../../src/pipeline/semantic/guards';

const USAGE: Usage = { input: 10, cacheWrite: 0, cacheRead: 1000, output: 50 };
const NS = cacheNamespace('You are a support assistant.', 'small', '1');

/** Cached request, incoming request, and the guard that must refuse. */
const MUST_MISS: Array<[string, string, string]> = [
  ['Turn on the living room lights', 'Turn off the living room lights', 'reversal'],
  ['Refund order 1234', 'Do not refund order 1234', 'negation'],
  ['Enable two-factor authentication on my account', 'Disable two-factor authentication on my account', 'reversal'],
  ['Should I include the tax in the total?', 'Should I exclude the tax from the total?', 'reversal'],
  ['The customer wants to cancel the subscription', 'The customer does not want to cancel the subscription', 'negation'],
  ['Can I return an opened item?', 'Can I never return an opened item?', 'negation'],
  ['Lock the front door at night', 'Unlock the front door at night', 'reversal'],
  ['Increase the font size in the editor', 'Decrease the font size in the editor', 'reversal'],
  ['How much is shipping for 2 items?', 'How much is shipping for 3 items?', 'number'],
  ['Book a table for 4 people', 'Book a table for 6 people', 'number'],
  ['Convert 100 dollars to euros', 'Convert 250 dollars to euros', 'number'],
  ['What is 15% of 80?', 'What is 15% of 90?', 'number'],
  ['Set the thermostat to 21 degrees', 'Set the thermostat to 19 degrees', 'number'],
  ['Where is my order ORD-5521?', 'Where is my order ORD-5522?', 'id'],
  ['Reset the password for jane@acme.io', 'Reset the password for john@acme.io', 'id'],
  ['Is flight BA117 on time?', 'Is flight BA119 on time?', 'id'],
  ['What were our sales on 2024-03-01?', 'What were our sales on 2024-03-02?', 'date'],
  ['Schedule the review for Monday', 'Schedule the review for Tuesday', 'date'],
  ['Is the store open on March 5?', 'Is the store open on March 6?', 'date'],
  ['What is the weather in Paris today?', 'What is the weather in Berlin today?', 'entity'],
  ['Translate "good morning" into Spanish', 'Translate "good morning" into French', 'entity'],
  ['Summarize the contract with Globex', 'Summarize the contract with Initech', 'entity'],
  ['Send the invoice to Alice Martin', 'Send the invoice to Bob Martin', 'entity'],
  ['What time does the Boston office open?', 'What time does the Denver office open?', 'entity'],
];

const MUST_HIT: Array<[string, string]> = [
  ['How do I reset my password?', 'how can I reset my password'],
  ['What is the capital of France?', "What's the capital of France"],
  ['Translate "good morning" into Spanish', 'Please translate "good morning" to Spanish.'],
  ['Summarize this article in three bullet points', 'Summarise this article in 3 bullet points'],
  ['Can you tell me the status of my order?', 'Tell me the status of my order, please'],
  ['What are your opening hours on Saturday?', 'what are your opening hours on saturday'],
  ['Cancel my subscription', 'I want to cancel my subscription'],
];

const tmp = () => mkdtempSync(join(tmpdir(), 'pcl-semcache-'));

describe('semantic cache', () => {
  it(`refuses ${MUST_MISS.length} negated, reversed, number-, date-, id- and entity-changed variants, naming the guard`, async () => {
    assert.ok(MUST_MISS.length >= 20);
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder });
    for (const [cached, incoming, guard] of MUST_MISS) {
      assert.equal(guardRefusal(cached, incoming), guard, `${cached} → ${incoming}`);
      const ns = cacheNamespace(cached, 'small', '1');
      await cache.put(ns, cached, 'answer', 'm', USAGE);
      const r = await cache.lookup(ns, incoming);
      assert.equal(r.hit, false, `${cached} → ${incoming} (similarity ${r.similarity})`);
      if (r.similarity !== null && r.similarity >= cache.threshold) assert.equal(r.guard, guard);
    }
  });

  it('serves paraphrases at or above the threshold, reporting similarity and the matched request', async () => {
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder });
    for (const [cached, incoming] of MUST_HIT) {
      const ns = cacheNamespace(cached, 'small', '1');
      await cache.put(ns, cached, `answer to ${cached}`, 'm', USAGE);
      const r = await cache.lookup(ns, incoming);
      assert.equal(r.hit, true, `${cached} → ${incoming}: similarity ${r.similarity}, guard ${r.guard}`);
      assert.ok(r.similarity! >= 0.9);
      assert.equal(r.matched!.request, cached);
      assert.equal(r.matched!.answer, `answer to ${cached}`);
    }
  });

  it('never serves across prompt versions, tiers or static prefixes', async () => {
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder });
    await cache.put(NS, 'How do I reset my password?', 'a', 'm', USAGE);
    assert.equal((await cache.lookup(NS, 'How do I reset my password?')).hit, true);
    for (const ns of [
      cacheNamespace('You are a support assistant.', 'small', '2'),
      cacheNamespace('You are a support assistant.', 'frontier', '1'),
      cacheNamespace('You are a sales assistant.', 'small', '1'),
    ]) {
      assert.equal((await cache.lookup(ns, 'How do I reset my password?')).hit, false);
    }
  });

  it('checks the next candidates when the best one is refused by a guard', async () => {
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder });
    await cache.put(NS, 'Turn on the kitchen lights now', 'turning on', 'm', USAGE);
    await cache.put(NS, 'Turn off the kitchen lights', 'turning off', 'm', USAGE);
    const r = await cache.lookup(NS, 'Turn off the kitchen lights now');
    assert.equal(r.hit, true);
    assert.equal(r.matched!.answer, 'turning off');
  });

  it('expires entries after the TTL and keeps at most maxEntries, dropping the least recently used', async () => {
    let now = 1_000_000;
    const clock = { now: () => now };
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder, ttlMs: 60_000, maxEntries: 2, clock });
    await cache.put(NS, 'What is the refund policy?', 'a1', 'm', USAGE);
    await cache.put(NS, 'Where is the nearest store?', 'a2', 'm', USAGE);
    assert.equal((await cache.lookup(NS, 'What is the refund policy?')).hit, true); // now most recent
    await cache.put(NS, 'How long does delivery take?', 'a3', 'm', USAGE);
    assert.equal(cache.size, 2);
    assert.equal((await cache.lookup(NS, 'Where is the nearest store?')).hit, false, 'least recently used is gone');
    assert.equal((await cache.lookup(NS, 'What is the refund policy?')).hit, true);
    now += 61_000;
    assert.equal((await cache.lookup(NS, 'What is the refund policy?')).hit, false, 'expired');
  });

  it('persists acknowledged entries across restarts', async () => {
    const file = join(tmp(), 'cache.jsonl');
    const a = await SemanticCache.open({ embedder: lexicalEmbedder, file });
    await a.put(NS, 'What is the refund policy?', 'thirty days', 'claude-haiku-4-5', USAGE);
    const b = await SemanticCache.open({ embedder: lexicalEmbedder, file });
    const r = await b.lookup(NS, 'what is the refund policy');
    assert.equal(r.hit, true);
    assert.equal(r.matched!.answer, 'thirty days');
    assert.deepEqual(r.matched!.usage, USAGE);
  });

  it('quarantines a corrupt store with a warning and starts a fresh one with the readable entries', async () => {
    const dir = tmp();
    const file = join(dir, 'cache.jsonl');
    const a = await SemanticCache.open({ embedder: lexicalEmbedder, file });
    await a.put(NS, 'What is the refund policy?', 'thirty days', 'm', USAGE);
    await a.put(NS, 'Where is the nearest store?', 'main street', 'm', USAGE);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('thirty days', 'sixty days'); // checksum no longer matches
    writeFileSync(file, lines.join('\n'));
    const warnings: string[] = [];
    const b = await SemanticCache.open({ embedder: lexicalEmbedder, file, warn: (m) => warnings.push(m) });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /damaged/);
    assert.ok(readdirSync(dir).some((f) => f.startsWith('cache.jsonl.corrupt-')), 'the damaged file is kept aside');
    assert.equal((await b.lookup(NS, 'What is the refund policy?')).hit, false, 'the altered entry is not served');
    assert.equal((await b.lookup(NS, 'Where is the nearest store?')).matched!.answer, 'main street');
    // The fresh store is loadable without another warning.
    await SemanticCache.open({ embedder: lexicalEmbedder, file, warn: (m) => warnings.push(m) });
    assert.equal(warnings.length, 1);
  });

  it('quarantines a file that is not a cache at all', async () => {
    const file = join(tmp(), 'cache.jsonl');
    writeFileSync(file, Buffer.from([0, 1, 2, 255, 10, 65, 10]));
    const warnings: string[] = [];
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder, file, warn: (m) => warnings.push(m) });
    assert.equal(cache.size, 0);
    assert.equal(warnings.length, 1);
  });

  it('lets two instances share one file without losing or corrupting entries', async () => {
    const file = join(tmp(), 'cache.jsonl');
    const [a, b] = await Promise.all([SemanticCache.open({ embedder: lexicalEmbedder, file }), SemanticCache.open({ embedder: lexicalEmbedder, file })]);
    const puts: Promise<unknown>[] = [];
    for (let i = 0; i < 25; i++) {
      puts.push(a.put(NS, `question number ${i} from window A about topic alpha${i}`, `A${i}`, 'm', USAGE));
      puts.push(b.put(NS, `question number ${i} from window B about topic beta${i}`, `B${i}`, 'm', USAGE));
    }
    await Promise.all(puts);
    const warnings: string[] = [];
    const c = await SemanticCache.open({ embedder: lexicalEmbedder, file, warn: (m) => warnings.push(m) });
    assert.deepEqual(warnings, []);
    assert.equal(c.size, 50);
  });

  it('compares two texts for the similar command', async () => {
    const cache = await SemanticCache.open({ embedder: lexicalEmbedder });
    const same = await cache.compare('How do I reset my password?', 'how can I reset my password');
    assert.equal(same.hit, true);
    const flipped = await cache.compare('Turn on the lights', 'Turn off the lights');
    assert.equal(flipped.hit, false);
    assert.ok(flipped.similarity! < 1);
  });
});
