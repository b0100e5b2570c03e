// The lines of an open document with their reorder facts (blocks.ts), kept up to date edit by edit so
// that deciding whether the reorder fix applies costs no pass over a long prompt's text: an edit
// re-describes the line it touches (or re-splits the few lines around a line break it adds or
// removes) and shifts the start offsets of the lines after it.
import type { TextView } from '../template/text';
import type { TextEdit } from '../types';
import { describeLine, splitLines, type Landmarks, type Line, type LineFacts, type LineSource } from './blocks';

/** An edit that stayed inside one line's text: that line's start and its facts before and after. */
export interface LineChange {
  start: number;
  before: LineFacts;
  after: LineFacts;
}

/** Bits of `LineTable.marks`: the landmarks a plan looks up without visiting every line. */
const XML = 1;
const POSITIONAL = 2;

export class LineTable implements LineSource {
  /** Start offset of each line (shifted by every edit before it). */
  readonly starts: number[] = [];
  /** Length of each line's text, without its line break. */
  readonly lengths: number[] = [];
  /** One object per line whose offsets are read from the arrays above, so shifting them is free. */
  private rows: Row[] = [];
  private marks: number[] = [];
  length = 0;

  constructor(text: TextView) {
    this.replace(0, -1, text, 0, text.length);
  }

  /**
   * Follows `edit` (offsets in the text before it); `after` is the text after it. Returns the change
   * when the edit stayed inside one line's text, null when lines were split, joined, added or removed.
   */
  applyEdit(after: TextView, edit: TextEdit): LineChange | null {
    const delta = edit.newText.length - (edit.end - edit.start);
    const a = this.lineAt(edit.start);
    const start = this.starts[a] ?? 0;
    const inLine = a >= 0 && edit.end <= start + this.lengths[a]! && !/[\r\n]/.test(edit.newText);
    // Removing a whole line's text between `\r` and `\n` joins two breaks into one `\r\n`.
    const joinsBreaks = after.charCodeAt(edit.start - 1) === 13 && after.charCodeAt(edit.start + edit.newText.length) === 10;
    if (inLine && !joinsBreaks) {
      const before = this.rows[a]!.facts;
      this.lengths[a]! += delta;
      this.rows[a] = new Row(this, a, describeLine(after, start, start + this.lengths[a]!));
      this.marks[a] = marksOf(this.rows[a]!.facts);
      this.shift(a + 1, delta);
      this.length = after.length;
      return { start, before, after: this.rows[a]!.facts };
    }
    // Re-split from the line before the edit to the line after it: their outer boundaries lie outside
    // the edit, so no line break there can change.
    const first = Math.max(0, a - 1);
    const last = Math.min(this.starts.length - 1, this.lineAt(edit.end) + 1);
    const from = this.starts[first] ?? 0;
    const to = (last + 1 < this.starts.length ? this.starts[last + 1]! : this.length) + delta;
    this.replace(first, last, after, from, to);
    return null;
  }

  lines(start: number, end: number): Line[] | null {
    const range = this.range(start, end);
    if (!range) return null;
    return range[0] === 0 && range[1] === this.rows.length - 1 ? this.rows : this.rows.slice(range[0], range[1] + 1);
  }

  landmarks(start: number, end: number): Landmarks {
    const out: Landmarks = { xml: [], positional: [] };
    const [a, z] = this.range(start, end) ?? [0, -1];
    for (let k = a; k <= z; k++) {
      const m = this.marks[k]!;
      if (m & XML) out.xml.push(k - a);
      if (m & POSITIONAL) out.positional.push(k - a);
    }
    return out;
  }

  lineNumber(offset: number): number {
    return Math.max(0, this.lineAt(offset)) + 1;
  }

  /** The first and last line of [start, end), or null when those are not line boundaries. */
  private range(start: number, end: number): [number, number] | null {
    if (start >= end) return start === end ? [0, -1] : null;
    const a = this.lineAt(start);
    const z = this.lineAt(end - 1);
    return a >= 0 && this.starts[a] === start && this.next(z) === end ? [a, z] : null;
  }

  /** Index of the last line starting at or before `offset` (-1 when there are no lines). */
  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  next(k: number): number {
    return k + 1 < this.starts.length ? this.starts[k + 1]! : this.length;
  }

  /** Replaces lines first..last with the lines of after[from, to) and moves the lines after them. */
  private replace(first: number, last: number, after: TextView, from: number, to: number): void {
    const fresh = splitLines(after, from, to);
    const removed = last - first + 1;
    const oldTo = last + 1 < this.starts.length ? this.starts[last + 1]! : this.length;
    splice(this.starts, first, removed, fresh.map((l) => l.start));
    splice(this.lengths, first, removed, fresh.map((l) => l.end - l.start));
    splice(this.marks, first, removed, fresh.map(marksOf));
    splice(this.rows, first, removed, fresh.map((l) => new Row(this, 0, l)));
    // Rows after the change moved to other indices.
    for (let k = first; k < this.rows.length; k++) this.rows[k]!.index = k;
    this.shift(first + fresh.length, to - oldTo);
    this.length = after.length;
  }

  private shift(from: number, delta: number): void {
    if (delta === 0) return;
    const starts = this.starts;
    for (let k = from; k < starts.length; k++) starts[k]! += delta;
  }
}

/** A line of the table: its facts, and its offsets as they are now. */
class Row implements Line {
  readonly facts: LineFacts;
  dynamic = false;
  blank: boolean;
  readonly heading: number;
  readonly listItem: boolean;
  readonly indent: number;
  readonly xml: string;
  readonly leadIn: boolean;
  readonly sentence: boolean;
  readonly positional: string;
  readonly forward: boolean;

  constructor(
    private readonly table: LineTable,
    public index: number,
    f: LineFacts,
  ) {
    this.facts = { blank: f.blank, heading: f.heading, listItem: f.listItem, indent: f.indent, xml: f.xml, leadIn: f.leadIn, sentence: f.sentence, positional: f.positional, forward: f.forward };
    this.blank = f.blank;
    this.heading = f.heading;
    this.listItem = f.listItem;
    this.indent = f.indent;
    this.xml = f.xml;
    this.leadIn = f.leadIn;
    this.sentence = f.sentence;
    this.positional = f.positional;
    this.forward = f.forward;
  }

  get start(): number {
    return this.table.starts[this.index]!;
  }

  get end(): number {
    return this.table.starts[this.index]! + this.table.lengths[this.index]!;
  }

  get next(): number {
    return this.table.next(this.index);
  }
}

function marksOf(f: LineFacts): number {
  return (f.xml ? XML : 0) | (f.positional ? POSITIONAL : 0);
}

/** `array.splice` in place, also for more items than a call can take as arguments (a whole document's lines). */
function splice<T>(array: T[], first: number, removed: number, items: T[]): void {
  if (items.length < 10_000) {
    array.splice(first, removed, ...items);
    return;
  }
  const tail = array.slice(first + removed);
  array.length = first;
  for (const item of items) array.push(item);
  for (const item of tail) array.push(item);
}
