// Template parsing: splits a prompt document into segments that cover it exactly, in document order,
// and groups them into the messages a provider receives. Never throws on malformed input.
//
// Formats (from the file name): `.prompty` (YAML front matter, `system:`/`user:`/`assistant:` lines),
// `.prompt.md` (front matter + markdown), `.json` (OpenAI `messages`, Anthropic request, LangChain
// chat prompt; falls back to plain text when it is not JSON yet), anything else plain (Dotprompt
// `.prompt` files may have `#` lines before their front matter; Prompt flow `# system:` headers
// make a plain file role-structured when its first line is one).
// Syntax: a `prompt-cost-syntax: <mustache|fstring|js|vscode|none>` directive anywhere in the first
// 64 KB (put it in a comment or the front matter), else the caller's option, else the file type
// (`.j2 .jinja .jinja2 .njk .hbs .handlebars .mustache .prompty` → mustache, `.prompt.md` → vscode),
// else the content. Suppression: `prompt-cost-disable [rule …]` inside a comment or front matter
// (see suppression.ts for the comment form per format). Volatile literals: see volatile.ts.
import type { MessageSpan, ParsedTemplate, Role, Segment, TemplateFormat, TemplateSettings, VariableSyntax } from '../types';
import { SegmentBuilder, type Problem } from './builder';
import { parseChatJson } from './chatJson';
import { dialectFromName, formatFromName, syntaxDirective, syntaxFromContent, syntaxFromName } from './detect';
import { findFrontMatter, isRecord, readSettings } from './frontMatter';
import { roleMarkerAt, splitRoleLines } from './roles';
import { scanSyntax, type Dialect } from './scan';
import { markVolatile } from './volatile';

export { computePrefix, type PrefixResult } from './prefix';
export { suppressionComment, suppressionEdit, suppressedRules } from './suppression';

export interface ParseOptions {
  /** Used to pick the format and syntax (`.prompty`, `.prompt.md`, `.json`, `.j2`, …). */
  fileName?: string;
  /** Forces a variable syntax; a `prompt-cost-syntax:` directive in the file still wins. */
  syntax?: VariableSyntax;
  /** Forces the format instead of deriving it from the file name (used when re-analysing a fix). */
  format?: TemplateFormat;
}

/**
 * Parses a prompt template. Segments cover `text` exactly with no gaps or overlaps, in document
 * order; malformed constructs are listed in `problems`. Syntax precedence: an in-file
 * `prompt-cost-syntax: <syntax>` directive, then `options.syntax`, then the file type, then content.
 */
export function parseTemplate(text: string, options: ParseOptions = {}): ParsedTemplate {
  try {
    return parse(text, options);
  } catch (error) {
    // Defence in depth: a bug must not take the editor down. The tests assert this never happens.
    return {
      format: 'plain',
      syntax: 'none',
      segments: text.length ? [{ kind: 'static', start: 0, end: text.length, message: 0 }] : [],
      messages: [{ role: 'user', start: 0, end: text.length, order: 0 }],
      settings: {},
      breakpoints: [],
      problems: [{ start: 0, end: 0, message: `internal error while parsing: ${String(error)}` }],
    };
  }
}

function parse(text: string, options: ParseOptions): ParsedTemplate {
  let format: TemplateFormat = options.format ?? formatFromName(options.fileName, text);
  let dialect: Dialect = dialectFromName(options.fileName);
  const chosen = syntaxDirective(text) ?? options.syntax ?? syntaxFromName(options.fileName);

  if (format === 'chat-json') {
    const syntax = chosen ?? syntaxFromContent(text);
    const chat = parseChatJson(text, syntax, dialect);
    if (chat) {
      return {
        format,
        syntax,
        segments: markVolatile(text, chat.builder.segments),
        messages: chat.messages,
        settings: chat.settings,
        breakpoints: chat.breakpoints,
        problems: chat.builder.problems,
      };
    }
    // Not JSON yet (e.g. template tags between messages): analyse it as a plain template.
    format = 'plain';
  }

  const isDotprompt = /\.prompt$/i.test(options.fileName ?? '');
  const fm = format === 'prompty' || format === 'promptfile' || isDotprompt ? findFrontMatter(text, isDotprompt) : null;
  let settings: TemplateSettings = {};
  if (fm) {
    const read = readSettings(text, fm);
    settings = read.settings;
    if (format === 'prompty') dialect = prompyDialect(read.data);
  } else if (format === 'prompty') dialect = 'jinja';
  const bodyStart = fm ? fm.end : 0;
  const syntax = chosen ?? syntaxFromContent(bodyStart ? text.slice(bodyStart) : text);

  const out = new SegmentBuilder(0);
  if (fm) out.add('frontMatter', 0, fm.end);
  scanSyntax(text, bodyStart, text.length, syntax, dialect, out);
  let segments = out.segments;
  const roleStructured = format === 'prompty' || startsWithRoleMarker(text, bodyStart);
  if (roleStructured) segments = splitRoleLines(text, segments);
  segments = markVolatile(text, segments);
  const defaultRole: Role = format === 'promptfile' ? 'user' : 'system';
  const messages = assignMessages(text, segments, bodyStart, defaultRole);
  return { format, syntax, segments, messages, settings, breakpoints: [], problems: out.problems as Problem[] };
}

function prompyDialect(data: Record<string, unknown>): Dialect {
  const template = data.template;
  const kind = typeof template === 'string' ? template : isRecord(template) ? (isRecord(template.format) ? template.format.kind : (template.format ?? template.type)) : undefined;
  return typeof kind === 'string' && /mustache|handlebars/i.test(kind) ? 'handlebars' : 'jinja';
}

/** True when the first non-blank line of the body is a role marker (Prompt flow's `# system:`). */
function startsWithRoleMarker(text: string, from: number): boolean {
  let k = from;
  for (let lines = 0; lines < 50 && k < text.length; lines++) {
    let eol = k;
    while (eol < text.length && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
    if (text.slice(k, Math.min(eol, k + 200)).trim() !== '') return roleMarkerAt(text, k, eol) !== null;
    k = eol + 1;
  }
  return false;
}

/**
 * Starts a message at each role segment; content before the first marker belongs to `defaultRole`.
 * Blank text and comments before the first marker belong to no message.
 */
function assignMessages(text: string, segments: Segment[], bodyStart: number, defaultRole: Role): MessageSpan[] {
  const end = text.length;
  const messages: MessageSpan[] = [];
  let current: MessageSpan | undefined;
  for (const segment of segments) {
    if (segment.kind === 'frontMatter') continue;
    if (!current && segment.kind !== 'role' && (segment.kind === 'comment' || isBlank(text, segment))) continue;
    if (segment.kind === 'role' && segment.name) {
      if (current) current.end = segment.start;
      current = { role: segment.name as Role, start: segment.start, end, order: messages.length };
      messages.push(current);
    } else if (!current) {
      current = { role: defaultRole, start: bodyStart, end, order: 0 };
      messages.push(current);
    }
    segment.message = current.order;
  }
  if (!current) messages.push({ role: defaultRole, start: bodyStart, end, order: 0 });
  return messages;
}

function isBlank(text: string, span: { start: number; end: number }): boolean {
  for (let k = span.start; k < span.end; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}
