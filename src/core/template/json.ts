// A small JSON parser that keeps the offsets of every value, which `JSON.parse` throws away. It
// returns null on any syntax error (the caller falls back to plain text) and never recurses deeper
// than MAX_DEPTH, so hostile nesting cannot overflow the stack.

export type JsonNode = JsonObject | JsonArray | JsonString | JsonLiteral;
interface Base {
  start: number;
  end: number;
}
export interface JsonObject extends Base {
  type: 'object';
  entries: Array<{ key: JsonString; value: JsonNode }>;
}
export interface JsonArray extends Base {
  type: 'array';
  items: JsonNode[];
}
export interface JsonString extends Base {
  type: 'string';
  /** Decoded value for short strings (keys, roles); long strings are not decoded. */
  value: string;
}
export interface JsonLiteral extends Base {
  type: 'literal';
  value: number | boolean | null;
}

const MAX_DEPTH = 256;
const DECODE_LIMIT = 512;

class Fail extends Error {}

export function parseJson(text: string): JsonNode | null {
  let i = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) i++;
      else return;
    }
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) throw new Fail();
    ws();
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      i++;
      const entries: JsonObject['entries'] = [];
      ws();
      if (text.charCodeAt(i) === 125) return { type: 'object', start, end: ++i, entries };
      for (;;) {
        ws();
        if (text.charCodeAt(i) !== 34) throw new Fail();
        const key = string();
        ws();
        if (text.charCodeAt(i++) !== 58 /* : */) throw new Fail();
        entries.push({ key, value: value(depth + 1) });
        ws();
        const sep = text.charCodeAt(i++);
        if (sep === 125) return { type: 'object', start, end: i, entries };
        if (sep !== 44) throw new Fail();
      }
    }
    if (c === 91 /* [ */) {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text.charCodeAt(i) === 93) return { type: 'array', start, end: ++i, items };
      for (;;) {
        items.push(value(depth + 1));
        ws();
        const sep = text.charCodeAt(i++);
        if (sep === 93) return { type: 'array', start, end: i, items };
        if (sep !== 44) throw new Fail();
      }
    }
    if (c === 34) return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) throw new Fail();
    i += m[0].length;
    const literal = m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0]);
    return { type: 'literal', start, end: i, value: literal };
  };
  const string = (): JsonString => {
    const start = i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c) || c === 10 || c === 13) throw new Fail();
      i++;
      if (c === 92) i++;
      else if (c === 34) break;
    }
    let decoded = '';
    if (i - start <= DECODE_LIMIT) {
      try {
        decoded = JSON.parse(text.slice(start, i)) as string;
      } catch {
        throw new Fail();
      }
    }
    return { type: 'string', start, end: i, value: decoded };
  };
  try {
    const root = value(0);
    ws();
    return i === text.length ? root : null;
  } catch (error) {
    if (error instanceof Fail || error instanceof RangeError) return null;
    throw error;
  }
}

/** The value of `key` in an object node, if present. */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  for (const entry of node.entries) if (entry.key.value === key) return entry.value;
  return undefined;
}
