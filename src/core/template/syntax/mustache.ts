// Scanner for the double-brace family: Mustache, Handlebars, Jinja and Nunjucks. One pass with
// `indexOf`; a stack of open blocks makes the text inside `if`/`for`/`each` dynamic.
import { Finder, type SegmentBuilder } from '../builder';
import { normaliseRole } from '../roles';

/** Which engine's extras apply: Jinja has `{% %}`/`{# #}`, Handlebars has `{{! }}`/`{{{ }}}`. */
export type MustacheDialect = 'jinja' | 'handlebars' | 'generic';

interface OpenBlock {
  name: string;
  start: number;
  end: number;
  /** False for blocks whose body is sent as written (message wrappers, Jinja `block`). */
  dynamic: boolean;
}

// Jinja statements that open a block closed by `end<name>`.
const JINJA_BLOCKS = new Set(['if', 'for', 'macro', 'call', 'filter', 'block', 'with', 'autoescape', 'trans', 'set']);
// Jinja statements that produce no output of their own.
const JINJA_SILENT = new Set(['set', 'import', 'from']);
const VARIABLE_PATH = /^[A-Za-z_$@.][\w$@.[\]/-]*/;

export function scanMustache(text: string, start: number, end: number, dialect: MustacheDialect, out: SegmentBuilder): void {
  const finder = new Finder(text, end);
  const stack: OpenBlock[] = [];
  let dynamicDepth = 0;
  const gap = () => (dynamicDepth > 0 ? 'dynamic' : 'static');
  const open = (block: OpenBlock) => {
    stack.push(block);
    if (block.dynamic) dynamicDepth++;
  };
  const close = (name: string, at: number, to: number) => {
    let i = stack.length - 1;
    while (i >= 0 && stack[i]!.name !== name) i--;
    if (i < 0) {
      out.problem(at, to, `'${name}' closes a block that was never opened`);
      return;
    }
    while (stack.length > i) {
      const block = stack.pop()!;
      if (block.dynamic) dynamicDepth--;
      if (stack.length > i) out.problem(block.start, block.end, `'${block.name}' block is not closed before '${name}' ends`);
    }
  };

  let i = start;
  while (i < end - 1) {
    const j = finder.find('{', i);
    if (j === -1 || j >= end - 1) break;
    const next = text.charCodeAt(j + 1);
    if (next === 123 /* { */) {
      const triple = dialect !== 'jinja' && text.charCodeAt(j + 2) === 123;
      if (dialect !== 'jinja' && text.startsWith('{{!--', j)) {
        const c = finder.find('--}}', j + 5);
        if (c === -1) {
          out.problem(j, j + 5, 'comment `{{!--` is never closed');
          i = j + 5;
          continue;
        }
        out.add('comment', j, c + 4, gap());
        i = c + 4;
        continue;
      }
      const closer = triple ? '}}}' : '}}';
      const body = j + closer.length;
      const c = finder.find(closer, body);
      const reopen = finder.find('{{', body + (triple ? 1 : 0));
      if (c === -1 || (reopen !== -1 && reopen < c)) {
        out.problem(j, body, `'${triple ? '{{{' : '{{'}' is never closed`);
        i = body;
        continue;
      }
      const tagEnd = c + closer.length;
      handleExpression(text.slice(body, c), j, tagEnd);
      i = tagEnd;
    } else if (next === 37 /* % */ && dialect !== 'handlebars') {
      const c = finder.find('%}', j + 2);
      const reopen = finder.find('{%', j + 2);
      if (c === -1 || (reopen !== -1 && reopen < c)) {
        out.problem(j, j + 2, "'{%' is never closed");
        i = j + 2;
        continue;
      }
      i = handleStatement(text.slice(j + 2, c), j, c + 2);
    } else if (next === 35 /* # */ && dialect !== 'handlebars') {
      const c = finder.find('#}', j + 2);
      if (c === -1) {
        out.problem(j, j + 2, "comment '{#' is never closed");
        i = j + 2;
        continue;
      }
      out.add('comment', j, c + 2, gap());
      i = c + 2;
    } else i = j + 1;
  }
  out.fill(end, gap());
  for (const block of stack) out.problem(block.start, block.end, `'${block.name}' block is never closed`);

  function handleExpression(raw: string, tagStart: number, tagEnd: number): void {
    const inner = trimTag(raw, '~&-');
    const sigil = inner.charAt(0);
    if (sigil === '!') {
      out.add('comment', tagStart, tagEnd, gap());
    } else if (sigil === '#' || sigil === '^') {
      const name = firstWord(inner.slice(1));
      if (name === 'message') {
        const role = /role\s*=\s*["']([^"']+)/.exec(inner);
        out.add('role', tagStart, tagEnd, gap(), normaliseRole(role?.[1] ?? 'user'));
        open({ name, start: tagStart, end: tagEnd, dynamic: false });
      } else {
        out.add('dynamic', tagStart, tagEnd, gap());
        open({ name, start: tagStart, end: tagEnd, dynamic: true });
      }
    } else if (sigil === '/') {
      const name = firstWord(inner.slice(1));
      out.add(name === 'message' ? 'structure' : 'dynamic', tagStart, tagEnd, gap());
      close(name, tagStart, tagEnd);
    } else if (/^role\s+["']/.test(inner)) {
      const role = /^role\s+["']([^"']+)/.exec(inner);
      out.add('role', tagStart, tagEnd, gap(), normaliseRole(role?.[1] ?? 'user'));
    } else {
      if (inner.startsWith('else') && dynamicDepth === 0) out.problem(tagStart, tagEnd, "'else' outside of a block");
      out.add('dynamic', tagStart, tagEnd, gap(), variableName(inner));
    }
  }

  /** Handles a `{% … %}` tag and returns where scanning resumes. */
  function handleStatement(raw: string, tagStart: number, tagEnd: number): number {
    const inner = trimTag(raw, '+-');
    const word = firstWord(inner);
    if (word === 'raw') {
      // Everything up to `{% endraw %}` is literal text.
      out.add('dynamic', tagStart, tagEnd, gap());
      let k = tagEnd;
      for (;;) {
        const o = finder.find('{%', k);
        if (o === -1) {
          out.problem(tagStart, tagEnd, "'raw' block is never closed");
          return tagEnd;
        }
        const c = finder.find('%}', o + 2);
        if (c === -1) {
          out.problem(tagStart, tagEnd, "'raw' block is never closed");
          return tagEnd;
        }
        if (firstWord(trimTag(text.slice(o + 2, c), '+-')) === 'endraw') {
          out.fill(o, gap());
          out.add('dynamic', o, c + 2, gap());
          return c + 2;
        }
        k = o + 2;
      }
    }
    if (word.startsWith('end') && word.length > 3) {
      out.add('dynamic', tagStart, tagEnd, gap());
      close(word.slice(3), tagStart, tagEnd);
    } else if (JINJA_BLOCKS.has(word) && !(word === 'set' && inner.includes('='))) {
      out.add('dynamic', tagStart, tagEnd, gap());
      open({ name: word, start: tagStart, end: tagEnd, dynamic: word !== 'block' });
    } else if (JINJA_SILENT.has(word)) {
      out.add('comment', tagStart, tagEnd, gap());
    } else {
      if ((word === 'else' || word === 'elif') && dynamicDepth === 0) out.problem(tagStart, tagEnd, `'${word}' outside of a block`);
      out.add('dynamic', tagStart, tagEnd, gap(), word === 'include' ? `include ${inner.slice(7).trim()}` : undefined);
    }
    return tagEnd;
  }
}

/** Strips whitespace and the engine's whitespace-control marks from both ends (no regex: tags can be huge). */
function trimTag(s: string, marks: string): string {
  const strip = (c: string) => c.trim() === '' || marks.includes(c);
  let a = 0;
  let b = s.length;
  while (a < b && strip(s.charAt(a))) a++;
  while (b > a && strip(s.charAt(b - 1))) b--;
  return s.slice(a, b);
}

function firstWord(s: string): string {
  const m = /^\s*([\w$@.-]*)/.exec(s);
  return m ? m[1]! : '';
}

/** The variable a simple expression prints (`name`, `a.b`, `x | upper`), or undefined for helper calls. */
function variableName(inner: string): string | undefined {
  const m = VARIABLE_PATH.exec(inner);
  if (!m) return undefined;
  const rest = inner.slice(m[0].length).trimStart();
  return rest === '' || rest.startsWith('|') ? m[0] : undefined;
}
