// A 5 MB prompt in the editor: the extension host's own path (src/vscode/workerClient.ts driving the
// real dist/analysisWorker.js bundle, as src/vscode/analysisService.ts does for a large document),
// with what the host then does with the answers (each highlight span turned into a range through a
// line index, as `document.positionAt` does, and the ranges serialised as `setDecorations` sends
// them). A ticker on the host thread measures the longest stretch the thread could not run anything,
// from reading the document's text until the full analysis is painted, and over the keystrokes after it.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_ANALYSIS_OPTIONS, DEFAULT_MODEL } from '../../src/core/defaults';
import type { Span } from '../../src/core/types';
import type { DocumentOptions } from '../../src/vscode/analysisWorker';
import type { HighlightSpans } from '../../src/vscode/spans';
import { WorkerClient } from '../../src/vscode/workerClient';
import { rng } from '../../test/unit/core/tokens-random';
import { corpusFiles } from './corpus';
import { stats, type BenchRow, type BenchSection } from './types';

const SIZE = 5 * 1024 * 1024;
const RUNS = 5;
const KEYSTROKES = 20;
const KEY = 'file:///bench/large.prompt.md';

/** Corpus prompt files appended in turn until the text reaches 5 MB. */
function fiveMegabytePrompt(): string {
  const files = corpusFiles().filter((f) => f.name !== 'SOURCES.md');
  const parts: string[] = [];
  let length = 0;
  for (let k = 0; length < SIZE; k++) {
    const part = `${files[k % files.length]!.text}\n\n`;
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, SIZE);
}

/** The document as the extension host keeps it (lines, a line index) and reads it for the worker. */
class HostDocument {
  private lines: string[];
  private starts: number[] = [];

  constructor(text: string) {
    this.lines = text.split('\n');
    this.index();
  }

  /** `getText(range)`: the lines the range spans, cut and joined. */
  read(start: number, end: number): string {
    const from = this.positionAt(start);
    const to = this.positionAt(end);
    if (from.line === to.line) return this.lines[from.line]!.slice(from.character, to.character);
    const middle = this.lines.slice(from.line + 1, to.line);
    return [this.lines[from.line]!.slice(from.character), ...middle, this.lines[to.line]!.slice(0, to.character)].join('\n');
  }

  get length(): number {
    return this.starts.at(-1)! + this.lines.at(-1)!.length;
  }

  charAt(offset: number): string {
    const { line, character } = this.positionAt(offset);
    return this.lines[line]![character] ?? '\n';
  }

  /** An edit inside one line (no line break in or out), applied as the host does: that line changes. */
  edit(start: number, end: number, newText: string): void {
    const { line, character } = this.positionAt(start);
    const old = this.lines[line]!;
    this.lines[line] = old.slice(0, character) + newText + old.slice(character + end - start);
    const shift = newText.length - (end - start);
    for (let k = line + 1; k < this.starts.length; k++) this.starts[k]! += shift;
  }

  positionAt(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }

  private index(): void {
    this.starts = new Array<number>(this.lines.length);
    let at = 0;
    for (let k = 0; k < this.lines.length; k++) {
      this.starts[k] = at;
      at += this.lines[k]!.length + 1;
    }
  }
}

/** What the decorations feature does with spans on the host: ranges, serialised for the renderer. */
function paint(document: HostDocument, spans: HighlightSpans): number {
  const ranges = (list: Span[]) => list.map((s) => ({ start: document.positionAt(s.start), end: document.positionAt(s.end) }));
  const all = [ranges(spans.prefix), ranges(spans.dynamic), ranges(spans.volatile)];
  JSON.stringify(all);
  return all.reduce((n, list) => n + list.length, 0);
}

/** The longest time the host thread went without running a callback, while `work` runs. */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; maxGap: number; histogramMax: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let running = true;
  let last = performance.now();
  let maxGap = 0;
  const tick = (): void => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  histogram.enable();
  setImmediate(tick);
  try {
    const result = await work();
    return { result, maxGap: Math.max(maxGap, performance.now() - last), histogramMax: histogram.max / 1e6 };
  } finally {
    running = false;
    histogram.disable();
  }
}

const silent = { info: () => undefined, warn: () => undefined, error: (message: string, err?: unknown) => console.error(message, err) };

interface Run {
  block: number;
  histogramBlock: number;
  outlined: number;
  analysed: number;
  keystrokes: number[];
  typingBlock: number;
  tokens: number;
  spans: number;
}

/** Opens the document in a new worker (often the session's first analysis), then types into it. */
async function openAndType(text: string, options: DocumentOptions, seed: number): Promise<Run> {
  const client = new WorkerClient(silent);
  const document = new HostDocument(text);
  try {
    const open = await longestBlock(async () => {
      const t0 = performance.now();
      let outlined = 0;
      const analysed = await client.syncText(KEY, document, [options, DEFAULT_MODEL, true], (spans) => {
        paint(document, spans);
        outlined = performance.now() - t0;
      });
      const spans = paint(document, analysed.spans);
      return { outlined, analysed: performance.now() - t0, report: analysed, spans };
    });
    if (open.result.outlined === 0) throw new Error('no outline arrived before the analysis');
    // The text went in pieces: the worker must have analysed exactly the document's text.
    const whole = await client.call('sync', `${KEY}#whole`, { text }, options, DEFAULT_MODEL, true);
    if (JSON.stringify(whole) !== JSON.stringify(open.result.report)) throw new Error('the text sent in pieces was analysed differently');
    void client.call('close', `${KEY}#whole`);

    const next = rng(seed);
    const keystrokes: number[] = [];
    const typing = await longestBlock(async () => {
      for (let k = 0; k < KEYSTROKES; k++) {
        const start = Math.floor(next() * (document.length - 1));
        const insert = next() < 0.5 || document.charAt(start) === '\n';
        const edit = insert ? { start, end: start, newText: 'e' } : { start, end: start + 1, newText: '' };
        document.edit(edit.start, edit.end, edit.newText);
        const t0 = performance.now();
        const analysed = await client.call('sync', KEY, { edits: [edit] }, options, DEFAULT_MODEL, true);
        paint(document, analysed.spans);
        keystrokes.push(performance.now() - t0);
      }
    });
    return {
      block: open.maxGap,
      histogramBlock: open.histogramMax,
      outlined: open.result.outlined,
      analysed: open.result.analysed,
      keystrokes,
      typingBlock: typing.maxGap,
      tokens: open.result.report.report.tokens.total,
      spans: open.result.spans,
    };
  } finally {
    client.dispose();
  }
}

export const largeFile: BenchSection = {
  name: 'editor: 5 MB prompt',
  async run() {
    const text = fiveMegabytePrompt();
    const options: DocumentOptions = { ...DEFAULT_ANALYSIS_OPTIONS, fileName: '/bench/large.prompt.md' };
    const runs: Run[] = [];
    // The client unrefs its worker (it must not keep an editor alive); this keeps the bench alive.
    const alive = setInterval(() => undefined, 1000);
    try {
      for (let k = 0; k < RUNS; k++) runs.push(await openAndType(text, options, k + 1));
    } finally {
      clearInterval(alive);
    }
    const blocks = runs.map((r) => r.block);
    const outlined = runs.map((r) => r.outlined);
    const typingBlocks = runs.map((r) => r.typingBlock);
    const mb = (text.length / 1024 / 1024).toFixed(1);
    const { tokens, spans } = runs[0]!;
    return [
      {
        section: this.name,
        name: `longest host-thread block, ${mb} MB prompt opened until analysed and painted (max per run, ${RUNS} runs, new worker each)`,
        ...stats(blocks),
        unit: 'ms',
        target: 'max ≤ 50 ms',
        met: Math.max(...blocks) <= 50,
        note: `event-loop delay histogram max per run: ${runs.map((r) => r.histogramBlock.toFixed(1)).join(', ')} ms`,
      },
      { section: this.name, name: 'first highlights (outline) after the text is read', ...stats(outlined), unit: 'ms', target: '≤ 1000 ms', met: Math.max(...outlined) <= 1000 },
      { section: this.name, name: `full analysis (${tokens} tokens, ${spans} highlight spans) painted`, ...stats(runs.map((r) => r.analysed)), unit: 'ms' },
      {
        section: this.name,
        name: `keystroke round trip (edit sent → analysis painted, no debounce), ${RUNS * KEYSTROKES} edits`,
        ...stats(runs.flatMap((r) => r.keystrokes)),
        unit: 'ms',
      },
      { section: this.name, name: 'longest host-thread block while typing (max per run)', ...stats(typingBlocks), unit: 'ms', target: 'max ≤ 50 ms', met: Math.max(...typingBlocks) <= 50 },
    ] satisfies BenchRow[];
  },
};
