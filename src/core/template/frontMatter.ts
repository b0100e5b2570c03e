// YAML front matter (`---` … `---`) at the top of Prompty, prompt files and Dotprompt files, and the
// model settings it carries. The YAML is parsed only for settings; its text is never scanned for
// template syntax because it is not sent.
import { parse } from 'yaml';
import type { Span, TemplateSettings } from '../types';

export interface FrontMatter extends Span {
  /** The YAML between the fences. */
  yaml: Span;
}

/** Front matter larger than this is still recognised but not parsed for settings. */
const MAX_PARSED = 256 * 1024;

/**
 * Finds front matter starting at the top of the text (after an optional BOM). With `allowHashHeader`
 * (Dotprompt), `#` comment lines and blank lines before the opening fence belong to it too.
 */
export function findFrontMatter(text: string, allowHashHeader = false): FrontMatter | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (allowHashHeader) {
    for (;;) {
      const eol = lineEnd(text, i);
      const line = text.slice(i, eol);
      if (!(line.startsWith('#') || line.trim() === '') || eol >= text.length) break;
      i = nextLine(text, eol);
    }
  }
  const firstEnd = lineEnd(text, i);
  if (text.slice(i, firstEnd).trimEnd() !== '---') return null;
  const yamlStart = nextLine(text, firstEnd);
  let k = yamlStart;
  while (k < text.length) {
    const eol = lineEnd(text, k);
    const line = text.slice(k, Math.min(eol, k + 8)).trimEnd();
    if ((line === '---' || line === '...') && eol - k < 8) return { start: 0, end: nextLine(text, eol), yaml: { start: yamlStart, end: k } };
    k = nextLine(text, eol);
  }
  return null;
}

/** Model settings from front matter YAML; malformed YAML yields no settings, never an error. */
export function readSettings(text: string, fm: FrontMatter): { settings: TemplateSettings; data: Record<string, unknown> } {
  const settings: TemplateSettings = {};
  if (fm.yaml.end - fm.yaml.start > MAX_PARSED) return { settings, data: {} };
  let data: unknown;
  try {
    data = parse(text.slice(fm.yaml.start, fm.yaml.end), { uniqueKeys: false, maxAliasCount: 100, logLevel: 'silent' });
  } catch {
    return { settings, data: {} };
  }
  if (!isRecord(data)) return { settings, data: {} };
  const model = data.model;
  if (typeof model === 'string') settings.model = model;
  if (isRecord(model)) {
    const configuration = isRecord(model.configuration) ? model.configuration : isRecord(model.connection) ? model.connection : {};
    const id = model.id ?? model.name ?? configuration.name ?? configuration.model ?? configuration.azure_deployment;
    if (typeof id === 'string') settings.model = id;
    readNumbers(model.parameters, settings);
    readNumbers(model.options, settings);
  }
  readNumbers(data.config, settings);
  return { settings, data };
}

function readNumbers(source: unknown, settings: TemplateSettings): void {
  if (!isRecord(source)) return;
  const max = source.max_tokens ?? source.maxOutputTokens ?? source.max_completion_tokens ?? source.maxTokens;
  if (typeof max === 'number' && Number.isFinite(max) && max > 0) settings.maxTokens = max;
  if (typeof source.temperature === 'number') settings.temperature = source.temperature;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineEnd(text: string, from: number): number {
  let k = from;
  while (k < text.length && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
  return k;
}

function nextLine(text: string, eol: number): number {
  if (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10) return eol + 2;
  return eol < text.length ? eol + 1 : eol;
}
