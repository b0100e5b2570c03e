// What `analyze`, `fix` and `diff` share: the flags that shape an analysis, turning them into core
// options (with the same defaults the editor uses), and analysing one file with input errors mapped
// to exit code 2.
import { analyze } from '../core/analyze';
import { DEFAULT_ANALYSIS_OPTIONS } from '../core/defaults';
import { getModelPricing, PriceOverrideError, UnknownModelError, validatePriceOverrides } from '../core/pricing';
import type { AnalysisOptions, AnalysisReport, PriceOverride, VariableSyntax } from '../core/types';
import type { FlagValues } from './args';
import { InputError } from './errors';
import { readTextFile } from './input';

/** Flags accepted by every command that analyses prompts. */
export const ANALYSIS_FLAGS = {
  model: { type: 'string' },
  rate: { type: 'number', min: 0 },
  volume: { type: 'number', min: 0 },
  'output-tokens': { type: 'number', min: 0, integer: true },
  ttl: { type: 'string', choices: ['5m', '1h'] },
  batch: { type: 'boolean' },
  syntax: { type: 'string', choices: ['mustache', 'fstring', 'js', 'vscode', 'none'] },
  /** A JSON file of custom or negotiated prices: `{"model-id": {"input": 2.4, "output": 12}}` (USD/MTok). */
  prices: { type: 'string' },
} as const;

/** Flags choosing how results are printed and when the command fails. */
export const REPORT_FLAGS = {
  format: { type: 'string', choices: ['text', 'json', 'sarif'] },
  'fail-on': { type: 'string', choices: ['error', 'warning', 'info'] },
  output: { type: 'string', short: 'o' },
} as const;

/**
 * Core options from the flags, defaults filled from `src/core/defaults.ts`.
 * @throws InputError for a model the price data does not know.
 */
export function analysisOptions(flags: FlagValues<typeof ANALYSIS_FLAGS>): AnalysisOptions {
  const options: AnalysisOptions = {
    ...DEFAULT_ANALYSIS_OPTIONS,
    model: flags.model ?? DEFAULT_ANALYSIS_OPTIONS.model,
    ratePerMinute: flags.rate ?? DEFAULT_ANALYSIS_OPTIONS.ratePerMinute,
    volumePerDay: flags.volume ?? DEFAULT_ANALYSIS_OPTIONS.volumePerDay,
    ttl: flags.ttl ?? DEFAULT_ANALYSIS_OPTIONS.ttl,
    batch: flags.batch ?? false,
  };
  if (flags['output-tokens'] !== undefined) options.outputTokens = flags['output-tokens'];
  if (flags.syntax !== undefined) options.syntax = flags.syntax as VariableSyntax;
  if (flags.prices !== undefined) options.priceOverrides = readPriceOverrides(flags.prices);
  checkModel(options.model, options.priceOverrides);
  return options;
}

/** Reads `--prices FILE`. @throws InputError for unreadable JSON or any malformed entry. */
function readPriceOverrides(path: string): Record<string, PriceOverride> {
  let raw: unknown;
  try {
    raw = JSON.parse(readTextFile(path).text);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const { overrides, problems } = validatePriceOverrides(raw);
  if (problems.length) throw new InputError(`${path}: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  return overrides;
}

/**
 * Analyses one file's text with the model named by `--model`, else the template's own model (its
 * front matter or request JSON) when that one is priced, else the default, the same order the editor
 * uses. A template model without a price is reported on stderr and the default is used instead.
 * @throws InputError when the analysis cannot price the model.
 */
export function analyzeFile(path: string, text: string, options: AnalysisOptions, modelFromFlag: boolean): AnalysisReport {
  try {
    const report = analyze(text, { ...options, fileName: path });
    const own = report.settings.model?.trim();
    if (modelFromFlag || !own || own === options.model) return report;
    try {
      getModelPricing(own, options.priceOverrides);
    } catch (err) {
      if (!(err instanceof UnknownModelError)) throw err;
      process.stderr.write(`prompt-cost: ${path}: the template's model "${own}" has no price; using ${options.model}\n`);
      return report;
    }
    return analyze(text, { ...options, model: own, fileName: path });
  } catch (err) {
    if (err instanceof UnknownModelError || err instanceof PriceOverrideError) throw new InputError(`${path}: ${err.message}`);
    throw err;
  }
}

function checkModel(model: string, overrides: AnalysisOptions['priceOverrides']): void {
  try {
    getModelPricing(model, overrides);
  } catch (err) {
    if (err instanceof UnknownModelError) throw new InputError(err.message);
    throw err;
  }
}
