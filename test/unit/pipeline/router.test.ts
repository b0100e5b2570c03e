import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { classifyByRules, createRouter, parseExamples } from '../../../src/pipeline/router';

const TIERS = ['small', 'frontier'];
const rows = readFileSync(new URL('./data/routing.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { text: string; tier: string; kind: string });

describe('pipeline router', () => {
  it('routes the labelled set with accuracy ≥ 0.85 and ≤ 10% of complex requests to the small tier', () => {
    assert.ok(rows.length >= 60, 'at least 60 labelled requests');
    let correct = 0;
    let complex = 0;
    let complexToSmall = 0;
    const wrong: string[] = [];
    for (const r of rows) {
      const d = classifyByRules(r.text, TIERS);
      if (d.tier === r.tier) correct++;
      else wrong.push(`  ${r.kind}: expected ${r.tier}, got ${d.tier} (${d.reason}) — ${r.text.slice(0, 60)}`);
      if (r.tier === 'frontier') {
        complex++;
        if (d.tier === 'small') complexToSmall++;
      }
    }
    const accuracy = correct / rows.length;
    const leak = complexToSmall / complex;
    console.log(`      router: ${rows.length} requests, accuracy ${accuracy.toFixed(3)}, complex sent to small ${complexToSmall}/${complex} (${(leak * 100).toFixed(1)}%)`);
    if (wrong.length) console.log(`      misrouted:\n${wrong.join('\n')}`);
    assert.ok(accuracy >= 0.85, `accuracy ${accuracy}`);
    assert.ok(leak <= 0.1, `complex to small ${leak}`);
  });

  it('covers short-but-hard and long-but-easy requests in the set', () => {
    const shortHard = rows.filter((r) => r.kind === 'short-hard');
    const longEasy = rows.filter((r) => r.kind === 'long-easy');
    assert.ok(shortHard.length >= 3 && shortHard.every((r) => r.text.length < 100));
    assert.ok(longEasy.length >= 3 && longEasy.every((r) => r.text.length > 400));
    // Short-but-hard must never go to the small tier (that is the expensive mistake).
    for (const r of shortHard) assert.equal(classifyByRules(r.text, TIERS).tier, 'frontier', r.text);
    const easyRight = longEasy.filter((r) => classifyByRules(r.text, TIERS).tier === 'small').length;
    console.log(`      long-but-easy routed small: ${easyRight}/${longEasy.length}`);
  });

  it('sends a request with no recognised signal to the most capable tier', () => {
    const d = classifyByRules('Banana.', ['small', 'medium', 'frontier']);
    assert.equal(d.tier, 'frontier');
    assert.match(d.reason, /no recognised signal/);
  });

  it('explains each decision and keeps the confidence in 0..1', () => {
    const d = classifyByRules('Translate "thank you" into French.', TIERS);
    assert.equal(d.tier, 'small');
    assert.match(d.reason, /translation/);
    assert.ok(d.confidence > 0.5 && d.confidence <= 1);
  });

  it('moves a low-confidence decision one tier up', () => {
    const sure = classifyByRules('Translate "thank you" into French.', TIERS);
    assert.equal(sure.tier, 'small');
    const d = classifyByRules('Translate "thank you" into French.', TIERS, sure.confidence + 0.01);
    assert.equal(d.tier, 'frontier');
    assert.equal(d.escalatedByMargin, true);
    assert.match(d.reason, /moved up from small/);
  });

  it('uses labelled examples when one is close, and the rules otherwise', () => {
    const examples = parseExamples('{"text":"Reconcile the ledger for account","tier":"frontier"}\n{"text":"Reconcile the ledger totals for account","tier":"frontier"}\n', TIERS);
    const route = createRouter({ tiers: TIERS, examples });
    const near = route('Reconcile the ledger for account 7');
    assert.equal(near.router, 'knn');
    assert.equal(near.tier, 'frontier');
    assert.match(near.reason, /nearest example/);
    assert.equal(route('Translate "hello" into German').router, 'rules');
  });

  it('rejects an examples file with a bad line, naming the line', () => {
    assert.throws(() => parseExamples('{"text":"a","tier":"small"}\nnot json\n', TIERS), /line 2/);
    assert.throws(() => parseExamples('{"text":"a","tier":"huge"}', TIERS), /unknown tier "huge"/);
  });
});
