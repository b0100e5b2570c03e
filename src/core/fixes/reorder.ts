// The `reorder` fix: moves each dynamic block after the static content of its message, or, in
// role-structured formats, into the last user message. The result is a permutation of the original
// lines; only the blank lines between moved pieces are normalised.
import type { MessageSpan, ParsedTemplate, Segment } from '../types';
import type { TextView } from '../template/text';
import { bodyLines, dynamicUnits, landmarks, lineNumber, type Line, type LineSource, type Unit } from './blocks';

/** The plan, with the offsets of the lines whose line-end punctuation it depended on. */
export type ReorderPlan = ({ text: string } | { reason: string }) & { sensitive?: number[] };

interface Piece {
  lines: Line[];
  blankBefore: boolean;
  blankAfter: boolean;
}

interface Body {
  message: MessageSpan;
  start: number;
  end: number;
  lines: Line[];
  units: Unit[];
  /** Indices of the lines holding a positional word, ascending. */
  positional: number[];
}

/**
 * Computes the reordered text, or why the template cannot be reordered safely. `table` is an editor's
 * up-to-date lines of `text` (see lineTable.ts): with it, deciding costs no pass over the text.
 */
export function planReorder(text: TextView, parsed: ParsedTemplate, table?: LineSource): ReorderPlan {
  if (parsed.format === 'chat-json') {
    return { reason: 'Chat JSON is not reordered: move dynamic text into the last user message by hand, or add a cache_control breakpoint.' };
  }
  const undo: Array<() => void> = [];
  try {
    return plan(text, parsed, table, undo);
  } finally {
    for (const restore of undo) restore();
  }
}

function plan(text: TextView, parsed: ParsedTemplate, table: LineSource | undefined, undo: Array<() => void>): ReorderPlan {
  const bodies: Body[] = [];
  const sensitive: number[] = [];
  const byMessage: Segment[][] = parsed.messages.map(() => []);
  for (const s of parsed.segments) if (s.message !== undefined) byMessage[s.message]?.push(s);
  for (const [index, message] of parsed.messages.entries()) {
    const segments = byMessage[index]!;
    const role = segments.find((s) => s.kind === 'role');
    const start = role ? role.end : message.start;
    const lines = bodyLines(text, start, message.end, segments, table, undo);
    const marks = table?.landmarks(start, message.end) ?? landmarks(lines);
    const found = dynamicUnits(lines, segments, marks.xml);
    if ('reason' in found) return found;
    for (let k = 0; k < lines.length; k++) if (found.sensitive[k]) sensitive.push(lines[k]!.start);
    bodies.push({ message, start, end: message.end, lines, units: found.units, positional: marks.positional });
  }
  // A unit needs to move when static text outside every unit follows it, in its message or a later
  // one; when none does, the template is already in order and is returned unchanged (idempotence).
  const lastFree = bodies.map(lastFreeStatic);
  const laterStatic: boolean[] = [];
  for (let k = bodies.length - 1, seen = false; k >= 0; k--) {
    laterStatic[k] = seen;
    seen ||= lastFree[k]! >= 0;
  }
  let needed = false;
  for (const [k, body] of bodies.entries()) {
    const moving = body.units.filter((unit) => unit.last + 1 <= lastFree[k]! || laterStatic[k]);
    needed ||= moving.length > 0;
    const lineAt = (offset: number) => table?.lineNumber(offset) ?? lineNumber(text, offset);
    const blocked = moving.find((u) => u.blocked)?.blocked ?? positionalReference(body, moving, lineAt);
    if (blocked) return { reason: blocked, sensitive };
  }
  if (!needed) return { text: text.toString(), sensitive };
  const source = text.toString();

  // Role-structured formats: units from earlier messages go into the last user message when static
  // text in a later message would otherwise stay cut off (and their own message keeps some content).
  const target = roleTarget(parsed, bodies);
  const moved: Piece[] = [];
  const output = new Map<Body, string>();
  const eol = /\r\n/.test(source) ? '\r\n' : /\r/.test(source) && !/\n/.test(source) ? '\r' : '\n';
  bodies.forEach((body, k) => {
    if (!body.units.length) return;
    const { statics, units } = split(body);
    const hasStatic = statics.some((p) => p.lines.length);
    const later = laterStatic[k]!;
    if (target && body !== target && body.message.start < target.message.start && hasStatic && later) {
      moved.push(...units);
      output.set(body, render(source, body, statics, eol));
    } else {
      output.set(body, render(source, body, [...statics, ...units], eol));
    }
  });
  if (moved.length && target) {
    const { statics, units } = split(target);
    output.set(target, render(source, target, [...statics, ...moved, ...units], eol));
  }
  let result = '';
  let cursor = 0;
  for (const body of bodies) {
    const replacement = output.get(body);
    if (replacement === undefined) continue;
    result += source.slice(cursor, body.start) + replacement;
    cursor = body.end;
  }
  result += source.slice(cursor);
  return { text: result, sensitive };
}

/** The last user message, when the format has role markers. */
function roleTarget(parsed: ParsedTemplate, bodies: Body[]): Body | undefined {
  if (!parsed.segments.some((s) => s.kind === 'role')) return undefined;
  for (let k = bodies.length - 1; k >= 0; k--) if (bodies[k]!.message.role === 'user') return bodies[k];
  return undefined;
}

/** Index of a body's last static line outside every unit (-1 if none): free static text ends there. */
function lastFreeStatic(body: Body): number {
  const { lines, units } = body;
  let u = units.length - 1;
  for (let k = lines.length - 1; k >= 0; k--) {
    while (u >= 0 && units[u]!.first > k) u--;
    if (u >= 0 && units[u]!.last >= k) {
      k = units[u]!.first; // skip the unit
      continue;
    }
    const l = lines[k]!;
    if (!l.blank && !l.dynamic) return k;
  }
  return -1;
}

/** Splits a body into its static runs and its units, as pieces of whole lines. */
function split(body: Body): { statics: Piece[]; units: Piece[] } {
  const statics: Piece[] = [];
  const units: Piece[] = [];
  const { lines } = body;
  const piece = (first: number, last: number): Piece | null => {
    while (first <= last && lines[first]!.blank) first++;
    while (last >= first && lines[last]!.blank) last--;
    if (first > last) return null;
    return { lines: lines.slice(first, last + 1), blankBefore: first > 0 && lines[first - 1]!.blank, blankAfter: last + 1 < lines.length && lines[last + 1]!.blank };
  };
  let cursor = 0;
  for (const unit of body.units) {
    const before = piece(cursor, unit.first - 1);
    if (before) statics.push(before);
    units.push(piece(unit.first, unit.last)!);
    cursor = unit.last + 1;
  }
  const rest = piece(cursor, lines.length - 1);
  if (rest) statics.push(rest);
  return { statics, units };
}

/**
 * Writes pieces in order, keeping the body's leading and trailing blank text. Two pieces are separated
 * by a blank line when either was set off by one originally, else by a single line break (tight lists).
 */
function render(text: string, body: Body, pieces: Piece[], eol: string): string {
  const { lines } = body;
  const firstContent = lines.findIndex((l) => !l.blank);
  let lastContent = lines.length - 1;
  while (lastContent >= 0 && lines[lastContent]!.blank) lastContent--;
  if (firstContent === -1) return text.slice(body.start, body.end);
  const lead = text.slice(body.start, lines[firstContent]!.start);
  const tail = text.slice(lines[lastContent]!.end, body.end);
  let out = lead;
  pieces.forEach((p, k) => {
    const prev = pieces[k - 1];
    if (prev) out += prev.blankBefore || prev.blankAfter || p.blankBefore || p.blankAfter ? eol + eol : eol;
    out += p.lines.map((l) => text.slice(l.start, l.end)).join(eol);
  });
  return out + tail;
}

/** Why a unit cannot move: static text after it refers to it by position, or it points below itself. */
function positionalReference(body: Body, units: readonly Unit[], lineAt: (offset: number) => number): string | null {
  const { lines, positional } = body;
  let lastStatic = lines.length - 1;
  while (lastStatic >= 0 && (lines[lastStatic]!.blank || lines[lastStatic]!.dynamic)) lastStatic--;
  for (const unit of units) {
    // The first static line after the unit that points backwards (positional lines are few and sorted).
    let p = firstAfter(positional, unit.last);
    while (p < positional.length && lines[positional[p]!]!.dynamic) p++;
    if (p < positional.length) {
      const back = lines[positional[p]!]!;
      return `Later text refers to the dynamic block by position ("${back.positional}" on line ${lineAt(back.start)}); moving the block would change what it means.`;
    }
    for (let k = unit.first; unit.last < lastStatic && k <= unit.last; k++) {
      // A lead-in ("outlined below:") points at the block it introduces, which moves with it.
      if (lines[k]!.leadIn) continue;
      if (lines[k]!.forward) return `The dynamic block refers to text "below" it (line ${lineAt(lines[k]!.start)}); moving it after that text would change what it means.`;
    }
  }
  return null;
}

/** Index of the first entry of sorted `values` greater than `value`. */
function firstAfter(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
