// The `add-breakpoint` fix for chat JSON: a `cache_control` marker on the last block that is static
// in request order, so Anthropic caches everything up to it. A string `system` or message `content`
// becomes a one-block array, which is the only place a marker can go.
import { member, parseJson, type JsonNode } from '../template/json';
import type { PrefixResult } from '../template/prefix';
import type { ParsedTemplate, TextEdit } from '../types';

export type BreakpointPlan = { edits: TextEdit[] } | { reason: string };

const MARKER = '"cache_control": {"type": "ephemeral"}';

/** Edits that mark the last fully static block, or why none can be added. */
export function planBreakpoint(text: string, parsed: ParsedTemplate, prefix: PrefixResult): BreakpointPlan {
  if (parsed.format !== 'chat-json') return { reason: 'Breakpoints exist only in chat JSON requests.' };
  const root = parseJson(text);
  if (!root) return { reason: 'The document is not valid JSON.' };
  // The last block, in request order before the first dynamic segment, that is entirely static.
  const stop = prefix.stopper === null ? prefix.order.length : prefix.order.indexOf(prefix.stopper);
  let block: Block | null = null;
  for (let k = stop - 1; k >= 0 && !block; k--) {
    const candidate = containingBlock(root, parsed.segments[prefix.order[k]!]!.end);
    if (candidate && !parsed.segments.some((s) => s.start >= candidate.node.start && s.end <= candidate.node.end && (s.kind === 'dynamic' || s.kind === 'volatile'))) {
      block = candidate;
    }
  }
  if (!block) return { reason: 'No content block before the first dynamic segment is entirely static; split the static text into its own block first.' };
  if (block.kind === 'object' && member(block.node, 'cache_control')) return { reason: 'The last static block already has a breakpoint.' };
  if (parsed.breakpoints.length >= 4) return { reason: 'The request already has 4 breakpoints, the most the API accepts.' };
  if (block.kind === 'object') {
    const close = block.node.end - 1;
    const empty = block.node.type === 'object' && block.node.entries.length === 0;
    return { edits: [{ start: close, end: close, newText: `${empty ? '' : ', '}${MARKER}` }] };
  }
  const [open, close] = block.kind === 'string' ? ['[{', '}]'] : ['{', '}'];
  return {
    edits: [
      { start: block.node.start, end: block.node.start, newText: `${open}"type": "text", "text": ` },
      { start: block.node.end, end: block.node.end, newText: `, ${MARKER}${close}` },
    ],
  };
}

/** `string`: a bare content string (becomes a one-block array); `item`: a bare string inside an array. */
type Block = { kind: 'object' | 'string' | 'item'; node: JsonNode };

/** The innermost content block (a text block object, a tool, or a bare content string) ending at `offset`. */
function containingBlock(root: JsonNode, offset: number): Block | null {
  const candidates: Block[] = [];
  const tools = member(root, 'tools');
  if (tools?.type === 'array') for (const tool of tools.items) candidates.push({ kind: 'object', node: tool });
  const contents: JsonNode[] = [];
  const system = member(root, 'system');
  if (system) contents.push(system);
  const list = root.type === 'array' ? root : member(root, 'messages');
  if (list?.type === 'array') for (const message of list.items) {
    const content = member(message, 'content');
    if (content) contents.push(content);
  }
  for (const content of contents) {
    if (content.type === 'string') candidates.push({ kind: 'string', node: content });
    if (content.type === 'array') for (const item of content.items) candidates.push({ kind: item.type === 'object' ? 'object' : 'item', node: item });
  }
  for (const c of candidates) {
    const inner = c.node.type === 'string' ? c.node.end - 1 : c.node.end;
    const text = member(c.node, 'text');
    if (inner === offset || (text?.type === 'string' && text.end - 1 === offset) || c.node.end === offset) return c;
  }
  return null;
}
