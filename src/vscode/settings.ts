// The typed shape of the `promptCostLens.*` settings and their validation. This file is pure (no
// `vscode` import) so the validation is unit-tested under plain Node; `config.ts` feeds it the raw
// values VS Code returns. Every invalid value is replaced by its default and named in `problems`,
// so a bad settings.json never throws and never silently changes what the user sees.
import { DEFAULT_ANALYSIS_OPTIONS } from '../core/defaults';
import { validatePriceOverrides } from '../core/pricing/overrides';
import type { PriceOverride, RuleId, VariableSyntax } from '../core/types';

export interface Settings {
  defaultModel: string;
  compareModels: string[];
  volumePerDay: number;
  ratePerMinute: number;
  cacheTtl: '5m' | '1h';
  batch: boolean;
  /** Output tokens per request when the template does not say; undefined = the core's stated default. */
  outputTokens: number | undefined;
  dynamicBeforeStaticThreshold: number;
  syntax: VariableSyntax | 'auto';
  include: string[];
  exclude: string[];
  priceOverrides: Record<string, PriceOverride>;
  disabledRules: RuleId[];
  highlightingEnabled: boolean;
  /** Opt-in: ask Anthropic's count-tokens endpoint for exact Claude counts (sends the prompt there). */
  exactClaudeCounts: boolean;
  /** OpenAI-compatible servers the playground offers as providers (trusted workspaces only). */
  openaiCompatibleProviders: CompatibleProvider[];
}

/** One `promptCostLens.openaiCompatibleProviders` entry, validated. */
export interface CompatibleProvider {
  name: string;
  /** http(s) URL without credentials, no trailing slash (e.g. `http://localhost:11434/v1`). */
  baseUrl: string;
  /** The server's models, cheapest first; absent = OpenAI's default tiers. */
  models?: string[];
}

/** Setting keys (below `promptCostLens.`) and their defaults; `package.json` declares the same. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  // Cost-model defaults come from the core so the editor and the CLI agree on an unconfigured file.
  defaultModel: DEFAULT_ANALYSIS_OPTIONS.model,
  compareModels: ['gpt-4.1', 'claude-haiku-4-5'],
  volumePerDay: DEFAULT_ANALYSIS_OPTIONS.volumePerDay,
  ratePerMinute: DEFAULT_ANALYSIS_OPTIONS.ratePerMinute,
  cacheTtl: DEFAULT_ANALYSIS_OPTIONS.ttl,
  batch: DEFAULT_ANALYSIS_OPTIONS.batch,
  outputTokens: undefined,
  dynamicBeforeStaticThreshold: DEFAULT_ANALYSIS_OPTIONS.dynamicBeforeStaticThreshold,
  syntax: 'auto',
  include: [
    '**/*.prompty',
    '**/*.prompt.md',
    '**/*.prompt',
    '**/*.prompt.txt',
    '**/*.{jinja,jinja2,j2,njk}',
    '**/*.{hbs,handlebars,mustache}',
    // Chat-message JSON is only recognised by name, since most JSON files are not prompts.
    '**/*.{openai,anthropic,chat}.json',
  ],
  exclude: ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**'],
  priceOverrides: {},
  disabledRules: [],
  highlightingEnabled: true,
  exactClaudeCounts: false,
  openaiCompatibleProviders: [],
});

/** Raw setting key (as in `package.json`) for each typed field. */
export const SETTING_KEYS: Readonly<Record<keyof Settings, string>> = {
  defaultModel: 'defaultModel',
  compareModels: 'compareModels',
  volumePerDay: 'volumePerDay',
  ratePerMinute: 'ratePerMinute',
  cacheTtl: 'cacheTtl',
  batch: 'batch',
  outputTokens: 'outputTokens',
  dynamicBeforeStaticThreshold: 'dynamicBeforeStaticThreshold',
  syntax: 'syntax',
  include: 'include',
  exclude: 'exclude',
  priceOverrides: 'priceOverrides',
  disabledRules: 'disabledRules',
  highlightingEnabled: 'highlighting.enabled',
  exactClaudeCounts: 'exactClaudeCounts',
  openaiCompatibleProviders: 'openaiCompatibleProviders',
};

/**
 * Settings a cloned repository could use to hide cost: in an untrusted workspace their
 * workspace-level values are ignored (also declared as `restrictedConfigurations`).
 */
export const RESTRICTED_KEYS: readonly string[] = ['priceOverrides', 'exactClaudeCounts', 'openaiCompatibleProviders'];

const RULE_IDS: readonly RuleId[] = [
  'dynamic-before-static',
  'volatile-in-prefix',
  'prefix-below-minimum',
  'too-many-breakpoints',
  'unbalanced-template',
];
const SYNTAXES: ReadonlyArray<Settings['syntax']> = ['auto', 'mustache', 'fstring', 'js', 'vscode', 'none'];

export interface ValidatedSettings {
  settings: Settings;
  /** One readable sentence per invalid value, naming the setting and what was used instead. */
  problems: string[];
}

/** A check returns the accepted value, or a reason the value was rejected. */
type Check<T> = (value: unknown) => { ok: T } | { error: string };

/** Validates raw values keyed as in {@link SETTING_KEYS}; missing keys take their defaults silently. */
export function validateSettings(raw: Readonly<Record<string, unknown>>): ValidatedSettings {
  const problems: string[] = [];
  const field = <K extends keyof Settings>(key: K, check: Check<Settings[K]>): Settings[K] => {
    const value = raw[SETTING_KEYS[key]];
    if (value === undefined || value === null) return DEFAULT_SETTINGS[key];
    const result = check(value);
    if ('ok' in result) return result.ok;
    problems.push(`promptCostLens.${SETTING_KEYS[key]}: ${result.error}; using ${describe(DEFAULT_SETTINGS[key])}.`);
    return DEFAULT_SETTINGS[key];
  };
  const boolean: Check<boolean> = (v) => (typeof v === 'boolean' ? { ok: v } : { error: `${describe(v)} is not true or false` });

  const settings: Settings = {
    defaultModel: field('defaultModel', (v) =>
      typeof v === 'string' && v.trim() !== '' ? { ok: v.trim() } : { error: `${describe(v)} is not a model id` },
    ),
    compareModels: field('compareModels', (v) =>
      Array.isArray(v) && v.every((m) => typeof m === 'string' && m.trim() !== '')
        ? { ok: v.map((m: string) => m.trim()) }
        : { error: 'expected a list of model ids' },
    ),
    volumePerDay: field('volumePerDay', (v) =>
      typeof v === 'number' && Number.isFinite(v) && v >= 0
        ? { ok: v }
        : { error: `${describe(v)} is not a non-negative number of requests per day` },
    ),
    ratePerMinute: field('ratePerMinute', (v) =>
      typeof v === 'number' && Number.isFinite(v) && v > 0
        ? { ok: v }
        : { error: `${describe(v)} is not a positive rate per minute` },
    ),
    cacheTtl: field('cacheTtl', (v) => (v === '5m' || v === '1h' ? { ok: v } : { error: `${describe(v)} is not "5m" or "1h"` })),
    batch: field('batch', boolean),
    outputTokens: field('outputTokens', (v) =>
      typeof v === 'number' && Number.isInteger(v) && v >= 0
        ? { ok: v }
        : { error: `${describe(v)} is not a whole number of tokens` },
    ),
    dynamicBeforeStaticThreshold: field('dynamicBeforeStaticThreshold', (v) =>
      typeof v === 'number' && v >= 0 && v <= 1 ? { ok: v } : { error: `${describe(v)} is not a share between 0 and 1` },
    ),
    syntax: field('syntax', (v) =>
      SYNTAXES.includes(v as Settings['syntax'])
        ? { ok: v as Settings['syntax'] }
        : { error: `${describe(v)} is not one of ${SYNTAXES.join(', ')}` },
    ),
    include: globList(raw[SETTING_KEYS.include], 'include', DEFAULT_SETTINGS.include, problems),
    exclude: globList(raw[SETTING_KEYS.exclude], 'exclude', DEFAULT_SETTINGS.exclude, problems),
    priceOverrides: priceOverrides(raw[SETTING_KEYS.priceOverrides], problems),
    disabledRules: field('disabledRules', (v) =>
      Array.isArray(v) && v.every((r) => RULE_IDS.includes(r as RuleId))
        ? { ok: v as RuleId[] }
        : { error: `expected rule ids from ${RULE_IDS.join(', ')}` },
    ),
    highlightingEnabled: field('highlightingEnabled', boolean),
    exactClaudeCounts: field('exactClaudeCounts', boolean),
    openaiCompatibleProviders: compatibleProviders(raw[SETTING_KEYS.openaiCompatibleProviders], problems),
  };
  return { settings, problems };
}

/**
 * Why a glob may not be used, or undefined when it is fine. A pattern that matches every file (or
 * reaches outside the workspace) would make the Prompt Costs view read the whole disk.
 */
export function unsafeGlobReason(glob: string): string | undefined {
  const g = glob.trim();
  if (g === '') return 'is empty';
  if (/^([a-zA-Z]:)?[\\/]/.test(g) || g.startsWith('~')) return 'is an absolute path; globs are relative to the workspace';
  if (g.split(/[\\/]/).includes('..')) return 'reaches outside the workspace';
  // Strip the wildcard-only path parts: if nothing names a file or folder, the glob matches everything.
  if (!g.split(/[\\/]/).some((part) => /[^*?.{},]/.test(part))) return 'matches every file';
  return undefined;
}

function globList(value: unknown, key: 'include' | 'exclude', fallback: string[], problems: string[]): string[] {
  if (value === undefined || value === null) return fallback;
  if (!Array.isArray(value) || !value.every((g) => typeof g === 'string')) {
    problems.push(`promptCostLens.${key}: expected a list of glob patterns; using the defaults.`);
    return fallback;
  }
  const kept: string[] = [];
  for (const glob of value as string[]) {
    const why = unsafeGlobReason(glob);
    if (why) problems.push(`promptCostLens.${key}: "${glob}" ${why}; it is ignored.`);
    else kept.push(glob.trim());
  }
  if (kept.length === 0 && value.length > 0) {
    problems.push(`promptCostLens.${key}: no usable pattern left; using the defaults.`);
    return fallback;
  }
  return kept;
}

/** Usable overrides; each malformed entry is dropped and named (the catalogue prices apply to it). */
function priceOverrides(value: unknown, problems: string[]): Record<string, PriceOverride> {
  const result = validatePriceOverrides(value);
  problems.push(...result.problems.map((p) => `promptCostLens.priceOverrides: ${p}; catalogue prices are used instead.`));
  return result.overrides;
}

/**
 * Usable OpenAI-compatible providers; each malformed entry is dropped and named. A base URL may not
 * carry credentials: keys live in SecretStorage only.
 */
export function compatibleProviders(value: unknown, problems: string[]): CompatibleProvider[] {
  const key = 'promptCostLens.openaiCompatibleProviders';
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(`${key}: expected a list of {name, baseUrl, models?}; no compatible provider is offered.`);
    return [];
  }
  const kept: CompatibleProvider[] = [];
  value.forEach((entry: unknown, i) => {
    const why = compatibleProblem(entry, kept);
    if (why) {
      problems.push(`${key}[${i}]: ${why}; this entry is ignored.`);
      return;
    }
    const e = entry as { name: string; baseUrl: string; models?: string[] };
    kept.push({
      name: e.name.trim(),
      baseUrl: e.baseUrl.trim().replace(/\/+$/, ''),
      ...(e.models ? { models: e.models.map((m) => m.trim()) } : {}),
    });
  });
  return kept;
}

function compatibleProblem(entry: unknown, kept: readonly CompatibleProvider[]): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `${describe(entry)} is not an object`;
  const { name, baseUrl, models } = entry as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') return 'needs a "name"';
  if (name.trim().length > 60) return `name "${name.trim().slice(0, 60)}…" is longer than 60 characters`;
  if (kept.some((p) => p.name === name.trim())) return `name "${name.trim()}" is used twice`;
  if (typeof baseUrl !== 'string') return `"${name.trim()}" needs a "baseUrl"`;
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return `baseUrl of "${name.trim()}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `baseUrl of "${name.trim()}" must be http or https`;
  if (url.username || url.password) return `baseUrl of "${name.trim()}" contains credentials; store the key with "Set API key" instead`;
  if (models !== undefined && !(Array.isArray(models) && models.length > 0 && models.every((m) => typeof m === 'string' && m.trim() !== '')))
    return `models of "${name.trim()}" must be a non-empty list of model ids`;
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'the core default';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** The parts of `WorkspaceConfiguration.inspect()` that decide a value's source. */
export interface InspectedValue {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The value VS Code should apply: the most specific one, except that in an untrusted workspace the
 * workspace and folder levels of a restricted key are ignored (a cloned repository must not be able to
 * lower prices or opt the user in to sending prompts).
 */
export function effectiveValue(key: string, inspected: InspectedValue, trusted: boolean): unknown {
  const workspaceLevels = trusted || !RESTRICTED_KEYS.includes(key);
  return (
    (workspaceLevels ? (inspected.workspaceFolderValue ?? inspected.workspaceValue) : undefined) ??
    inspected.globalValue ??
    inspected.defaultValue
  );
}
