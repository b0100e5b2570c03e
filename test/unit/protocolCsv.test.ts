import { strict as assert } from 'node:assert';
import type { HistoryRow } from '../../src/protocol/playground';
import { historyToCsv } from '../../src/vscode/playgroundCsv';

const base: HistoryRow = {
  runId: 'r1',
  startedAt: '2026-01-01T00:00:00.000Z',
  mode: 'pipeline',
  provider: 'Simulator',
  simulated: true,
  request: 'plain',
  model: 'claude-sonnet-4-5',
  tier: 'frontier',
  cacheHit: false,
  similarity: null,
  usage: { input: 10, cacheWrite: 2000, cacheRead: 0, output: null },
  ttftMs: 5,
  latencyMs: 50,
  costUsd: 0.0123,
  naiveCostUsd: 0.01,
  savingUsd: -0.0023,
  status: 'ok',
  error: null,
};

/** Splits RFC 4180 CSV into rows of cells (enough of a reader to check the writer). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('playground history CSV', () => {
  it('round-trips commas, quotes and newlines in a request', () => {
    const request = 'He said "hi", then\r\nleft';
    const rows = parseCsv(historyToCsv([{ ...base, request }]));
    assert.equal(rows.length, 2);
    assert.equal(rows[1][rows[0].indexOf('request')], request);
  });

  it('leaves unknown usage empty instead of writing zero', () => {
    const rows = parseCsv(historyToCsv([base]));
    const header = rows[0];
    assert.equal(rows[1][header.indexOf('output_tokens')], '');
    assert.equal(rows[1][header.indexOf('cache_read_tokens')], '0');
    assert.equal(rows[1][header.indexOf('cache_write_tokens')], '2000');
  });

  it('neutralises cells a spreadsheet would evaluate as formulas', () => {
    const rows = parseCsv(historyToCsv([{ ...base, request: '=HYPERLINK("http://x")' }]));
    assert.equal(rows[1][rows[0].indexOf('request')], `'=HYPERLINK("http://x")`);
  });

  it('marks simulated runs', () => {
    const rows = parseCsv(historyToCsv([base, { ...base, runId: 'r2', simulated: false }]));
    const col = rows[0].indexOf('simulated');
    assert.deepEqual([rows[1][col], rows[2][col]], ['true', 'false']);
  });
});
