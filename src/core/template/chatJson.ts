// Chat-message JSON: an OpenAI `messages` array (bare or in a request), an Anthropic request with
// `tools`, `system` blocks, `messages` and `cache_control`, or a serialised LangChain chat prompt.
// JSON syntax and keys are `structure`; the contents of message strings are scanned for template
// syntax like any other text. Messages are ordered as the provider receives them.
import type { Breakpoint, MessageSpan, Role, TemplateSettings, VariableSyntax } from '../types';
import { SegmentBuilder } from './builder';
import { member, parseJson, type JsonNode } from './json';
import { normaliseRole } from './roles';
import { scanSyntax, type Dialect } from './scan';

export interface ChatJsonParse {
  builder: SegmentBuilder;
  messages: MessageSpan[];
  breakpoints: Breakpoint[];
  settings: TemplateSettings;
}

/** Parses chat JSON, or returns null when the text is not JSON of a recognised chat shape. */
export function parseChatJson(text: string, syntax: VariableSyntax, dialect: Dialect): ChatJsonParse | null {
  const root = parseJson(text);
  if (!root) return null;
  const list = root.type === 'array' ? root : (member(root, 'messages') ?? member(root, 'template'));
  const system = member(root, 'system');
  const tools = member(root, 'tools');
  if (list?.type !== 'array' && !system && !tools) return null;

  const out = new SegmentBuilder(0);
  const messages: MessageSpan[] = [];
  const breakpoints: Breakpoint[] = [];
  // Document order of the parts, each tagged with its place in the request (tools, system, messages).
  const parts: Array<{ node: JsonNode; role: Role; rank: number }> = [];
  if (tools?.type === 'array') parts.push({ node: tools, role: 'tools', rank: 0 });
  if (system && (system.type === 'string' || system.type === 'array')) parts.push({ node: system, role: 'system', rank: 1 });
  if (list?.type === 'array') {
    list.items.forEach((item, k) => {
      const role = member(item, 'role') ?? member(item, '_type');
      parts.push({ node: item, role: normaliseRole(role?.type === 'string' ? role.value : 'user'), rank: 2 + k / (list.items.length + 1) });
    });
  }
  parts.sort((a, b) => a.node.start - b.node.start);

  const content = (start: number, end: number, index: number) => {
    out.fill(start, 'structure');
    const first = out.segments.length;
    scanSyntax(text, start, end, syntax, dialect, out);
    for (let k = first; k < out.segments.length; k++) out.segments[k]!.message = index;
  };
  const marker = (node: JsonNode, offset: number) => {
    const cc = member(node, 'cache_control');
    if (cc?.type !== 'object') return;
    const ttl = member(cc, 'ttl');
    breakpoints.push({ offset, ttl: ttl?.type === 'string' && ttl.value === '1h' ? '1h' : '5m' });
  };
  const blocks = (node: JsonNode, index: number) => {
    if (node.type === 'string') content(node.start + 1, node.end - 1, index);
    if (node.type !== 'array') return;
    for (const block of node.items) {
      const textNode = member(block, 'text');
      if (textNode?.type === 'string') {
        content(textNode.start + 1, textNode.end - 1, index);
        marker(block, textNode.end - 1);
      } else if (block.type === 'string') {
        content(block.start + 1, block.end - 1, index);
      } else {
        // Images, tool results and other blocks are sent as they are: static as a whole.
        content(block.start, block.end, index);
        marker(block, block.end);
      }
    }
  };

  const order = new Map([...parts].sort((a, b) => a.rank - b.rank).map((part, k) => [part, k]));
  for (const part of parts) {
    const index = messages.length;
    const message: MessageSpan = { role: part.role, start: part.node.start, end: part.node.end, order: order.get(part)! };
    const name = part.rank >= 2 ? member(part.node, 'name') : undefined;
    if (name?.type === 'string') message.name = name.value;
    messages.push(message);
    if (part.role === 'tools' && part.node.type === 'array') {
      for (const tool of part.node.items) {
        content(tool.start, tool.end, index);
        marker(tool, tool.end);
      }
    } else if (part.rank === 1) {
      blocks(part.node, index);
    } else {
      const body = member(part.node, 'content') ?? member(member(part.node, 'prompt'), 'template');
      if (body) blocks(body, index);
      marker(part.node, out.position);
    }
  }
  out.fill(text.length, 'structure');
  // A top-level `cache_control` (automatic caching) marks the end of the last message.
  if (root.type === 'object') {
    const last = messages.reduce<MessageSpan | undefined>((best, m) => (!best || m.order > best.order ? m : best), undefined);
    const lastContent = out.segments.filter((s) => s.message !== undefined && messages[s.message] === last).pop();
    if (lastContent) marker(root, lastContent.end);
  }

  const settings: TemplateSettings = {};
  const model = member(root, 'model');
  if (model?.type === 'string') settings.model = model.value;
  for (const key of ['max_tokens', 'max_completion_tokens', 'max_output_tokens']) {
    const max = member(root, key);
    if (max?.type === 'literal' && typeof max.value === 'number' && max.value > 0) settings.maxTokens = max.value;
  }
  const temperature = member(root, 'temperature');
  if (temperature?.type === 'literal' && typeof temperature.value === 'number') settings.temperature = temperature.value;
  return { builder: out, messages, breakpoints, settings };
}
