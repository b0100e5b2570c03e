// Volatile literals: static text that still changes between deploys or days (dates, timestamps,
// "Today is …" sentences, UUIDs, long hex ids). Each pattern is free of nested quantifiers, so a
// match attempt costs time proportional to what it consumes and the whole scan stays linear.
import type { Segment, Span } from '../types';

/** Longest text a volatile pattern can match; edits farther away than this cannot change a match. */
export const MAX_VOLATILE_LENGTH = 260;

const PATTERNS: RegExp[] = [
  // ISO 8601 date with an optional time and zone: 2026-11-23, 2026-11-23T07:06:43.123Z.
  /\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)/g,
  // A sentence that states the current date or time, up to its end.
  /\b(?:today is|today's date is|the current date is|current date:|the date today is|current time:|the current time is)[^\n\r.!?]{0,200}/gi,
  // UUID.
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  // Long hex id (commit hash, request id): 16+ hex digits with both a digit and a letter.
  /\b(?=[0-9a-f]{0,63}[a-f])(?=[0-9a-f]{0,63}\d)[0-9a-f]{16,64}\b/gi,
];

/**
 * Spans of volatile literals in text[start, end), sorted and non-overlapping. Matching runs on that
 * slice alone; with `from`/`to` (offsets in the text) it reports only matches starting in [from, to),
 * scanning from `from` as a scan of the whole slice would once it got there (see incremental.ts).
 */
export function findVolatile(text: string, start: number, end: number, from = start, to = end): Span[] {
  const slice = text.slice(start, end);
  const found: Span[] = [];
  for (const pattern of PATTERNS) {
    pattern.lastIndex = from - start;
    for (let m = pattern.exec(slice); m && m.index < to - start; m = pattern.exec(slice)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      found.push({ start: start + m.index, end: start + m.index + m[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of found) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * Every pattern needs a digit, a hyphen, "today" or "current" (dates and hex ids have digits, UUIDs
 * hyphens, the sentences those words), so text without any is skipped with one cheap test.
 */
const CANDIDATE = /[\d-]|today|current/i;

/** Splits static segments around volatile literals; other segments pass through unchanged. */
export function markVolatile(text: string, segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (segment.kind !== 'static' || (segment.end - segment.start < 4096 && !CANDIDATE.test(text.slice(segment.start, segment.end)))) {
      out.push(segment);
      continue;
    }
    let cursor = segment.start;
    for (const span of findVolatile(text, segment.start, segment.end)) {
      if (span.start > cursor) out.push({ ...segment, kind: 'static', start: cursor, end: span.start });
      out.push({ ...segment, kind: 'volatile', start: span.start, end: span.end });
      cursor = span.end;
    }
    if (cursor < segment.end) out.push({ ...segment, kind: 'static', start: cursor, end: segment.end });
  }
  return out;
}
