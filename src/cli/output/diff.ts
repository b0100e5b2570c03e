// Types and text rendering of `prompt-cost diff`.
import type { AnalysisOptions, AnalysisReport, Severity } from '../../core/types';
import { DAYS_PER_MONTH } from '../../core/defaults';
import type { JsonFileReport, JsonRange } from './json';
import { int, intDelta, usd, usdDelta } from '../../core/format';
import { table } from './format';

/** One version of a file, analysed. */
export interface DiffSide {
  report: AnalysisReport;
  json: JsonFileReport;
}

export interface DiffNumbers {
  model: string;
  tokens: number;
  cacheablePrefix: number;
  cachedTokens: number;
  expectedPerRequest: number;
  monthly: number;
  exact: boolean;
}

/** One file's comparison, as `--format json` prints it. */
export interface FileDiff {
  file: string;
  status: 'added' | 'deleted' | 'modified' | 'unchanged';
  before: DiffNumbers | null;
  after: DiffNumbers | null;
  delta: { tokens: number; cacheablePrefix: number; monthly: number };
  flags: Array<{ rule: 'prefix-regression'; severity: Severity; message: string; range: JsonRange }>;
}

/** A table of per-file changes, then the flagged regressions (one-based line:column). */
export function diffText(base: string, files: readonly FileDiff[], options: AnalysisOptions): string {
  if (files.length === 0) return `No prompt file differs from ${base}.\n`;
  const approx = (f: FileDiff) => (f.after?.exact ?? f.before?.exact ?? true ? '' : '≈');
  const rows = [
    ['FILE', 'STATUS', 'TOKENS', 'Δ TOKENS', 'PREFIX', 'Δ PREFIX', '$/MONTH', 'Δ $/MONTH'],
    ...files.map((f) => [
      f.file,
      f.status,
      f.after ? approx(f) + int(f.after.tokens) : '—',
      approx(f) + intDelta(f.delta.tokens),
      f.after ? approx(f) + int(f.after.cacheablePrefix) : '—',
      approx(f) + intDelta(f.delta.cacheablePrefix),
      f.after ? approx(f) + usd(f.after.monthly) : '—',
      approx(f) + usdDelta(f.delta.monthly),
    ]),
  ];
  const lines = [
    `Compared with ${base}; monthly cost with cache hits at ${options.ratePerMinute}/min, ${int(options.volumePerDay)}/day × ${DAYS_PER_MONTH} days.`,
    '',
    table(rows),
  ];
  const flagged = files.flatMap((f) => f.flags.map((flag) => ({ file: f.file, ...flag })));
  if (flagged.length) {
    lines.push('');
    for (const f of flagged) {
      lines.push(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${f.rule}  ${f.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
