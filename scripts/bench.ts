// `npm run bench`: runs every section in scripts/bench/sections.ts, prints one table and writes
// bench/results.json with the machine's CPU model and Node version. Absolute times depend on the
// machine; the ratios to js-tiktoken and gpt-tokenizer, measured in the same run, are what to compare.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { SECTIONS } from './bench/sections';
import type { BenchRow } from './bench/types';

async function main(): Promise<void> {
  const only = process.argv[2];
  const rows: BenchRow[] = [];
  for (const section of SECTIONS) {
    if (only && !section.name.includes(only)) continue;
    process.stderr.write(`running ${section.name}…\n`);
    try {
      rows.push(...(await section.run()));
    } catch (err) {
      rows.push({ section: section.name, name: `FAILED: ${err instanceof Error ? err.message : String(err)}`, median: NaN, p95: NaN, unit: '', met: false });
    }
  }
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, date: new Date().toISOString() };
  console.log(`\n${machine.cpu} ×${machine.cores}, Node ${machine.node}, ${machine.date}\n`);
  console.log(table(rows));
  // A partial run (a section filter) must not replace the committed full results.
  const out = only ? 'bench/results.local.json' : 'bench/results.json';
  mkdirSync('bench', { recursive: true });
  writeFileSync(out, `${JSON.stringify({ ...machine, rows }, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
  if (rows.some((r) => r.met === false)) process.exitCode = 1;
}

/** A Markdown table, so the same text goes into the README. */
function table(rows: BenchRow[]): string {
  const num = (n: number | undefined, unit = ''): string =>
    n === undefined || Number.isNaN(n) ? '' : `${n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3)}${unit}`;
  const lines = [
    '| section | measure | median | p95 | unit | vs js-tiktoken | vs gpt-tokenizer | target | met |',
    '| --- | --- | ---: | ---: | --- | ---: | ---: | --- | --- |',
  ];
  for (const r of rows) {
    const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
    lines.push(
      `| ${r.section} | ${r.name} | ${num(r.median)} | ${num(r.p95)} | ${r.unit} | ${num(r.vsJsTiktoken, '×')} | ${num(r.vsGptTokenizer, '×')} | ${r.target ?? ''} | ${met} |`,
    );
  }
  return lines.join('\n');
}

void main();
