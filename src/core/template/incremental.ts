// Re-parsing after an edit without scanning the whole document again. It applies only when the edit
// provably cannot change any construct: it lies inside one piece of static text, neither the removed
// nor the inserted text holds a character any scanner reacts to, and none sits near the edit. Then
// every segment keeps its place (shifted by the edit) and only the volatile literals of the window
// around the edit are matched again. Anything else returns null and the caller parses from scratch;
// the result is always equal to a full parse (tests check this on random edits).
import type { ParsedTemplate, Segment, Span, TextEdit } from '../types';
import { SAMPLE, syntaxDirective, syntaxFromContent, syntaxFromName } from './detect';
import { roleMarkerAt } from './roles';
import { findVolatile, MAX_VOLATILE_LENGTH } from './volatile';

/**
 * Every construct of every syntax opens with `{` and closes with `}`; the other delimiter characters
 * (`$`, `%`, `#`, `!`, `\\`) only count right next to a brace. So an edit that neither types nor
 * deletes a brace or a line break, and has no brace within the scanners' reach, changes no construct.
 */
const TRIGGERS = /[{}\r\n]/;
const NEARBY = /[{}]/;
/** How far scanners look past a delimiter: f-string fields and Mustache tags, or `${…}` bodies. */
const REACH = { short: 300, dollar: 4200 };

export interface IncrementalOptions {
  fileName?: string;
  syntax?: ParsedTemplate['syntax'];
}

/** The parse of `after` (= `before` with `edit` applied), or null when a full parse is needed. */
export function reparseAfterEdit(before: string, after: string, parsed: ParsedTemplate, edit: TextEdit, options: IncrementalOptions): ParsedTemplate | null {
  if (parsed.format === 'chat-json') return null;
  const { start: s, end: e, newText } = edit;
  const delta = newText.length - (e - s);
  if (TRIGGERS.test(newText) || TRIGGERS.test(before.slice(s, e))) return null;
  const segments = parsed.segments;
  const front = segments[0]?.kind === 'frontMatter' ? segments[0] : undefined;
  // Front matter could appear where there was none; a syntax directive could appear or change.
  if (!front && (parsed.format === 'prompty' || parsed.format === 'promptfile' || /\.prompt$/i.test(options.fileName ?? '')) && /-/.test(newText + before.slice(s, e))) return null;
  if (s < SAMPLE + 64 && (before.slice(0, SAMPLE + 64).includes('prompt-cost-syntax') || after.slice(0, SAMPLE + 64).includes('prompt-cost-syntax'))) return null;

  // The piece of static text (static and volatile segments of one message) strictly containing the edit.
  const k = segmentAt(segments, s);
  if (k < 0 || !isText(segments[k]!)) return null;
  let first = k;
  let last = k;
  while (first > 0 && isText(segments[first - 1]!) && segments[first - 1]!.message === segments[k]!.message) first--;
  while (last + 1 < segments.length && isText(segments[last + 1]!) && segments[last + 1]!.message === segments[k]!.message) last++;
  const gs = segments[first]!.start;
  const ge = segments[last]!.end;
  if (!(gs < s && e < ge) || segments[k]!.message === undefined) return null;
  const reach = parsed.syntax === 'js' || parsed.syntax === 'vscode' ? REACH.dollar : REACH.short;
  if (NEARBY.test(before.slice(Math.max(gs, s - reach), Math.min(ge, e + reach)))) return null;

  // Role markers are whole lines; whether a plain template is role-structured depends on its first line.
  const bodyStart = front ? front.end : 0;
  if (s <= firstLineEnd(before, bodyStart)) return null;
  if (isRoleLine(before, s, e) || isRoleLine(after, s, s + newText.length)) return null;
  // Syntax found from the content: the edit must not change what detection sees.
  if (!options.syntax && !syntaxFromName(options.fileName) && !syntaxDirective(after) && s < bodyStart + SAMPLE + REACH.short) {
    if (syntaxFromContent(after.slice(bodyStart)) !== parsed.syntax) return null;
  }

  const volatile = rematchVolatile(after, segments, first, last, edit, delta);
  if (!volatile) return null;
  const message = segments[k]!.message;
  const piece: Segment[] = [];
  let cursor = gs;
  for (const v of volatile) {
    if (v.start > cursor) piece.push({ kind: 'static', start: cursor, end: v.start, message });
    piece.push({ kind: 'volatile', start: v.start, end: v.end, message });
    cursor = v.end;
  }
  if (cursor < ge + delta) piece.push({ kind: 'static', start: cursor, end: ge + delta, message });
  const shift = <T extends Span>(x: T): T => ({ ...x, start: x.start + delta, end: x.end + delta });
  return {
    ...parsed,
    segments: [...segments.slice(0, first), ...piece, ...segments.slice(last + 1).map(shift)],
    messages: parsed.messages.map((m) => (m.start >= e ? shift(m) : m.end >= e ? { ...m, end: m.end + delta } : m)),
    problems: parsed.problems.map((p) => (p.start >= e ? shift(p) : p)),
  };
}

/**
 * Volatile spans of the edited piece in the new text: the old ones away from the edit, and matches
 * found again in a window around it. The window's ends are chosen where no old match crosses, so
 * each pattern's scan reaches them in the same state as a scan of the whole piece would; a new match
 * crossing the far end makes this give up (null).
 */
function rematchVolatile(after: string, segments: Segment[], first: number, last: number, edit: TextEdit, delta: number): Span[] | null {
  const old: Span[] = [];
  for (let i = first; i <= last; i++) if (segments[i]!.kind === 'volatile') old.push(segments[i]!);
  const gs = segments[first]!.start;
  const ge = segments[last]!.end;
  let ws = Math.max(gs, edit.start - MAX_VOLATILE_LENGTH - 40);
  let we = Math.min(ge, edit.end + MAX_VOLATILE_LENGTH + 40); // old coordinates
  for (const v of old) {
    if (v.start < ws && ws < v.end) ws = v.start;
    if (v.start < we && we < v.end) we = v.end;
  }
  // Matching stops a little past the window: a match there that reached the cut ends past `we` and
  // is rejected below, so the cut cannot change what is kept.
  const found = findVolatile(after, gs, Math.min(ge + delta, we + delta + MAX_VOLATILE_LENGTH + 80), ws, we + delta);
  if (found.some((v) => v.end > we + delta)) return null;
  return [...old.filter((v) => v.end <= ws), ...found, ...old.filter((v) => v.start >= we).map((v) => ({ start: v.start + delta, end: v.end + delta }))];
}

function isText(segment: Segment): boolean {
  return segment.kind === 'static' || segment.kind === 'volatile';
}

/** Index of the segment containing offset (segments are sorted and contiguous). */
function segmentAt(segments: Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** End of the first non-blank line from `from`, looking at most 64 characters into it (markers are short). */
function firstLineEnd(text: string, from: number): number {
  let k = from;
  while (k < text.length && /\s/.test(text.charAt(k))) k++;
  const limit = Math.min(text.length, k + 64);
  while (k < limit && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
  return k;
}

/** Whether the line holding [start, end) is a role marker (markers are at most 40 characters long). */
function isRoleLine(text: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && start - a <= 41 && text.charCodeAt(a - 1) !== 10 && text.charCodeAt(a - 1) !== 13) a--;
  let b = end;
  while (b < text.length && b - end <= 41 && text.charCodeAt(b) !== 10 && text.charCodeAt(b) !== 13) b++;
  return roleMarkerAt(text, a, b) !== null;
}
