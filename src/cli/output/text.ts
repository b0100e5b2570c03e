// The readable text output of `prompt-cost analyze`: a summary table, then per-file details.
import type { JsonFileReport } from './json';
import { int, percent, usd } from '../../core/format';
import { table } from './format';

/** Renders analyzed files as text; lines and columns are one-based, as editors show them. */
export function analyzeText(files: readonly JsonFileReport[]): string {
  if (files.length === 0) return 'No prompt files found.\n';
  const approx = (f: JsonFileReport) => (f.tokens.exact ? '' : '≈');
  const rows = [
    ['FILE', 'MODEL', 'TOKENS', 'PREFIX', 'CACHED', '$/REQ UNCACHED', '$/REQ EXPECTED', '$/MONTH', 'FINDINGS'],
    ...files.map((f) => [
      f.file,
      f.model,
      approx(f) + int(f.tokens.total),
      approx(f) + int(f.tokens.cacheablePrefix),
      approx(f) + int(f.cost.cachedTokens),
      approx(f) + usd(f.cost.perRequest.uncached),
      approx(f) + usd(f.cost.perRequest.expected),
      approx(f) + usd(f.cost.monthly),
      String(f.findings.length),
    ]),
  ];
  return `${table(rows)}\n\n${files.map(details).join('\n')}`;
}

function details(f: JsonFileReport): string {
  const a = f.tokens.exact ? '' : '≈';
  const c = f.cost;
  const { ratePerMinute, volumePerDay, ttl, batch, daysPerMonth } = c.assumptions;
  const prefixEnd = `line ${f.prefix.end.line + 1}`;
  const cached =
    c.cachedTokens > 0
      ? `provider caches ${a}${int(c.cachedTokens)}`
      : `not cached: minimum is ${int(f.prefix.minimumTokens)}${f.cacheRules.mode === 'none' ? ' (no caching for this model)' : ''}`;
  const lines = [
    `${f.file}  (${f.model}, ${f.format}/${f.syntax})`,
    `  tokens       total ${a}${int(f.tokens.total)} · static ${a}${int(f.tokens.static)} · dynamic ${a}${int(f.tokens.dynamic)}` +
      (f.tokens.exact ? ` (exact, ${f.tokens.method})` : ` (${/estimate/i.test(f.tokens.method) ? '' : 'estimate: '}${f.tokens.method})`),
    `  prefix       ${a}${int(f.tokens.cacheablePrefix)} tokens, ends at ${prefixEnd} (${f.prefix.reason}); ${cached}`,
    `  per request  uncached ${a}${usd(c.perRequest.uncached)} · first call ${a}${usd(c.perRequest.write)} · warm ${a}${usd(c.perRequest.warm)} · ` +
      `expected ${a}${usd(c.perRequest.expected)} (hit ${percent(c.hitProbability)} at ${ratePerMinute}/min, ${ttl} TTL)` +
      (batch ? ' · batch −50%' : ''),
    `  per month    ${a}${usd(c.monthly)} expected vs ${a}${usd(c.monthlyUncached)} uncached (${int(volumePerDay)}/day × ${daysPerMonth} days)` +
      (c.breakEvenCalls === null ? '' : ` · caching pays back after ${c.breakEvenCalls} call${c.breakEvenCalls === 1 ? '' : 's'}`),
    `  output       ${int(c.outputTokens)} tokens (${outputSource(c.outputTokensSource)}) · prices ${f.pricing.source}`,
    `  cache rules  ${cacheRules(f.cacheRules)}`,
  ];
  if (f.findings.length) {
    lines.push('  findings');
    for (const finding of f.findings) {
      const at = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      const fix = finding.fixKind ? `  [fix: ${finding.fixKind}]` : '';
      lines.push(`    ${at}  ${finding.severity}  ${finding.rule}  ${finding.message}${fix}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function cacheRules(r: JsonFileReport['cacheRules']): string {
  if (r.mode === 'none') return r.note ?? 'no prompt caching';
  const step = r.granularity > 1 ? ` in ${r.granularity}-token steps` : '';
  const ttl = `TTL ${r.ttlSeconds / 60} min${r.longTtlSeconds ? ` (or ${r.longTtlSeconds / 3600} h)` : ''}`;
  const mode = r.mode === 'explicit' ? `explicit cache_control breakpoints (at most ${r.maxBreakpoints})` : r.mode;
  return `${r.provider} ${mode}, from ${int(r.minimumTokens)} tokens${step}, ${ttl}${r.note ? `; ${r.note}` : ''} (${r.sourceUrl})`;
}

function outputSource(source: 'template' | 'option' | 'default'): string {
  return source === 'template' ? "template's max_tokens" : source === 'option' ? '--output-tokens' : 'default, no max_tokens in the template';
}
