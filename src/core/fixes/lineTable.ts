// The lines of an open document with their reorder facts (blocks.ts), kept up to date edit by edit so
// that deciding whether the reorder fix applies costs no pass over a long prompt's text: an edit
// re-describes the line or two it touches and shifts the offsets of the lines after it.
import type { TextView } from '../template/text';
import type { TextEdit } from '../types';
import { describeLine, splitLines, type Line, type LineFacts, type LineSource } from './blocks';

/** An edit that stayed inside one line's text: that line's start and its facts before and after. */
export interface LineChange {
  start: number;
  before: LineFacts;
  after: LineFacts;
}

export class LineTable implements LineSource {
  private starts: number[] = [];
  /** Length of each line's text, without its line break. */
  private lengths: number[] = [];
  private facts: LineFacts[] = [];
  private length = 0;

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
      const before = this.facts[a]!;
      this.lengths[a]! += delta;
      this.facts[a] = describeLine(after, start, start + this.lengths[a]!);
      this.shift(a + 1, delta);
      this.length = after.length;
      return { start, before, after: this.facts[a]! };
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
    if (start >= end) return start === end ? [] : null;
    const a = this.lineAt(start);
    const z = this.lineAt(end - 1);
    if (a < 0 || this.starts[a] !== start || this.next(z) !== end) return null;
    const out: Line[] = [];
    for (let k = a; k <= z; k++) {
      const s = this.starts[k]!;
      const f = this.facts[k]!;
      out.push({
        start: s,
        end: s + this.lengths[k]!,
        next: this.next(k),
        dynamic: false,
        blank: f.blank,
        heading: f.heading,
        listItem: f.listItem,
        indent: f.indent,
        xml: f.xml,
        leadIn: f.leadIn,
        sentence: f.sentence,
        positional: f.positional,
        forward: f.forward,
      });
    }
    return out;
  }

  lineNumber(offset: number): number {
    return Math.max(0, this.lineAt(offset)) + 1;
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

  private next(k: number): number {
    return k + 1 < this.starts.length ? this.starts[k + 1]! : this.length;
  }

  /** Replaces lines first..last with the lines of after[from, to) and moves the lines after them. */
  private replace(first: number, last: number, after: TextView, from: number, to: number): void {
    const fresh = splitLines(after, from, to);
    const removed = last - first + 1;
    const oldTo = last + 1 < this.starts.length ? this.starts[last + 1]! : this.length;
    this.starts = splice(this.starts, first, removed, fresh.map((l) => l.start));
    this.lengths = splice(this.lengths, first, removed, fresh.map((l) => l.end - l.start));
    this.facts = splice(this.facts, first, removed, fresh.map(factsOf));
    this.shift(first + fresh.length, to - oldTo);
    this.length = after.length;
  }

  private shift(from: number, delta: number): void {
    if (delta === 0) return;
    const starts = this.starts;
    for (let k = from; k < starts.length; k++) starts[k]! += delta;
  }
}

/** `array.splice` that also takes more items than a call can have arguments (a whole document's lines). */
function splice<T>(array: T[], first: number, removed: number, items: T[]): T[] {
  if (items.length < 10_000) {
    array.splice(first, removed, ...items);
    return array;
  }
  return array.slice(0, first).concat(items, array.slice(first + removed));
}

function factsOf(line: Line): LineFacts {
  const { blank, heading, listItem, indent, xml, leadIn, sentence, positional, forward } = line;
  return { blank, heading, listItem, indent, xml, leadIn, sentence, positional, forward };
}
