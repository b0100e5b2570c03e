import { strict as assert } from 'node:assert';
import { redactSecrets } from '../../../src/pipeline/redact';

describe('pipeline redaction', () => {
  it('replaces every occurrence of a known key', () => {
    const key = 'xyz-CANARY-0123456789';
    assert.equal(redactSecrets(`bad key ${key}, again ${key}`, [key]), 'bad key [redacted], again [redacted]');
  });

  it('replaces partly-masked OpenAI keys as a 401 message echoes them', () => {
    const out = redactSecrets('Incorrect API key provided: sk-proj-abc…wxyz. Also sk-…abcd and sk-****************abcd.', []);
    assert.equal(out, 'Incorrect API key provided: [redacted]. Also [redacted] and [redacted].');
  });

  it('leaves ordinary text alone', () => {
    const text = 'A task-force on risk-free rates; ask-me-anything; sk-1 is too short; 12345678 is not a key.';
    assert.equal(redactSecrets(text, ['short', '']), text);
  });
});
