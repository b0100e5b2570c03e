// Which stretches of a prompt the highlighting marks, from segments and the prefix end. Pure, and
// shared by the extension (full reports) and the analysis worker (the quick outline of a large
// document that is painted before its tokens are counted).
import type { Segment, Span } from '../core/types';

export interface HighlightSpans {
  /** Sent static text (and role markers, JSON structure) before the prefix end, merged. */
  prefix: Span[];
  dynamic: Span[];
  volatile: Span[];
}

export function highlightSpans(segments: readonly Segment[], prefixEnd: number): HighlightSpans {
  const result: HighlightSpans = { prefix: [], dynamic: [], volatile: [] };
  for (const s of segments) {
    if (s.kind === 'dynamic') result.dynamic.push({ start: s.start, end: s.end });
    else if (s.kind === 'volatile') result.volatile.push({ start: s.start, end: s.end });
    else if (s.start < prefixEnd && (s.kind === 'static' || s.kind === 'role' || s.kind === 'structure')) {
      const end = Math.min(s.end, prefixEnd);
      const last = result.prefix.at(-1);
      if (last && last.end === s.start) last.end = end;
      else result.prefix.push({ start: s.start, end });
    }
  }
  return result;
}
