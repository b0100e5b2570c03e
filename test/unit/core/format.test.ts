// The number formats every surface shares (editor, CLI, findings, model picker, playground panel).
import { strict as assert } from 'node:assert';
import { int, intDelta, ms, percent, tokens, usd, usdDelta } from '../../../src/core/format';

describe('format: token counts', () => {
  it('groups thousands and rounds', () => {
    assert.equal(`${int(1109)} tokens`, '1,109 tokens');
    assert.equal(int(0), '0');
    assert.equal(int(999), '999');
    assert.equal(int(1000), '1,000');
    assert.equal(int(10_000), '10,000');
    assert.equal(int(123_456), '123,456');
    assert.equal(int(1_234_567), '1,234,567');
    assert.equal(int(2_000_000.4), '2,000,000');
    assert.equal(int(1234.5), '1,235');
    assert.equal(int(-1234), '-1,234');
    assert.equal(int(-0.2), '0');
    assert.equal(int(Number.NaN), '?');
  });

  it('agrees with en-US toLocaleString on whole numbers', () => {
    for (let n = 1; n < 1e16; n = n * 7 + 3) {
      assert.equal(int(n), n.toLocaleString('en-US'));
      assert.equal(int(-n), (-n).toLocaleString('en-US'));
    }
  });

  it('marks estimates with ≈', () => {
    assert.equal(tokens(4120), '4,120');
    assert.equal(tokens(4120, false), '≈4,120');
  });

  it('writes signed differences', () => {
    assert.equal(intDelta(120), '+120');
    assert.equal(intDelta(-4), '-4');
    assert.equal(intDelta(-1500), '-1,500');
    assert.equal(intDelta(0), '±0');
    assert.equal(intDelta(0.3), '±0');
  });
});

describe('format: dollars', () => {
  it('shows four significant digits below a dollar, at least cents', () => {
    assert.equal(usd(0.0047), '$0.0047');
    assert.equal(usd(0.0124), '$0.0124');
    assert.equal(usd(0.0031), '$0.0031');
    assert.equal(usd(0.000031), '$0.000031');
    assert.equal(usd(0.01098), '$0.01098');
    assert.equal(usd(0.0079834), '$0.007983');
    assert.equal(usd(0.123456), '$0.1235');
    assert.equal(usd(0.5), '$0.50');
    assert.equal(usd(0.05), '$0.05');
    assert.equal(usd(0.001), '$0.001');
  });

  it('never falls into exponent notation for tiny amounts', () => {
    assert.equal(usd(3.1e-8), '$0.000000031');
    assert.equal(usd(1.23456e-7), '$0.0000001235');
    assert.match(usd(1e-30), /^\$0\.0+$/);
  });

  it('shows cents from a dollar and whole dollars from $100', () => {
    assert.equal(usd(1), '$1.00');
    assert.equal(usd(1.3176), '$1.32');
    assert.equal(usd(2.5), '$2.50');
    assert.equal(usd(12.4), '$12.40');
    assert.equal(usd(99.99), '$99.99');
    assert.equal(usd(99.999), '$100');
    assert.equal(usd(0.99999), '$1.00');
    assert.equal(usd(400), '$400');
    assert.equal(usd(1234.5), '$1,235');
    assert.equal(usd(2394.81), '$2,395');
    assert.equal(usd(1_250_000), '$1,250,000');
  });

  it('writes zero, negative and unknown amounts plainly', () => {
    assert.equal(usd(0), '$0');
    assert.equal(usd(-0.0031), '-$0.0031');
    assert.equal(usd(-12.4), '-$12.40');
    assert.equal(usd(-1234.5), '-$1,235');
    assert.equal(usd(Number.NaN), '$?');
    assert.equal(usd(Number.POSITIVE_INFINITY), '$?');
  });

  it('writes signed differences', () => {
    assert.equal(usdDelta(1.2), '+$1.20');
    assert.equal(usdDelta(-0.0031), '-$0.0031');
    assert.equal(usdDelta(0), '±$0');
  });

  it('writes per-million prices as amounts, exact for every catalogue price', () => {
    assert.equal(`${usd(2.5)} / 1M`, '$2.50 / 1M');
    assert.deepEqual([3, 0.3, 15, 0.025, 0.3125, 0.01875, 37.5, 168].map(usd), ['$3.00', '$0.30', '$15.00', '$0.025', '$0.3125', '$0.01875', '$37.50', '$168']);
  });
});

describe('format: shares and durations', () => {
  it('writes a share as a percentage with one decimal', () => {
    assert.equal(percent(0.125), '12.5%');
    assert.equal(percent(1), '100.0%');
    assert.equal(percent(0), '0.0%');
  });

  it('writes milliseconds with separators', () => {
    assert.equal(ms(1234.4), '1,234 ms');
    assert.equal(ms(87), '87 ms');
  });
});
