// Role markers: Prompty's `system:` lines, Prompt flow's `# system:` headers and the role names
// different formats use for the same thing.
import type { Role, Segment } from '../types';
import type { TextView } from './text';

const ALIASES: Record<string, Role> = {
  system: 'system',
  developer: 'developer',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  ai: 'assistant',
  model: 'assistant',
  tool: 'tool',
  function: 'tool',
};

/** Maps a format's role name (`human`, `ai`, `model`, …) to the request role; unknown names are `user`. */
export function normaliseRole(name: string): Role {
  return ALIASES[name.trim().toLowerCase()] ?? 'user';
}

// A whole line that is only a role name and a colon, optionally as a `#` header (Prompt flow).
const ROLE_LINE = /^[ \t]*(?:#[ \t]*)?(system|user|assistant|developer|human|ai|tool|function)[ \t]*:[ \t]*$/i;

/** The role named by the line [start, end) if it is a role marker line. */
export function roleMarkerAt(text: TextView, start: number, end: number): string | null {
  if (end - start > 40) return null;
  const m = ROLE_LINE.exec(text.slice(start, end));
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * Splits role-marker lines out of the static segments as `role` segments (name = the role). Markers
 * inside dynamic text (a loop that emits messages) stay dynamic: their role is decided at render time.
 */
export function splitRoleLines(text: string, segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (segment.kind !== 'static') {
      out.push(segment);
      continue;
    }
    let cursor = segment.start;
    let lineStart = segment.start;
    while (lineStart < segment.end) {
      let lineEnd = lineStart;
      while (lineEnd < segment.end && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
      // A marker must be a whole line: it starts a line of the document and ends at a line break.
      const atLineStart = lineStart === 0 || text.charCodeAt(lineStart - 1) === 10 || text.charCodeAt(lineStart - 1) === 13;
      const atLineEnd = lineEnd < segment.end || lineEnd === text.length;
      const role = atLineStart && atLineEnd ? roleMarkerAt(text, lineStart, lineEnd) : null;
      let next = lineEnd;
      if (text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 && next + 1 < segment.end) next += 2;
      else if (next < segment.end) next += 1;
      if (role) {
        if (lineStart > cursor) out.push({ kind: 'static', start: cursor, end: lineStart });
        out.push({ kind: 'role', start: lineStart, end: next, name: normaliseRole(role) });
        cursor = next;
      }
      lineStart = next;
    }
    if (cursor < segment.end) out.push({ kind: 'static', start: cursor, end: segment.end });
  }
  return out;
}
