// The workspace cost report and the per-prompt breakdown, as a user reads them.
import assert from 'node:assert/strict';
import { breakdownMarkdown, costReportMarkdown, monthlySaving, type Opportunity } from '../../../src/vscode/reportMarkdown';
import { sampleReport } from './sampleReport';

function withMonthly(monthly: number) {
  const report = sampleReport();
  report.cost = { ...report.cost, monthly };
  return report;
}

describe('cost report', () => {
  const opportunity = (path: string, before: number, after?: number): Opportunity => ({
    path,
    report: withMonthly(before),
    ...(after === undefined ? {} : { fix: { kind: 'reorder' as const, rule: 'dynamic-before-static' as const, report: withMonthly(after) } }),
  });

  it('ranks files by the monthly saving of their fix and keeps the top five', () => {
    const opportunities = [
      opportunity('a.j2', 100, 90),
      opportunity('b.j2', 500, 100),
      opportunity('c.j2', 50, 49),
      opportunity('d.j2', 300, 250),
      opportunity('e.j2', 80, 10),
      opportunity('f.j2', 20, 15),
      opportunity('g.j2', 1000),
    ];
    const markdown = costReportMarkdown(opportunities, new Date('2026-11-23T00:00:00Z'));
    const order = [...markdown.matchAll(/^### \d\. `([^`]+)`/gm)].map((m) => m[1]);
    assert.deepEqual(order, ['b.j2', 'e.j2', 'd.j2', 'a.j2', 'f.j2']);
    assert.match(markdown, /### 1\. `b\.j2` — save \$400 per month/);
    assert.match(markdown, /7 prompt files analysed on 2026-11-23/);
  });

  it('explains each opportunity: static share, order, cache minimum, dollars', () => {
    const markdown = costReportMarkdown([opportunity('x.prompty', 990, 600)], new Date());
    assert.match(markdown, /\| Static vs dynamic \| 95% static \(3,900 tokens\) · 5% dynamic \(220\) \|/);
    assert.match(markdown, /\| Static content first \| No: \{\{user_name\}\} cuts 488 static tokens/);
    assert.match(markdown, /\| Prefix reaches the cache minimum \| Yes: 3,412 of 1,024 tokens for claude-sonnet-4-5 \|/);
    assert.match(markdown, /\| Cost per month \| \$990 now → \$600 after the fix \|/);
    assert.match(markdown, /`prompt-cost fix --rule dynamic-before-static x\.prompty`/);
  });

  it('says so when no fix saves anything', () => {
    const markdown = costReportMarkdown([opportunity('a.j2', 10), opportunity('b.j2', 10, 12)], new Date());
    assert.match(markdown, /No automatic fix would lower the monthly cost/);
    assert.equal(monthlySaving(opportunity('b.j2', 10, 12)), 0);
  });
});

describe('cost breakdown', () => {
  it('lists the cost model, the findings and the compared models', () => {
    const report = sampleReport();
    const other = { ...sampleReport(), model: 'gpt-4.1' };
    const markdown = breakdownMarkdown('p.j2', report, [other]);
    assert.match(markdown, /\| Warm \(cache read\) \| \$0\.0031 \(−75%\) \|/);
    assert.match(markdown, /\| Expected \| \$0\.0033 at a 95% hit probability \|/);
    assert.match(markdown, /- \*\*dynamic-before-static\*\* \(warning\)/);
    assert.match(markdown, /\| gpt-4\.1 \| 4,120 \|/);
  });
});
