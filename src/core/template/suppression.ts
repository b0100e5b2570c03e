// In-file suppression: `prompt-cost-disable <rule> [<rule> …]` inside a template comment or front
// matter turns rules off for that file (no rule names: all rules). The comment form depends on the
// format, so the editor's "suppress for this file" quick-fix asks this module what to insert.
import type { ParsedTemplate, RuleId, TemplateFormat, TextEdit, VariableSyntax } from '../types';
import type { TextView } from './text';

const DIRECTIVE = /prompt-cost-disable\b([ \t\w,-]*)/g;
export const ALL_RULES: readonly RuleId[] = ['dynamic-before-static', 'volatile-in-prefix', 'prefix-below-minimum', 'too-many-breakpoints', 'unbalanced-template'];

/** Rules disabled by directives in the document's comments and front matter. */
export function suppressedRules(text: TextView, parsed: ParsedTemplate): Set<RuleId> {
  const rules = new Set<RuleId>();
  for (const segment of parsed.segments) {
    if (segment.kind !== 'comment' && segment.kind !== 'frontMatter') continue;
    const body = text.slice(segment.start, segment.end);
    if (!body.includes('prompt-cost-disable')) continue;
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(body); m; m = DIRECTIVE.exec(body)) {
      const named = m[1]!.split(/[\s,]+/).filter((r): r is RuleId => (ALL_RULES as readonly string[]).includes(r));
      for (const rule of named.length ? named : ALL_RULES) rules.add(rule);
    }
  }
  return rules;
}

/**
 * The comment that disables `rule` for a file of this format and syntax, or null when the format has
 * no comment that stays out of the prompt (chat JSON, Python `str.format`, plain text). Files with
 * front matter take a YAML comment there; templates take the engine's own comment. `fileName`
 * picks Handlebars' `{{! }}` over Jinja's `{# #}` for the double-brace family.
 */
export function suppressionComment(format: TemplateFormat, syntax: VariableSyntax, rule: RuleId, fileName?: string): string | null {
  const directive = `prompt-cost-disable ${rule}`;
  if (format === 'prompty' || format === 'promptfile') return `# ${directive}`;
  if (format === 'chat-json') return null;
  if (syntax === 'mustache') return /\.(hbs|handlebars|mustache|prompt)$/i.test(fileName ?? '') ? `{{! ${directive} }}` : `{# ${directive} #}`;
  return null;
}

/**
 * The edit that inserts the suppression comment: as the first line of the front matter for formats
 * that have one (creating it if missing), otherwise as the first line of the template body. Null when
 * no comment fits the format.
 */
export function suppressionEdit(text: string, parsed: ParsedTemplate, rule: RuleId, fileName?: string): TextEdit | null {
  const comment = suppressionComment(parsed.format, parsed.syntax, rule, fileName);
  if (!comment) return null;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const front = parsed.segments.find((s) => s.kind === 'frontMatter');
  if (comment.startsWith('#')) {
    if (!front) return { start: 0, end: 0, newText: `---${eol}${comment}${eol}---${eol}` };
    const fence = text.indexOf('---', front.start);
    const afterFence = text.indexOf('\n', fence) + 1;
    return { start: afterFence, end: afterFence, newText: `${comment}${eol}` };
  }
  const at = front ? front.end : 0;
  return { start: at, end: at, newText: `${comment}${eol}` };
}
