// Scanner for Python `str.format` / LangChain templates: `{name}`, `{name!r:>10}`, `{{`/`}}` escapes.
// Braces that do not hold a field name (literal JSON in many real prompts) stay static text.
import type { SegmentBuilder } from '../builder';

const FIELD = /^([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*|\[[^\]{}\n]*\])*)(?:![rsa])?(?::[^{}\n]*)?\}/;

export function scanFString(text: string, start: number, end: number, out: SegmentBuilder): void {
  let i = start;
  while (i < end) {
    const j = text.indexOf('{', i);
    if (j === -1 || j >= end) break;
    if (text.charCodeAt(j + 1) === 123 && j + 1 < end) {
      i = j + 2; // `{{` is an escaped literal brace
      continue;
    }
    // Fields are short; look at a bounded window so a huge line costs linear time.
    const window = text.slice(j + 1, Math.min(end, j + 257));
    const m = FIELD.exec(window);
    if (m) {
      out.add('dynamic', j, j + 1 + m[0].length, 'static', m[1]);
      i = j + 1 + m[0].length;
    } else {
      // `{name` running into the end of the line is a field someone forgot to close.
      const open = /^[A-Za-z_]\w*/.exec(window);
      const after = open ? j + 1 + open[0].length : -1;
      if (open && (after >= end || text.charCodeAt(after) === 10 || text.charCodeAt(after) === 13)) {
        out.problem(j, after, `'{${open[0]}' is never closed`);
      }
      i = j + 1;
    }
  }
  out.fill(end);
}
