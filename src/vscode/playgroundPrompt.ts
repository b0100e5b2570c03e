// What the playground shows about a prompt: its name, model settings and variables, read with the
// core's parser. Pure (no vscode import) so it is unit-tested under plain Node.
import { parseTemplate } from '../core/template';
import type { ParsedTemplate } from '../core/types';
import type { PromptInfo } from '../protocol/playground';

/** Variable names in first-use order, each once. */
export function templateVariables(parsed: ParsedTemplate): string[] {
  const names = new Set<string>();
  for (const seg of parsed.segments) if (seg.kind === 'dynamic' && seg.name) names.add(seg.name);
  return [...names];
}

/** Describes the prompt in `text` for the panel; `values` are the ones remembered for this file. */
export function describePrompt(text: string, fileName: string, uri: string, values: Record<string, string>): PromptInfo {
  const parsed = parseTemplate(text, { fileName });
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return {
    uri,
    name: base,
    model: parsed.settings.model ?? null,
    maxTokens: parsed.settings.maxTokens ?? null,
    temperature: parsed.settings.temperature ?? null,
    syntax: parsed.syntax,
    variables: templateVariables(parsed),
    values,
    problems: parsed.problems.slice(0, 20).map((p) => p.message),
  };
}
