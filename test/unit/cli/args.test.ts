import { strict as assert } from 'node:assert';
import { parseFlags } from '../../../src/cli/args';
import { UsageError } from '../../../src/cli/errors';

const specs = {
  format: { type: 'string', choices: ['text', 'json'] },
  rate: { type: 'number', min: 0 },
  count: { type: 'number', integer: true },
  write: { type: 'boolean', short: 'w' },
  include: { type: 'string', multiple: true },
} as const;

describe('cli: shared flag parser', () => {
  it('parses typed values and interleaved positionals', () => {
    const { flags, positionals } = parseFlags(['a', '--format', 'json', '--rate=2.5', '-w', 'b', '--include', 'x', '--include', 'y', '--', '--c'], specs);
    assert.deepEqual(flags, { format: 'json', rate: 2.5, write: true, include: ['x', 'y'] });
    assert.deepEqual(positionals, ['a', 'b', '--c']);
  });

  it('treats - as a positional (stdin)', () => {
    assert.deepEqual(parseFlags(['-'], specs).positionals, ['-']);
  });

  const bad: Array<[string[], RegExp]> = [
    [['--nope'], /unknown option --nope/],
    [['--format'], /--format needs a value/],
    [['--format', 'xml'], /one of text, json/],
    [['--rate', 'abc'], /expects a number/],
    [['--rate', ''], /expects a number/],
    [['--rate=-1'], /at least 0/],
    [['--count', '1.5'], /whole number/],
  ];
  for (const [argv, message] of bad) {
    it(`rejects ${argv.join(' ') || '(empty)'} with a UsageError`, () => {
      assert.throws(() => parseFlags(argv, specs), (err: unknown) => err instanceof UsageError && message.test(err.message));
    });
  }

  it('bounds the number of positionals', () => {
    assert.throws(() => parseFlags([], specs, { min: 1, name: 'FILE' }), /missing FILE/);
    assert.throws(() => parseFlags(['a', 'b'], specs, { max: 1 }), /unexpected argument "b"/);
  });
});
