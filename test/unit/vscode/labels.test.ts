// What the editor writes in CodeLens titles, the status bar and hovers.
import assert from 'node:assert/strict';
import {
  documentLensTitle,
  formatTokens,
  formatUsd,
  messageLensTitle,
  prefixEndLabel,
  priceDescription,
  segmentHoverLines,
  warmSavingsPercent,
} from '../../../src/vscode/labels';
import { sampleReport } from './sampleReport';

describe('editor labels', () => {
  it('formats token counts with separators and marks estimates', () => {
    assert.equal(formatTokens(4120), '4,120');
    assert.equal(formatTokens(4120, false), '≈4,120');
  });

  it('formats dollars so small per-request costs stay readable', () => {
    assert.equal(formatUsd(0.0124), '$0.0124');
    assert.equal(formatUsd(0.000031), '$0.000031');
    assert.equal(formatUsd(12.4), '$12.40');
    assert.equal(formatUsd(1234.5), '$1,235');
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(Number.NaN), '$?');
  });

  it('writes the model picker line with per-million prices in cents', () => {
    const pricing = { model: 'm', provider: 'anthropic', input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6, source: 'test' };
    assert.equal(priceDescription(pricing), '$3.00 in · $0.30 cached · $15.00 out per MTok');
    assert.equal(priceDescription({ ...pricing, input: 0.1, cacheRead: 0.025, output: 0.4 }), '$0.10 in · $0.025 cached · $0.40 out per MTok');
  });

  it('computes the warm saving from the per-request costs', () => {
    const report = sampleReport();
    const { uncached, warm } = report.cost.perRequest;
    assert.equal(warmSavingsPercent(report), Math.round((1 - warm / uncached) * 100));
  });

  it('writes the document lens as in the product brief', () => {
    assert.equal(
      documentLensTitle(sampleReport()),
      '4,120 tok · prefix 3,412 (cacheable) · dynamic 220 · $0.0124 → $0.0031 warm (−75%) · claude-sonnet-4-5',
    );
  });

  it('marks every count of an estimated report with ≈', () => {
    const report = sampleReport();
    report.tokens = { ...report.tokens, exact: false };
    const title = documentLensTitle(report);
    assert.match(title, /^≈4,120 tok · prefix ≈3,412 .* dynamic ≈220 /);
  });

  it('shows an Anthropic count as exact, and a failed count as the estimate with why', () => {
    const report = sampleReport();
    report.tokens = { ...report.tokens, exact: false };
    assert.match(documentLensTitle(report, { kind: 'exact', tokens: 4187 }), /^4,187 tok \(Anthropic count\) · prefix ≈3,412 /);
    assert.match(documentLensTitle(report, { kind: 'estimate', reason: 'count failed (HTTP 429)' }), /^≈4,120 tok \(estimate: count failed \(HTTP 429\)\) · /);
    assert.equal(documentLensTitle(report, { kind: 'off' }), documentLensTitle(report));
  });

  it('says how far a prefix is below the cache minimum', () => {
    const report = sampleReport();
    report.prefix = { ...report.prefix, tokens: 800, cacheable: false, minimumTokens: 1024 };
    assert.match(documentLensTitle(report), /prefix 800 \(not cached: 224 short of 1,024\)/);
    assert.match(prefixEndLabel(report), /below the 1,024-token cache minimum/);
  });

  it('labels the prefix end marker with its tokens', () => {
    assert.equal(prefixEndLabel(sampleReport()), '▲ cacheable prefix ends · 3,412 tokens');
  });

  it('labels messages by whether they sit in the cached prefix', () => {
    const report = sampleReport({
      messages: [
        { start: 0, end: 90, role: 'system', order: 0, tokens: 3000, framing: 4 },
        { start: 90, end: 220, role: 'user', order: 1, tokens: 1100, framing: 4 },
      ],
    });
    assert.equal(messageLensTitle(report, report.messages[0]!), 'system · 3,004 tok · cached prefix');
    assert.equal(messageLensTitle(report, report.messages[1]!), 'user · 1,104 tok · prefix ends here');
  });

  it('hovers a prefix-breaking variable with its position and the saving from moving it', () => {
    const report = sampleReport();
    const lines = segmentHoverLines(report, report.segments[1]!);
    assert.equal(lines[0], '**`user_name`** · 4 tokens (dynamic)');
    assert.equal(lines[1], 'Starts at token 3,412 of 4,120.');
    assert.match(lines[2]!, /adds 488 tokens to the cacheable prefix and saves \*\*\$1\.32 per 1,000 requests\*\*/);
  });

  it('hovers a variable after the prefix without promising a saving', () => {
    const report = sampleReport();
    const lines = segmentHoverLines(report, report.segments[3]!);
    assert.match(lines[2]!, /after the cacheable prefix/);
  });
});
