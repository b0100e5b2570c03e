// The `reorder` fix: moves each dynamic block after the static content of its message, or, in
// role-structured formats, into the last user message. The result is a permutation of the original
// lines; only the blank lines between moved pieces are normalised.
import type { MessageSpan, ParsedTemplate, Segment } from '../types';
import type { TextView } from '../template/text';
import { bodyLines, dynamicUnits, lineNumber, type Line, type LineSource, type Unit } from './blocks';

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
}

/**
 * Computes the reordered text, or why the template cannot be reordered safely. `table` is an editor's
 * up-to-date lines of `text` (see lineTable.ts): with it, deciding costs no pass over the text.
 */
export function planReorder(text: TextView, parsed: ParsedTemplate, table?: LineSource): ReorderPlan {
  if (parsed.format === 'chat-json') {
    return { reason: 'Chat JSON is not reordered: move dynamic text into the last user message by hand, or add a cache_control breakpoint.' };
  }
  const bodies: Body[] = [];
  const sensitive: number[] = [];
  const byMessage: Segment[][] = parsed.messages.map(() => []);
  for (const s of parsed.segments) if (s.message !== undefined) byMessage[s.message]?.push(s);
  for (const [index, message] of parsed.messages.entries()) {
    const segments = byMessage[index]!;
    const role = segments.find((s) => s.kind === 'role');
    const start = role ? role.end : message.start;
    const lines = bodyLines(text, start, message.end, segments, table);
    const found = dynamicUnits(lines, segments);
    if ('reason' in found) return found;
    found.sensitive.forEach((flag, k) => flag && sensitive.push(lines[k]!.start));
    bodies.push({ message, start, end: message.end, lines, units: found.units });
  }
  // A unit needs to move when static text outside every unit follows it, in its message or a later
  // one; when none does, the template is already in order and is returned unchanged (idempotence).
  const free = bodies.map((b) => freeStaticSuffix(b));
  const laterStatic: boolean[] = [];
  for (let k = bodies.length - 1, seen = false; k >= 0; k--) {
    laterStatic[k] = seen;
    seen ||= free[k]![0]!;
  }
  let needed = false;
  for (const [k, body] of bodies.entries()) {
    const moving = body.units.filter((unit) => free[k]![unit.last + 1] || laterStatic[k]);
    needed ||= moving.length > 0;
    const blocked = moving.find((u) => u.blocked)?.blocked ?? positionalReference(body.lines, moving, (offset) => table?.lineNumber(offset) ?? lineNumber(text, offset));
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

/** For each line index of a body: whether a static line outside every unit is at or after it. */
function freeStaticSuffix(body: Body): boolean[] {
  const inUnit: boolean[] = new Array(body.lines.length).fill(false);
  for (const u of body.units) for (let k = u.first; k <= u.last; k++) inUnit[k] = true;
  const out: boolean[] = new Array(body.lines.length + 1).fill(false);
  for (let k = body.lines.length - 1; k >= 0; k--) {
    const l = body.lines[k]!;
    out[k] = (!l.blank && !l.dynamic && !inUnit[k]) || out[k + 1]!;
  }
  return out;
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
function positionalReference(lines: readonly Line[], units: readonly Unit[], lineAt: (offset: number) => number): string | null {
  // For each line: the first static line at or after it that points backwards, and whether any static line follows.
  const pointsBack: number[] = new Array(lines.length + 1).fill(-1);
  const staticFrom = staticSuffix(lines);
  for (let k = lines.length - 1; k >= 0; k--) {
    const l = lines[k]!;
    pointsBack[k] = !l.blank && !l.dynamic && l.positional ? k : pointsBack[k + 1]!;
  }
  for (const unit of units) {
    const back = pointsBack[unit.last + 1]!;
    if (back !== -1) {
      return `Later text refers to the dynamic block by position ("${lines[back]!.positional}" on line ${lineAt(lines[back]!.start)}); moving the block would change what it means.`;
    }
    for (let k = unit.first; staticFrom[unit.last + 1] && k <= unit.last; k++) {
      // A lead-in ("outlined below:") points at the block it introduces, which moves with it.
      if (lines[k]!.leadIn) continue;
      if (lines[k]!.forward) return `The dynamic block refers to text "below" it (line ${lineAt(lines[k]!.start)}); moving it after that text would change what it means.`;
    }
  }
  return null;
}

/** For each line index: whether a static non-blank line is at or after it. */
function staticSuffix(lines: readonly Line[]): boolean[] {
  const out: boolean[] = new Array(lines.length + 1).fill(false);
  for (let k = lines.length - 1; k >= 0; k--) out[k] = (!lines[k]!.blank && !lines[k]!.dynamic) || out[k + 1]!;
  return out;
}
