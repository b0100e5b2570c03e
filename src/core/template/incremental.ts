// Re-parsing after an edit without scanning the whole document again. It applies only when the edit
// provably cannot change any construct: it lies inside one piece of static text, neither the removed
// nor the inserted text holds a character any scanner reacts to, none sits near the edit, and no
// line near it is (or becomes) a role marker or a front-matter fence. Then
// every segment keeps its place (shifted by the edit) and only the volatile literals of the window
// around the edit are matched again. Anything else returns null and the caller parses from scratch;
// the result is always equal to a full parse (tests check this on random edits).
import type { ParsedTemplate, Segment, Span, TextEdit } from '../types';
import { SAMPLE, syntaxFromContent, syntaxFromName } from './detect';
import { roleMarkerAt } from './roles';
import type { TextView } from './text';
import { findVolatile, MAX_VOLATILE_LENGTH } from './volatile';

/**
 * Every construct of every syntax opens with `{` and closes with `}`; the other delimiter characters
 * (`$`, `%`, `#`, `!`, `\\`) only count right next to a brace. So an edit that neither types nor
 * deletes a brace changes no construct, unless a brace is right next to it or an opener before it is
 * still within the scanner's reach (an f-string field, a `${…}` body: the only constructs a line
 * break can end, so they are what makes typing one near them unsafe). Line breaks otherwise matter
 * only to role-marker lines and front-matter fences, checked separately.
 */
const BRACE = /[{}]/;
/** How far the scanners read past an opener: f-string fields (256), `${…}` bodies (4,096). */
const REACH = { fstring: 300, dollar: 4200 };

export interface IncrementalOptions {
  fileName?: string;
  syntax?: ParsedTemplate['syntax'];
}

/**
 * The parse of `after` (= `before` with `edit` applied), or null when a full parse is needed. Only
 * text near the edit (and the first 64 KB, for directives and syntax detection) is read.
 */
export function reparseAfterEdit(before: TextView, after: TextView, parsed: ParsedTemplate, edit: TextEdit, options: IncrementalOptions): ParsedTemplate | null {
  if (parsed.format === 'chat-json') return null;
  const { start: s, end: e, newText } = edit;
  const delta = newText.length - (e - s);
  const dollar = parsed.syntax === 'js' || parsed.syntax === 'vscode';
  const typed = newText + before.slice(s, e);
  if (BRACE.test(typed) || (dollar && typed.includes('$'))) return null;
  const segments = parsed.segments;
  const front = segments[0]?.kind === 'frontMatter' ? segments[0] : undefined;
  // Front matter could appear where there was none: its opening fence must be the first line (Dotprompt
  // allows `#` lines before it), and an opened one closes at the first later `---` line, wherever that is.
  // A syntax directive could appear or change.
  const dotprompt = /\.prompt$/i.test(options.fileName ?? '');
  const canOpen = dotprompt || s <= firstLineEnd(before, 0) + 3;
  // An opening fence without a closing one yet: any edit anywhere may complete a `---` line.
  const unclosed = dotprompt ? before.slice(0, SAMPLE).includes('---') : /^\uFEFF?---[ \t]*(?:[\r\n]|$)/.test(before.slice(0, 16));
  if (!front && (parsed.format === 'prompty' || parsed.format === 'promptfile' || dotprompt) && (unclosed || (canOpen && /[-\r\n]/.test(typed)))) return null;
  // (a directive counts only in the first 64 KB, so only edits there can add, break or move one).
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
  if (!nothingNearby(before, parsed.syntax, gs, s, e)) return null;

  // Role markers are whole lines; whether a plain template is role-structured depends on its first line.
  const bodyStart = front ? front.end : 0;
  if (s <= firstLineEnd(before, bodyStart)) return null;
  // (role lines count only when the template is role-structured, which its first line decides).
  const roles = parsed.format === 'prompty' || firstLineIsRole(before, bodyStart);
  if (roles && (nearRoleLine(before, s, e) || nearRoleLine(after, s, s + newText.length))) return null;
  // Syntax found from the content: the edit must not change what detection sees.
  if (!options.syntax && !syntaxFromName(options.fileName) && s < bodyStart + SAMPLE + 300) {
    if (syntaxFromContent(after.slice(bodyStart, bodyStart + SAMPLE)) !== parsed.syntax) return null;
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
    segments: [...segments.slice(0, first), ...piece, ...segments.slice(last + 1).map((x) => shiftSegment(x, delta))],
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
function rematchVolatile(after: TextView, segments: Segment[], first: number, last: number, edit: TextEdit, delta: number): Span[] | null {
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
  // Only the window is read: from one character before `ws` (what `\b` looks at) unless that is the
  // piece's start, where the piece itself starts the matched text as in a full parse.
  const base = ws > gs ? ws - 1 : gs;
  const cut = Math.min(ge + delta, we + delta + MAX_VOLATILE_LENGTH + 80);
  const window = after.slice(base, cut);
  const found = findVolatile(window, 0, window.length, ws - base, we + delta - base).map((v) => ({ start: v.start + base, end: v.end + base }));
  if (found.some((v) => v.end > we + delta)) return null;
  return [...old.filter((v) => v.end <= ws), ...found, ...old.filter((v) => v.start >= we).map((v) => ({ start: v.start + delta, end: v.end + delta }))];
}

/** A segment moved by `delta`, written out (a spread per segment per keystroke is measurably slower). */
function shiftSegment(x: Segment, delta: number): Segment {
  const moved: Segment = { kind: x.kind, start: x.start + delta, end: x.end + delta };
  if (x.name !== undefined) moved.name = x.name;
  if (x.message !== undefined) moved.message = x.message;
  return moved;
}

function isText(segment: Segment): boolean {
  return segment.kind === 'static' || segment.kind === 'volatile';
}

/**
 * Whether no delimiter sits where the edit could join, split or re-measure it: a brace right next to
 * the edit (a `$` for `${…}` syntaxes), an f-string `{` whose field could now end differently, or a
 * `${` whose body the edit is in (JS bodies nest braces, so any `${` within reach counts there).
 */
function nothingNearby(before: TextView, syntax: ParsedTemplate['syntax'], gs: number, s: number, e: number): boolean {
  const around = before.slice(Math.max(0, s - 3), e + 3);
  const from = Math.max(gs, s - REACH.dollar - (e - s));
  switch (syntax) {
    case 'none':
      return true;
    case 'mustache':
      return !BRACE.test(around);
    case 'fstring':
      return !BRACE.test(around) && !before.slice(Math.max(gs, s - REACH.fstring), s).includes('{');
    case 'js':
      return !around.includes('$') && !before.slice(from, e + 2).includes('${');
    case 'vscode': {
      if (around.includes('$')) return false;
      // Only a `${` not yet closed before the edit has the edit in its body.
      const window = before.slice(from, s);
      const open = window.lastIndexOf('${');
      return open === -1 || window.includes('}', open);
    }
  }
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
function firstLineEnd(text: TextView, from: number): number {
  let k = from;
  while (k < text.length && /\s/.test(text.slice(k, k + 1))) k++;
  const limit = Math.min(text.length, k + 64);
  while (k < limit && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
  return k;
}

/** Whether the first non-blank line from `from` is a role marker (what makes a plain template role-structured). */
function firstLineIsRole(text: TextView, from: number): boolean {
  const end = firstLineEnd(text, from);
  let start = end;
  while (start > from && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  return roleMarkerAt(text, start, end) !== null;
}

/**
 * Whether a role-marker line is within reach of [start, end): markers are at most 40 characters long,
 * so any marker line touching the range lies within 41 characters of it. (A line cut by the window's
 * edge may look like a marker when it is not; that only costs a full parse.)
 */
function nearRoleLine(text: TextView, start: number, end: number): boolean {
  const from = Math.max(0, start - 41);
  const window = text.slice(from, Math.min(text.length, end + 41));
  for (const line of window.split(/\r\n|\r|\n/)) if (roleMarkerAt(line, 0, line.length) !== null) return true;
  return false;
}
