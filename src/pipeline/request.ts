// The provider-neutral request: tools, system blocks and messages, each block marked as part of the
// static prefix or not. Rendering keeps every static block byte-identical across requests, so the
// provider's prefix cache (and our namespace hash) sees the same bytes every time.
import type { ParsedTemplate, Segment } from '../core/types';

export interface Block {
  text: string;
  /** Part of the static prefix: identical on every request, so it can be cached by the provider. */
  static: boolean;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  blocks: Block[];
}

export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface RenderedRequest {
  tools: ToolSpec[];
  /** Whether the tool list belongs to the static prefix (it does unless a variable sits inside it). */
  toolsStatic: boolean;
  system: Block[];
  messages: ChatMessage[];
}

export class RenderError extends Error {}

/** Raised for variables the template uses but no value was given for. */
export class MissingVariableError extends RenderError {
  constructor(readonly variables: string[]) {
    super(`no value for ${variables.length > 1 ? 'variables' : 'variable'} ${variables.map((v) => `"${v}"`).join(', ')} (pass each with --var NAME=VALUE)`);
  }
}

/** Control tags of a template language (`{% if %}`, `{{#each}}`, `{# #}`): not sent. */
const CONTROL_TAG = /^\s*(\{%[\s\S]*%\}|\{\{\s*[#/^!>][\s\S]*\}\}|\{#[\s\S]*#\})\s*$/;

/**
 * Renders a parsed template with variable values into a neutral request. Variables are substituted
 * verbatim; control tags are dropped and the text between them kept (conditions are not evaluated).
 * `request`, when given, is appended as the final user message. Everything up to the first dynamic or
 * volatile segment in request order (tools, system, messages) is the static prefix.
 */
export function renderTemplate(
  text: string,
  parsed: ParsedTemplate,
  variables: Record<string, string>,
  request?: string,
): RenderedRequest {
  const missing = [...new Set(parsed.segments.filter((s) => s.kind === 'dynamic' && s.name !== undefined && variables[s.name] === undefined).map((s) => s.name!))];
  if (missing.length) throw new MissingVariableError(missing);
  const out = parsed.format === 'chat-json' ? renderChatJson(text, parsed, variables) : renderText(text, parsed, variables);
  trimEmpty(out);
  if (request !== undefined && request !== '') {
    // Joined to a final user turn rather than sent as a second consecutive user message.
    const last = out.messages[out.messages.length - 1];
    const block = { text: last?.role === 'user' ? `\n\n${request}` : request, static: false };
    if (last?.role === 'user') last.blocks.push(block);
    else out.messages.push({ role: 'user', blocks: [block] });
  }
  return out;
}

function renderText(text: string, parsed: ParsedTemplate, variables: Record<string, string>): RenderedRequest {
  type Part = { role: 'tools' | 'system' | 'user' | 'assistant'; order: number; text: string; fixed: boolean };
  const parts: Part[] = [];
  for (const seg of parsed.segments) {
    const piece = renderSegment(text, seg, variables);
    if (piece === null) continue;
    const message = seg.message === undefined ? undefined : parsed.messages[seg.message];
    const role = message ? roleOf(message.role) : parsed.messages.length === 0 ? 'system' : 'user';
    parts.push({ role, order: message?.order ?? 0, text: piece, fixed: seg.kind === 'static' });
  }
  // Request order is tools, system, then messages; the parser gives each message its order.
  const rank = { tools: 0, system: 1, user: 2, assistant: 2 } as const;
  parts.sort((a, b) => rank[a.role] - rank[b.role] || a.order - b.order);

  let inPrefix = true;
  const out: RenderedRequest = { tools: [], toolsStatic: true, system: [], messages: [] };
  let toolText = '';
  let lastOrder = -1;
  for (const part of parts) {
    if (!part.fixed) inPrefix = false;
    if (part.role === 'tools') {
      toolText += part.text;
      out.toolsStatic &&= inPrefix;
      continue;
    }
    const blocks = part.role === 'system' ? out.system : lastMessage(out, part, lastOrder);
    lastOrder = part.order;
    const last = blocks[blocks.length - 1];
    if (last && last.static === inPrefix) last.text += part.text;
    else blocks.push({ text: part.text, static: inPrefix });
  }
  out.tools = parseTools(toolText);
  return out;
}

/**
 * Chat JSON (OpenAI- or Anthropic-shaped): variables are substituted JSON-escaped into the raw text
 * with a marker before every dynamic or volatile segment, and the result is parsed. Walking tools,
 * system and messages in request order, the static prefix ends at the first marker; a block that
 * contains it is split there.
 */
function renderChatJson(text: string, parsed: ParsedTemplate, variables: Record<string, string>): RenderedRequest {
  let json = '';
  for (const seg of parsed.segments) {
    const raw = text.slice(seg.start, seg.end);
    if (seg.kind === 'dynamic' || seg.kind === 'volatile') json += MARKER_ESCAPED;
    if (seg.kind === 'dynamic' && seg.name !== undefined) json += JSON.stringify(variables[seg.name] ?? '').slice(1, -1);
    else if (!(seg.kind === 'dynamic' && CONTROL_TAG.test(raw))) json += raw;
  }
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new RenderError('the rendered chat JSON is not valid JSON (a variable may sit outside a string)');
  }
  let inPrefix = true;
  const toolsJson = doc.tools === undefined ? '' : JSON.stringify(doc.tools);
  if (toolsJson.includes(MARKER)) inPrefix = false;
  const out: RenderedRequest = { tools: parseTools(toolsJson.split(MARKER).join('')), toolsStatic: inPrefix, system: [], messages: [] };
  const split = (texts: string[]): Block[] => {
    const blocks: Block[] = [];
    for (const t of texts) {
      const at = inPrefix ? t.indexOf(MARKER) : -1;
      if (at >= 0) {
        inPrefix = false;
        blocks.push({ text: t.slice(0, at), static: true }, { text: t.slice(at).split(MARKER).join(''), static: false });
      } else blocks.push({ text: t.split(MARKER).join(''), static: inPrefix });
    }
    return blocks;
  };
  const chat = Array.isArray(doc.messages) ? (doc.messages as Array<{ role?: unknown; content?: unknown }>) : [];
  // System text goes first in the request whether it is a top-level field or a system message.
  out.system.push(...split(contentTexts(doc.system)));
  for (const m of chat) if (m?.role === 'system' || m?.role === 'developer') out.system.push(...split(contentTexts(m.content)));
  for (const m of chat) {
    if (m?.role === 'system' || m?.role === 'developer') continue;
    out.messages.push({ role: m?.role === 'assistant' ? 'assistant' : 'user', blocks: split(contentTexts(m?.content)) });
  }
  return out;
}

/** Marks where a dynamic segment starts inside rendered chat JSON (private-use characters). */
const MARKER = '\ue000\ue001';
const MARKER_ESCAPED = '\\ue000\\ue001';

/** Texts of a message's content: a string, or an array of `{type: "text", text}` blocks. */
function contentTexts(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.filter((b): b is { text: string } => typeof (b as { text?: unknown })?.text === 'string').map((b) => b.text);
}

function renderSegment(text: string, seg: Segment, variables: Record<string, string>): string | null {
  if (seg.kind === 'static' || seg.kind === 'volatile') return text.slice(seg.start, seg.end);
  if (seg.kind !== 'dynamic') return null;
  if (seg.name !== undefined) return variables[seg.name] ?? '';
  const raw = text.slice(seg.start, seg.end);
  return CONTROL_TAG.test(raw) ? null : raw;
}

function roleOf(role: string): 'tools' | 'system' | 'user' | 'assistant' {
  if (role === 'tools' || role === 'user' || role === 'assistant') return role;
  if (role === 'tool') return 'user';
  return 'system'; // system and developer
}

function lastMessage(out: RenderedRequest, part: { role: 'user' | 'assistant' | 'tools' | 'system'; order: number }, lastOrder: number): Block[] {
  const role = part.role === 'assistant' ? 'assistant' : 'user';
  const last = out.messages[out.messages.length - 1];
  if (last && last.role === role && lastOrder === part.order) return last.blocks;
  const message: ChatMessage = { role, blocks: [] };
  out.messages.push(message);
  return message.blocks;
}

function parseTools(json: string): ToolSpec[] {
  if (json.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new RenderError('the tools section is not valid JSON');
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((raw, i) => {
    const t = (raw ?? {}) as Record<string, unknown>;
    const fn = (t.function ?? t) as Record<string, unknown>;
    if (typeof fn.name !== 'string') throw new RenderError(`tool ${i + 1} has no name`);
    const schema = (fn.input_schema ?? fn.parameters ?? { type: 'object', properties: {} }) as Record<string, unknown>;
    return { name: fn.name, description: typeof fn.description === 'string' ? fn.description : '', inputSchema: schema };
  });
}

function trimEmpty(out: RenderedRequest): void {
  out.system = out.system.filter((b) => b.text.trim() !== '');
  for (const m of out.messages) m.blocks = m.blocks.filter((b) => b.text.trim() !== '');
  out.messages = out.messages.filter((m) => m.blocks.length > 0);
}

/** Builds a request from plain parts: static system text and documents, then the user's request. */
export function requestFromParts(parts: { system?: string; documents?: string[]; tools?: ToolSpec[]; user: string }): RenderedRequest {
  const system: Block[] = [];
  if (parts.system) system.push({ text: parts.system, static: true });
  for (const doc of parts.documents ?? []) system.push({ text: doc, static: true });
  return {
    tools: parts.tools ?? [],
    toolsStatic: true,
    system,
    messages: [{ role: 'user', blocks: [{ text: parts.user, static: false }] }],
  };
}

/** The static prefix as one string, in request order (the bytes the provider caches). */
export function staticPrefix(req: RenderedRequest): string {
  let out = req.toolsStatic && req.tools.length ? JSON.stringify(req.tools) : '';
  for (const b of req.system) if (b.static) out += '\u0000' + b.text;
  for (const m of req.messages) for (const b of m.blocks) if (b.static) out += '\u0000' + m.role + b.text;
  return out;
}

/** The dynamic part (what varies per request): what the semantic cache embeds and the router reads. */
export function dynamicText(req: RenderedRequest): string {
  const parts: string[] = [];
  for (const b of req.system) if (!b.static) parts.push(b.text);
  for (const m of req.messages) for (const b of m.blocks) if (!b.static) parts.push(b.text);
  return parts.join('\n').trim();
}

/**
 * What the router reads: the dynamic part of the last user message (the request itself), or the
 * whole dynamic part when the user message has none. Variable values in the system prompt (a name,
 * a tier) say nothing about how hard the request is.
 */
export function routingText(req: RenderedRequest): string {
  const last = [...req.messages].reverse().find((m) => m.role === 'user');
  const own = last?.blocks.filter((b) => !b.static).map((b) => b.text).join('\n').trim() ?? '';
  return own || dynamicText(req);
}

/** All text of the request, for size estimates. */
export function allText(req: RenderedRequest): string {
  const parts: string[] = [req.tools.length ? JSON.stringify(req.tools) : ''];
  for (const b of req.system) parts.push(b.text);
  for (const m of req.messages) for (const b of m.blocks) parts.push(b.text);
  return parts.join('\n');
}
