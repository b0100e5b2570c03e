// Which format and variable syntax a document uses: from its file name first, then its content,
// unless the file names a syntax itself with a `prompt-cost-syntax: <syntax>` directive.
import type { TemplateFormat, VariableSyntax } from '../types';
import type { Dialect } from './scan';

const SYNTAXES: readonly VariableSyntax[] = ['mustache', 'fstring', 'js', 'vscode', 'none'];
const DIRECTIVE = /prompt-cost-syntax\s*[:=]\s*(mustache|fstring|js|vscode|none)\b/;
/** How much of a document content detection looks at. */
export const SAMPLE = 64 * 1024;

export function formatFromName(fileName: string | undefined, text: string): TemplateFormat {
  const name = (fileName ?? '').toLowerCase();
  if (name.endsWith('.prompty')) return 'prompty';
  if (name.endsWith('.prompt.md')) return 'promptfile';
  if (name.endsWith('.json')) return 'chat-json';
  if (!fileName) {
    const head = text.trimStart();
    if (head.startsWith('{') || head.startsWith('[')) return 'chat-json';
  }
  return 'plain';
}

/** Mustache dialect implied by the file name (Jinja and Handlebars differ in comments and blocks). */
export function dialectFromName(fileName: string | undefined): Dialect {
  const name = (fileName ?? '').toLowerCase();
  if (/\.(jinja2?|j2|njk|nunjucks)$/.test(name)) return 'jinja';
  if (/\.(hbs|handlebars|mustache|prompt)$/.test(name)) return 'handlebars';
  return 'generic';
}

/** A `prompt-cost-syntax:` directive in the first part of the document, if any. */
export function syntaxDirective(text: string): VariableSyntax | null {
  const m = DIRECTIVE.exec(text.length > SAMPLE ? text.slice(0, SAMPLE) : text);
  return m && (SYNTAXES as readonly string[]).includes(m[1]!) ? (m[1] as VariableSyntax) : null;
}

/** Syntax implied by the file name alone, or null when the content must decide. */
export function syntaxFromName(fileName: string | undefined): VariableSyntax | null {
  const name = (fileName ?? '').toLowerCase();
  if (name.endsWith('.prompt.md')) return 'vscode';
  if (/\.(prompty|jinja2?|j2|njk|nunjucks|hbs|handlebars|mustache)$/.test(name)) return 'mustache';
  return null;
}

/**
 * Guesses the syntax from the content: double-brace tags win, then VS Code variables, then `${x}`,
 * then `{x}` fields. A file whose single-brace fields outnumber its double-brace tags is a format
 * string in which `{{x}}` is an escaped literal, as LangChain templates write it. Patterns are bounded
 * and anchored on literal characters, so this is linear.
 */
export function syntaxFromContent(text: string): VariableSyntax {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  // A tag must hold an expression (`{{ name`, `{{#each`, `{{$var`, `{{.Go`), not escaped JSON (`{{"a": 1}}`).
  const tags = count(/\{\{[#/^!>&~-]?\s*[A-Za-z_$@.][^{}\r\n]{0,200}\}\}/g, sample);
  const blocks = /\{%[^\r\n]{1,200}%\}/.test(sample);
  const fields = count(/(?:^|[^{$])\{[A-Za-z_]\w{0,100}(?:![rsa])?(?::[^{}\r\n]{0,50})?\}(?!\})/g, sample);
  if (blocks || (tags > 0 && tags >= fields)) return 'mustache';
  if (/\$\{(?:input:|selection\}|selectedText\}|file|workspaceFolder)/.test(sample)) return 'vscode';
  if (/\$\{[A-Za-z_$][\w$.]{0,100}\}/.test(sample)) return 'js';
  if (fields > 0) return 'fstring';
  return 'none';
}

function count(pattern: RegExp, text: string): number {
  let n = 0;
  for (pattern.lastIndex = 0; pattern.exec(text); ) n++;
  return n;
}
