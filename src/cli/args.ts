// Flag parsing shared by every subcommand: a thin typed layer over `node:util` `parseArgs` that turns
// each mistake (unknown flag, missing value, bad number, value outside its choices) into a UsageError
// with one readable sentence, so commands only declare their flags.
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

/** One flag: `--name VALUE` (string/number) or `--name` (boolean). */
export interface FlagSpec {
  type: 'string' | 'number' | 'boolean';
  short?: string;
  /** Allowed values of a string flag. */
  choices?: readonly string[];
  /** Smallest allowed value of a number flag (inclusive). */
  min?: number;
  /** Whether a number flag must be a whole number. */
  integer?: boolean;
  /** Whether the flag may repeat (values collected in order). */
  multiple?: boolean;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

type FlagValue<F extends FlagSpec> = F extends { type: 'boolean' }
  ? boolean
  : F extends { type: 'number' }
    ? number
    : F extends { choices: readonly (infer C)[] }
      ? C
      : string;

/** Parsed flag values; a flag that was not given is undefined. */
export type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]?: S[K] extends { multiple: true } ? Array<FlagValue<S[K]>> : FlagValue<S[K]>;
};

export interface ParsedArgs<S extends FlagSpecs> {
  flags: FlagValues<S>;
  positionals: string[];
}

/**
 * Parses `args` against `specs`. Positionals may be interleaved with flags; `--` ends flags; `-` is a
 * positional (stdin by convention). Pass `positionals: {min, max}` to bound their number.
 * @throws UsageError for anything the user typed wrong.
 */
export function parseFlags<S extends FlagSpecs>(
  args: readonly string[],
  specs: S,
  positionals: { min?: number; max?: number; name?: string } = {},
): ParsedArgs<S> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = {
      type: spec.type === 'boolean' ? 'boolean' : 'string',
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(readableParseError(err));
  }
  const flags: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(parsed.values)) {
    const spec = specs[name]!;
    flags[name] = Array.isArray(raw) ? raw.map((v) => convert(name, spec, v)) : convert(name, spec, raw);
  }
  const what = positionals.name ?? 'argument';
  if (positionals.min !== undefined && parsed.positionals.length < positionals.min) {
    throw new UsageError(`missing ${what}`);
  }
  if (positionals.max !== undefined && parsed.positionals.length > positionals.max) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals.max]}"`);
  }
  return { flags: flags as FlagValues<S>, positionals: parsed.positionals };
}

function convert(name: string, spec: FlagSpec, raw: string | boolean | undefined): unknown {
  if (spec.type === 'boolean') return raw;
  const value = String(raw);
  if (spec.type === 'number') {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(n)) throw new UsageError(`--${name} expects a number, got "${value}"`);
    if (spec.integer && !Number.isInteger(n)) throw new UsageError(`--${name} expects a whole number, got "${value}"`);
    if (spec.min !== undefined && n < spec.min) throw new UsageError(`--${name} must be at least ${spec.min}, got ${value}`);
    return n;
  }
  if (spec.choices && !spec.choices.includes(value)) {
    throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}; got "${value}"`);
  }
  return value;
}

/** parseArgs' messages carry hints for JavaScript callers; keep the first sentence only. */
function readableParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '(?:-\w, )?(--[^ ]+) <value>' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value`;
  return message.split(/\.\s/)[0]!.replace(/\.$/, '');
}
