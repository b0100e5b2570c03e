// The blocks a reorder moves. A dynamic block is the smallest unit that carries a dynamic segment's
// meaning: its list item, or its paragraph, widened to the enclosing XML-tag block and to a markdown
// section that holds nothing else, with the static lead-in that introduces it ("Question:").
import type { Segment, Span } from '../types';
import type { TextView } from '../template/text';

/**
 * What the reorder needs to know about a line's own text: a pure function of that text, so an editor
 * can keep these per line and re-describe only the lines an edit touches (see lineTable.ts).
 */
export interface LineFacts {
  blank: boolean;
  heading: number;
  listItem: boolean;
  indent: number;
  /** `<name` or `</name` when the line is only an opening or closing XML tag, else ''. */
  xml: string;
  /** Ends with a colon: a lead-in that introduces the block after it ("Here is the document:"). */
  leadIn: boolean;
  /** Ends with sentence punctuation (and is not a heading or list item). */
  sentence: boolean;
  /** The first word that points back at earlier text by position ("above"), else ''. */
  positional: string;
  /** Points forward by position ("below"). */
  forward: boolean;
}

export interface Line extends Span, LineFacts {
  /** Offset after the line break (or the body end). */
  next: number;
  dynamic: boolean;
}

/** A range of whole lines [first, last] of a message body. */
export interface LineRange {
  first: number;
  last: number;
}

/** A dynamic unit, with the reason it must not move if there is one. */
export interface Unit extends LineRange {
  blocked?: string;
}

/**
 * `sensitive` flags the lines whose list-item status, indentation or line-end punctuation the units
 * depended on (lead-in candidates, paragraphs tested for one sentence per line, the line ending a
 * list item's continuation, the units' own lines); elsewhere those cannot matter.
 */
export type UnitsResult = { units: Unit[]; sensitive: Uint8Array } | { reason: string };

/** More XML blocks than this in one message and the fix is not offered (the search would be slow). */
const MAX_XML_BLOCKS = 2000;
/** Upper bound on XML blocks × dynamic segments examined per message. */
const MAX_WORK = 5_000_000;
const XML_OPEN = /^<([A-Za-z][\w.:-]*)(?:\s[^<>]*)?>$/;
const XML_CLOSE = /^<\/([A-Za-z][\w.:-]*)\s*>$/;
const HEADING = /^(#{1,6})\s/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/;
// Static text that points at a block by position: moving the block would change what it refers to.
const POSITIONAL = /\b(?:above|aforementioned|(?:previous|preceding) (?:text|document|section|paragraph|message|context|input|example)s?)\b/i;
const FORWARD = /\bbelow\b/i;
/** Facts read at most this far into a line: long lines are prose, and reading them whole would cost quadratic time. */
const FACTS_REACH = 512;
const WORDS_REACH = 2000;

/** The lines of text[start, end) by the editor's rule: `\r\n`, `\r` and `\n` each end a line. */
export function splitLines(text: TextView, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let k = start;
  while (k < end) {
    let e = k;
    while (e < end && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    let next = e;
    if (next < end) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 && next + 1 < end ? 2 : 1;
    lines.push(makeLine(k, e, next, describeLine(text, k, e)));
    k = next;
  }
  return lines;
}

/** A line with its facts, every field written in one order so all lines share one object shape. */
export function makeLine(start: number, end: number, next: number, f: LineFacts): Line {
  return {
    start,
    end,
    next,
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
  };
}

/**
 * Lines of text[start, end), flagged with what the reorder needs to know about each; `table` (an
 * editor's up-to-date lines of the whole text) saves describing them again when the body is made of
 * whole lines. Its lines are shared, so they are flagged in place and `undo` collects how to restore
 * them; the caller restores them when it is done.
 */
export function bodyLines(text: TextView, start: number, end: number, segments: readonly Segment[], table: LineSource | undefined, undo: Array<() => void>): Line[] {
  const lines = table?.lines(start, end) ?? splitLines(text, start, end);
  // Mark lines touched by dynamic or volatile segments (segments are sorted).
  for (const seg of segments) {
    if (seg.kind !== 'dynamic' && seg.kind !== 'volatile') continue;
    if (seg.end <= start || seg.start >= end || !lines.length) continue;
    for (let j = lineOf(lines, seg.start); j < lines.length && lines[j]!.start < seg.end; j++) {
      const l = lines[j]!;
      if (l.dynamic) continue;
      const blank = l.blank;
      undo.push(() => {
        l.dynamic = false;
        l.blank = blank;
      });
      l.dynamic = true;
      l.blank = false;
    }
  }
  return lines;
}

/** The few lines a plan must find without a pass over all of them: indices into a body's lines, ascending. */
export interface Landmarks {
  /** Lines that are only an opening or closing XML tag. */
  xml: number[];
  /** Lines with a positional word ("above"). */
  positional: number[];
}

/** The landmarks of `lines`, by a pass over them. */
export function landmarks(lines: readonly Line[]): Landmarks {
  const marks: Landmarks = { xml: [], positional: [] };
  lines.forEach((l, k) => {
    if (l.xml) marks.xml.push(k);
    if (l.positional) marks.positional.push(k);
  });
  return marks;
}

/** Whole lines of the document, kept by an editor (see lineTable.ts). */
export interface LineSource {
  /** The lines of [start, end) (shared: the caller must not keep them), or null when start or end is not a line boundary. */
  lines(start: number, end: number): Line[] | null;
  /** The landmarks of the same lines. */
  landmarks(start: number, end: number): Landmarks;
  /** 1-based number of the line holding `offset`. */
  lineNumber(offset: number): number;
}

/** The facts of the line [start, end) (its text without the line break). */
export function describeLine(text: TextView, start: number, end: number): LineFacts {
  const raw = text.slice(start, Math.min(end, start + FACTS_REACH));
  const trimmed = raw.trim();
  const heading = HEADING.exec(trimmed)?.[1]!.length ?? 0;
  const listItem = LIST_ITEM.test(raw);
  const words = end - start > FACTS_REACH ? text.slice(start, Math.min(end, start + WORDS_REACH)) : raw;
  const tail = text.slice(Math.max(start, end - 8), end).trimEnd();
  return {
    blank: end - start < FACTS_REACH && trimmed === '',
    heading,
    listItem,
    indent: raw.length - raw.trimStart().length,
    xml: end - start > 200 ? '' : xmlTag(trimmed),
    leadIn: trimmed.endsWith(':'),
    sentence: /[.!?]["')\]*]*$/.test(tail) && !heading && !listItem,
    positional: POSITIONAL.exec(words)?.[0] ?? '',
    forward: FORWARD.test(words),
  };
}

/**
 * Whether two versions of a line give the same units (with the same segments). List-item status,
 * indentation and line-end punctuation are consulted only for lines in or next to a unit (the
 * `sensitive` ones); blank lines, headings, XML tags and positional words shape every unit.
 */
export function sameForReorder(a: LineFacts, b: LineFacts, sensitive: boolean): boolean {
  if (a.blank !== b.blank || a.heading !== b.heading || a.xml !== b.xml || a.positional !== b.positional || a.forward !== b.forward) return false;
  return !sensitive || (a.listItem === b.listItem && a.indent === b.indent && a.leadIn === b.leadIn && a.sentence === b.sentence);
}

/** 1-based line number of `offset` by the editor's rule (as {@link splitLines} counts lines). */
export function lineNumber(text: TextView, offset: number): number {
  let n = 1;
  for (let k = 0; k < offset; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && !(text.charCodeAt(k + 1) === 10 && k + 1 < offset))) n++;
  }
  return n;
}

/** Index of the line containing `offset` (binary search). */
export function lineOf(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The dynamic units of one message body, merged and sorted, or the reason none can be moved. */
export function dynamicUnits(lines: readonly Line[], segments: readonly Segment[], xmlLines: readonly number[]): UnitsResult {
  const xml = xmlBlocks(lines, xmlLines);
  const dynamicCount = segments.reduce((n, s) => n + (s.kind === 'dynamic' || s.kind === 'volatile' ? 1 : 0), 0);
  if (xml.length > MAX_XML_BLOCKS || xml.length * dynamicCount > MAX_WORK) return { reason: 'The message has too many XML-tag blocks to reorder safely.' };
  const units: Unit[] = [];
  const sensitive = new Uint8Array(lines.length);
  let coveredTo = -1;
  for (const seg of segments) {
    if ((seg.kind !== 'dynamic' && seg.kind !== 'volatile') || !lines.length) continue;
    if (seg.start < lines[0]!.start || seg.start >= lines[lines.length - 1]!.next) continue;
    const first = lineOf(lines, seg.start);
    if (first <= coveredTo) continue;
    const unit: Unit = unitFor(lines, xml, first, lineOf(lines, Math.max(seg.start, seg.end - 1)), sensitive);
    sensitive.fill(1, unit.first, unit.last + 1);
    const inner = findInnerHeading(lines, unit);
    if (inner !== -1) unit.blocked = `A control block spans sections (it contains the heading on line ${inner + 1} of the message); moving it would move that heading too.`;
    units.push(unit);
    coveredTo = Math.max(coveredTo, unit.last);
  }
  units.sort((a, b) => a.first - b.first);
  const merged: Unit[] = [];
  for (const u of units) {
    const last = merged[merged.length - 1];
    if (last && u.first <= last.last) {
      last.last = Math.max(last.last, u.last);
      last.blocked ??= u.blocked;
    } else merged.push({ ...u });
  }
  return { units: merged, sensitive };
}

function unitFor(lines: readonly Line[], xml: readonly LineRange[], first: number, last: number, sensitive: Uint8Array): LineRange {
  const unit = { first, last };
  if (first === last && lines[first]!.listItem) {
    // A list item and its indented continuation lines.
    const indent = lines[first]!.indent;
    while (unit.last + 1 < lines.length) {
      const l = lines[unit.last + 1]!;
      sensitive[unit.last + 1] = 1;
      if (l.blank || l.listItem || l.heading || l.indent <= indent) break;
      unit.last++;
    }
  } else {
    while (unit.first > 0 && !lines[unit.first - 1]!.blank && !lines[unit.first]!.heading && !lines[unit.first - 1]!.heading) unit.first--;
    while (unit.last + 1 < lines.length && !lines[unit.last + 1]!.blank && !lines[unit.last + 1]!.heading) unit.last++;
    // In a paragraph of whole sentences, one per line, a single line carries its own meaning.
    if (first === last && unit.first < unit.last) sensitive.fill(1, unit.first, unit.last + 1);
    if (first === last && unit.first < unit.last && everyLineEndsASentence(lines, unit)) {
      unit.first = first;
      unit.last = last;
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const block of xml) {
      const overlaps = block.first <= unit.last && block.last >= unit.first;
      if (overlaps && (block.first < unit.first || block.last > unit.last)) {
        unit.first = Math.min(unit.first, block.first);
        unit.last = Math.max(unit.last, block.last);
        changed = true;
      }
    }
    const section = sectionAround(lines, unit);
    if (section) {
      unit.first = section.first;
      unit.last = section.last;
      changed = true;
    }
  }
  // The lead-in line that introduces the block ("Here is the document:"), at most one blank line above.
  const above = previousNonBlank(lines, unit.first);
  if (above !== -1 && above >= unit.first - 2) {
    sensitive[above] = 1;
    const l = lines[above]!;
    if (!l.dynamic && !l.heading && !l.listItem && l.leadIn) unit.first = above;
  }
  return unit;
}

function everyLineEndsASentence(lines: readonly Line[], range: LineRange): boolean {
  for (let k = range.first; k <= range.last; k++) if (!lines[k]!.sentence) return false;
  return true;
}

/** `<name` or `</name` when the (trimmed) line is only an opening or closing XML tag. */
function xmlTag(t: string): string {
  const open = XML_OPEN.exec(t);
  if (open) return `<${open[1]}`;
  const close = XML_CLOSE.exec(t);
  return close ? `</${close[1]}` : '';
}

/** The section whose heading is the unit's nearest non-blank line above, if the unit is all it holds. */
function sectionAround(lines: readonly Line[], unit: LineRange): LineRange | null {
  const h = previousNonBlank(lines, unit.first);
  if (h === -1 || !lines[h]!.heading) return null;
  const level = lines[h]!.heading;
  const ends = (k: number) => lines[k]!.heading !== 0 && lines[k]!.heading <= level;
  // The section ends at the next heading of its level or above. Only blank lines lie between the
  // heading and the unit (h is the nearest non-blank line above it); if the section ends inside the
  // unit, the unit holds all of it, else the first non-blank line after the unit must end it.
  for (let k = h + 1; k <= unit.last; k++) if (ends(k)) return { first: h, last: unit.last };
  let k = unit.last + 1;
  while (k < lines.length && lines[k]!.blank) k++;
  return k === lines.length || ends(k) ? { first: h, last: unit.last } : null;
}

function findInnerHeading(lines: readonly Line[], unit: LineRange): number {
  for (let k = unit.first + 1; k <= unit.last; k++) {
    if (lines[k]!.heading && lines[k]!.dynamic) return k;
  }
  return -1;
}

function previousNonBlank(lines: readonly Line[], from: number): number {
  let k = from - 1;
  while (k >= 0 && lines[k]!.blank) k--;
  return k;
}

/** Matched pairs of lines holding only `<tag …>` and `</tag>`. */
function xmlBlocks(lines: readonly Line[], xmlLines: readonly number[]): LineRange[] {
  const stack: Array<{ name: string; line: number }> = [];
  const blocks: LineRange[] = [];
  xmlLines.forEach((k) => {
    const tag = lines[k]!.xml;
    if (tag.startsWith('</')) {
      let i = stack.length - 1;
      while (i >= 0 && stack[i]!.name !== tag.slice(2)) i--;
      if (i < 0) return;
      blocks.push({ first: stack[i]!.line, last: k });
      stack.length = i;
    } else if (tag) stack.push({ name: tag.slice(1), line: k });
  });
  return blocks;
}
