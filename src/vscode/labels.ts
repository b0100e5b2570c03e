// The words and numbers the editor shows (CodeLens titles, status bar, hovers), built from an
// AnalysisReport. Pure, so the integration test can format the CLI's JSON with the same functions and
// compare titles exactly. Estimates carry `≈` wherever a count is shown.
import { tokens, usd } from '../core/format';
import type { AnalysisReport, Finding, MessageReport, ModelPricing, SegmentReport } from '../core/types';
import type { ExactCountResult } from './claudeCount';

/** Everything of a report but its segments (what the extension host keeps of an analysis). */
export type ReportSummary = Omit<AnalysisReport, 'segments'>;

/** `4,120`, or `≈4,120` when the count is an estimate (the core's rule, under the editor's name). */
export const formatTokens = tokens;

/** Dollars with enough digits to tell small per-request costs apart: `$0.0124`, `$0.000031`, `$12.40`. */
export const formatUsd = usd;

/** The model picker's price line: `$3.00 in · $0.30 cached · $15.00 out per MTok`. */
export function priceDescription(p: ModelPricing): string {
  return `${usd(p.input)} in · ${usd(p.cacheRead)} cached · ${usd(p.output)} out per MTok`;
}

/** Share saved by a warm (cache-read) request compared with an uncached one, in whole percent. */
export function warmSavingsPercent(report: ReportSummary): number {
  const { uncached, warm } = report.cost.perRequest;
  return uncached > 0 ? Math.round((1 - warm / uncached) * 100) : 0;
}

/** `4,120 tok · prefix 3,412 (cacheable) · $0.0124 → $0.0031 warm (−75%) · claude-sonnet-4-5` */
export function documentLensTitle(report: ReportSummary, exactCount?: ExactCountResult): string {
  const { tokens, prefix, cost } = report;
  const exact = tokens.exact;
  const prefixState = prefix.cacheable
    ? 'cacheable'
    : `not cached: ${formatTokens(Math.max(0, prefix.minimumTokens - prefix.tokens), exact)} short of ${formatTokens(prefix.minimumTokens)}`;
  const parts = [
    totalLabel(tokens.total, exact, exactCount),
    `prefix ${formatTokens(prefix.tokens, exact)} (${prefixState})`,
    `dynamic ${formatTokens(tokens.dynamic, exact)}`,
    `${formatUsd(cost.perRequest.uncached)} → ${formatUsd(cost.perRequest.warm)} warm (−${warmSavingsPercent(report)}%)`,
    report.model,
  ];
  return parts.join(' · ');
}

/** The total: Anthropic's exact count when one arrived, else the estimate (with why, if the count failed). */
function totalLabel(total: number, exact: boolean, exactCount: ExactCountResult | undefined): string {
  if (exactCount?.kind === 'exact') return `${formatTokens(exactCount.tokens)} tok (Anthropic count)`;
  const label = `${formatTokens(total, exact)} tok`;
  return exactCount?.kind === 'estimate' ? `${label} (estimate: ${exactCount.reason})` : label;
}

/** `system · 3,412 tok · cached` for one message of a role-structured prompt. */
export function messageLensTitle(report: ReportSummary, message: MessageReport): string {
  const exact = report.tokens.exact;
  const inPrefix = Math.max(0, Math.min(message.end, report.prefix.end) - message.start);
  const share = message.end > message.start ? inPrefix / (message.end - message.start) : 0;
  const state = !report.prefix.cacheable || share === 0 ? 'not cached' : share >= 1 ? 'cached prefix' : 'prefix ends here';
  return `${message.role} · ${formatTokens(message.tokens + message.framing, exact)} tok · ${state}`;
}

/** Status bar text: model, tokens and cost per request. */
export function statusBarText(report: ReportSummary): string {
  return `$(symbol-number) ${formatTokens(report.tokens.total, report.tokens.exact)} tok · ${formatUsd(report.cost.perRequest.expected)}/req · ${report.model}`;
}

/** `▲ cacheable prefix ends · 3,412 tokens` (or why it is not cached). */
export function prefixEndLabel(report: ReportSummary): string {
  const tokens = formatTokens(report.prefix.tokens, report.tokens.exact);
  return report.prefix.cacheable
    ? `▲ cacheable prefix ends · ${tokens} tokens`
    : `▲ static prefix ends · ${tokens} tokens (below the ${formatTokens(report.prefix.minimumTokens)}-token cache minimum)`;
}

/** Markdown lines for a hover over a dynamic or volatile segment. */
export function segmentHoverLines(report: AnalysisReport, segment: SegmentReport): string[] {
  const exact = report.tokens.exact;
  const name = segment.name ? `\`${segment.name}\`` : segment.kind === 'volatile' ? 'Volatile text' : 'Dynamic block';
  const before = report.segments.filter((s) => s.end <= segment.start).reduce((sum, s) => sum + s.tokens, 0);
  const lines = [
    `**${name}** · ${formatTokens(segment.tokens, exact)} tokens (${segment.kind})`,
    `Starts at token ${formatTokens(before, exact)} of ${formatTokens(report.tokens.total, exact)}` +
      (segment.message !== undefined && report.messages[segment.message]
        ? `, in the ${report.messages[segment.message]!.role} message.`
        : '.'),
  ];
  const finding = findingFor(report, segment);
  if (finding?.usdPer1k !== undefined && finding.tokens !== undefined) {
    lines.push(
      `Moving it after the static content adds ${formatTokens(finding.tokens, exact)} tokens to the cacheable prefix ` +
        `and saves **${formatUsd(finding.usdPer1k)} per 1,000 requests**.`,
    );
  } else if (segment.start >= report.prefix.end) {
    lines.push('It sits after the cacheable prefix, so it does not cost cache hits.');
  } else {
    lines.push('Moving it would not change the cacheable prefix.');
  }
  return lines;
}

/** The finding about a segment: the one whose range covers it, preferring prefix-breaking rules. */
export function findingFor(report: ReportSummary, segment: SegmentReport): Finding | undefined {
  const covering = report.findings.filter((f) => f.start <= segment.start && f.end >= segment.end);
  return covering.find((f) => f.rule === 'dynamic-before-static' || f.rule === 'volatile-in-prefix') ?? covering[0];
}
