// The CLI's JSON report: the core's AnalysisReport with every offset also given as a zero-based
// {line, character} position (UTF-16 characters, as in the editor and LSP), and each finding's fix as a
// boolean plus its kind. This shape is a stable contract (`prompt-cost analyze --format json`).
import { LineIndex } from '../../core/positions';
import type { AnalysisOptions, AnalysisReport, Span } from '../../core/types';

export interface JsonPosition {
  /** Zero-based line. */
  line: number;
  /** Zero-based UTF-16 character within the line. */
  character: number;
  /** UTF-16 offset into the file's text (after a byte-order mark, if any). */
  offset: number;
}

export interface JsonRange {
  start: JsonPosition;
  end: JsonPosition;
}

/** One file's report in `{"files": [...]}`. */
export type JsonFileReport = ReturnType<typeof toJsonReport>;

/** Builds the JSON report of `report` for `file`; `text` is the analysed text (for positions). */
export function toJsonReport(file: string, text: string, report: AnalysisReport, options: AnalysisOptions) {
  const lines = new LineIndex(text);
  const position = (offset: number): JsonPosition => ({ ...lines.positionAt(offset), offset });
  const range = (span: Span): JsonRange => ({ start: position(span.start), end: position(span.end) });
  return {
    file,
    model: report.model,
    format: report.format,
    syntax: report.syntax,
    tokens: report.tokens,
    segments: report.segments.map((s) => ({
      kind: s.kind,
      ...range(s),
      tokens: s.tokens,
      ...(s.name !== undefined ? { name: s.name } : {}),
    })),
    messages: report.messages.map((m) => ({ role: m.role, order: m.order, ...range(m), tokens: m.tokens, framing: m.framing })),
    prefix: { ...report.prefix, end: position(report.prefix.end), cachedTokens: report.cost.cachedTokens },
    findings: report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: range(f),
      fix: f.fix !== undefined,
      ...(f.fix !== undefined ? { fixKind: f.fix } : {}),
      ...(f.fixUnavailable !== undefined ? { fixUnavailable: f.fixUnavailable } : {}),
      ...(f.tokens !== undefined ? { tokens: f.tokens } : {}),
      ...(f.usdPer1k !== undefined ? { usdPer1k: f.usdPer1k } : {}),
    })),
    cost: {
      ...report.cost,
      assumptions: {
        ratePerMinute: options.ratePerMinute,
        volumePerDay: options.volumePerDay,
        ttl: options.ttl,
        batch: options.batch,
        daysPerMonth: report.cost.daysPerMonth ?? 30,
      },
    },
    pricing: report.pricing,
    cacheRules: report.cacheRules,
    settings: report.settings,
  };
}
