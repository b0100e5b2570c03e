// Markdown for the workspace cost report and a prompt's cost breakdown. Pure (no `vscode`), so the
// wording and the arithmetic are unit-tested.
import type { FixKind, RuleId } from '../core/types';
import { formatTokens, formatUsd, warmSavingsPercent, type ReportSummary } from './labels';

export interface Opportunity {
  /** Workspace-relative path. */
  path: string;
  report: ReportSummary;
  /** The fix applied to find the saving (offered by a finding of `rule`), and the analysis of the fixed text. */
  fix?: { kind: FixKind; rule: RuleId; report: ReportSummary };
}

/** Dollars per month the fix saves (0 when there is no fix or it saves nothing). */
export function monthlySaving(o: Opportunity): number {
  return o.fix ? Math.max(0, o.report.cost.monthly - o.fix.report.cost.monthly) : 0;
}

const FIX_NAMES: Record<FixKind, string> = {
  reorder: 'move dynamic blocks after the static content',
  'add-breakpoint': 'add a cache breakpoint',
};

/** The report: the five largest monthly savings, each with what makes its prefix (un)cacheable. */
export function costReportMarkdown(opportunities: readonly Opportunity[], generated: Date): string {
  const ranked = opportunities.filter((o) => monthlySaving(o) > 0).sort((a, b) => monthlySaving(b) - monthlySaving(a));
  const top = ranked.slice(0, 5);
  const total = opportunities.reduce((sum, o) => sum + o.report.cost.monthly, 0);
  const lines = [
    '# Prompt cost report',
    '',
    `${opportunities.length} prompt file${opportunities.length === 1 ? '' : 's'} analysed on ${generated.toISOString().slice(0, 10)}.` +
      (opportunities.length > 0 ? ` Projected total: **${formatUsd(total)} per month** at the configured volume.` : ''),
    '',
    '## Top savings opportunities',
    '',
  ];
  if (top.length === 0) {
    lines.push('No automatic fix would lower the monthly cost of any prompt file.');
  }
  top.forEach((o, i) => {
    const r = o.report;
    const exact = r.tokens.exact;
    const total = Math.max(1, r.tokens.static + r.tokens.dynamic);
    const breaker = r.findings.find((f) => f.rule === 'dynamic-before-static' || f.rule === 'volatile-in-prefix');
    lines.push(
      `### ${i + 1}. \`${o.path}\` — save ${formatUsd(monthlySaving(o))} per month`,
      '',
      '| | |',
      '|---|---|',
      `| Static vs dynamic | ${Math.round((100 * r.tokens.static) / total)}% static (${formatTokens(r.tokens.static, exact)} tokens) · ` +
        `${Math.round((100 * r.tokens.dynamic) / total)}% dynamic (${formatTokens(r.tokens.dynamic, exact)}) |`,
      `| Static content first | ${breaker ? `No: ${escapeCell(breaker.message)}` : 'Yes'} |`,
      `| Prefix reaches the cache minimum | ${r.prefix.cacheable ? 'Yes' : 'No'}: ${formatTokens(r.prefix.tokens, exact)} of ${formatTokens(r.prefix.minimumTokens)} tokens for ${r.model} |`,
      `| Cost per month | ${formatUsd(r.cost.monthly)} now → ${formatUsd(o.fix!.report.cost.monthly)} after the fix |`,
      '',
      `Fix: ${FIX_NAMES[o.fix!.kind]} (the quick-fix on the finding, or \`prompt-cost fix --rule ${o.fix!.rule} ${o.path}\`).`,
      '',
    );
  });
  return lines.join('\n');
}

/** The detailed breakdown of one prompt: tokens, prefix, cost model, per message, findings, other models. */
export function breakdownMarkdown(path: string, report: ReportSummary, compare: readonly ReportSummary[]): string {
  const { tokens, prefix, cost } = report;
  const exact = tokens.exact;
  const t = (n: number): string => formatTokens(n, exact);
  const lines = [
    `# Cost breakdown: \`${path}\``,
    '',
    `Model **${report.model}** · prices ${report.pricing.source} · tokens ${exact ? 'exact' : 'estimated (≈)'} (${tokens.method})`,
    '',
    '| Tokens | |',
    '|---|---|',
    `| Total | ${t(tokens.total)} |`,
    `| Static | ${t(tokens.static)} |`,
    `| Dynamic | ${t(tokens.dynamic)} |`,
    `| Cacheable prefix | ${t(prefix.tokens)} (ends at ${prefix.reason}; ${prefix.cacheable ? 'cached' : 'not cached'}, minimum ${formatTokens(prefix.minimumTokens)}) |`,
    `| Cached by the provider | ${t(cost.cachedTokens)} |`,
    '',
    '| Per request | |',
    '|---|---|',
    `| Uncached | ${formatUsd(cost.perRequest.uncached)} |`,
    `| First call (cache write) | ${formatUsd(cost.perRequest.write)} |`,
    `| Warm (cache read) | ${formatUsd(cost.perRequest.warm)} (−${warmSavingsPercent(report)}%) |`,
    `| Expected | ${formatUsd(cost.perRequest.expected)} at a ${Math.round(cost.hitProbability * 100)}% hit probability |`,
    `| Break-even | ${cost.breakEvenCalls === null ? 'never' : `${cost.breakEvenCalls} calls`} |`,
    `| Output tokens | ${formatTokens(cost.outputTokens)} (${cost.outputTokensSource}) |`,
    `| Per month | ${formatUsd(cost.monthly)} (${formatUsd(cost.monthlyUncached)} without caching) |`,
    '',
    `Cache rules: ${report.cacheRules.provider}, ${report.cacheRules.mode}, minimum ${formatTokens(report.cacheRules.minimumTokens)} tokens, ` +
      `TTL ${report.cacheRules.ttlSeconds} s ([source](${report.cacheRules.sourceUrl})).`,
    '',
  ];
  if (report.messages.length > 0) {
    lines.push('## Messages (request order)', '', '| Role | Tokens | Framing |', '|---|---|---|');
    for (const m of [...report.messages].sort((a, b) => a.order - b.order)) {
      lines.push(`| ${m.role} | ${t(m.tokens)} | ${formatTokens(m.framing)} |`);
    }
    lines.push('');
  }
  lines.push('## Findings', '');
  if (report.findings.length === 0) lines.push('None.');
  for (const f of report.findings) lines.push(`- **${f.rule}** (${f.severity}): ${f.message}`);
  lines.push('');
  if (compare.length > 0) {
    lines.push('## Other models', '', '| Model | Tokens | Uncached | Warm | Per month |', '|---|---|---|---|---|');
    for (const c of [report, ...compare]) {
      lines.push(
        `| ${c.model} | ${formatTokens(c.tokens.total, c.tokens.exact)} | ${formatUsd(c.cost.perRequest.uncached)} | ` +
          `${formatUsd(c.cost.perRequest.warm)} | ${formatUsd(c.cost.monthly)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
