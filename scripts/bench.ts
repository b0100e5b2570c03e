// `npm run bench`: runs every section in scripts/bench/sections.ts (each in its own Node process), prints one table and writes
// bench/results.json with the machine's CPU model and Node version. Absolute times depend on the
// machine; the ratios to js-tiktoken and gpt-tokenizer, measured in the same run, are what to compare.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { SECTIONS } from './bench/sections';
import type { BenchRow, BenchSection } from './bench/types';

/** Set in a child process: the one section it runs. */
const CHILD_SECTION = process.env.PCL_BENCH_SECTION;
const ROWS_MARKER = '@@bench-rows ';

/**
 * Each section runs in its own Node process: one section's heap (the peers' rank tables, a 100,000-entry
 * cache) would otherwise tax the next one's timings and memory readings with its garbage collections.
 */
async function main(): Promise<void> {
  if (CHILD_SECTION !== undefined) {
    const section = SECTIONS.find((s) => s.name === CHILD_SECTION)!;
    process.stdout.write(`${ROWS_MARKER}${JSON.stringify(await runSection(section))}\n`);
    return;
  }
  const only = process.argv[2];
  const rows: BenchRow[] = [];
  for (const section of SECTIONS) {
    if (only && !section.name.includes(only)) continue;
    process.stderr.write(`running ${section.name}…\n`);
    rows.push(...inChildProcess(section));
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

async function runSection(section: BenchSection): Promise<BenchRow[]> {
  try {
    return await section.run();
  } catch (err) {
    return [failed(section, err instanceof Error ? err.message : String(err))];
  }
}

function inChildProcess(section: BenchSection): BenchRow[] {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
    env: { ...process.env, PCL_BENCH_SECTION: section.name },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(ROWS_MARKER));
  return line ? (JSON.parse(line.slice(ROWS_MARKER.length)) as BenchRow[]) : [failed(section, `process exited with ${child.status ?? child.signal}`)];
}

function failed(section: BenchSection, why: string): BenchRow {
  return { section: section.name, name: `FAILED: ${why}`, median: NaN, p95: NaN, unit: '', met: false };
}

/** A Markdown table, so the same text goes into the README. */
function table(rows: BenchRow[]): string {
  // A failed row's NaN arrives from its child process as null (JSON has no NaN).
  const num = (n: number | null | undefined, unit = ''): string =>
    n === undefined || n === null || Number.isNaN(n) ? '' : `${n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3)}${unit}`;
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
