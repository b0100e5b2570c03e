// Anthropic's explicit prompt cache: entries are written at `cache_control` breakpoints, keyed by the exact
// prefix (tools → system → messages, per block), read back by exact match at a breakpoint or up to 20
// blocks before it, and kept for their TTL, which every hit refreshes.
import { createHash } from 'node:crypto';
import type { Clock } from './types';

/** One content block of the request in prefix order; `ttl` is set when it carries `cache_control`. */
export interface CacheBlock {
  /** `tools`, `system`, `user` or `assistant`: part of the prefix identity. */
  scope: string;
  text: string;
  ttl?: '5m' | '1h';
}

/** Token accounting of one request, plus the cache writes to make visible once the response begins. */
export interface CachePlan {
  /** Uncached input after the cached or written prefix (Anthropic's `input_tokens`). */
  input: number;
  read: number;
  write5m: number;
  write1h: number;
  commit(): void;
}

const LOOKBACK_BLOCKS = 20;
const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;
const MAX_ENTRIES = 10_000;

interface Entry {
  tokens: number;
  ttlMs: number;
  expiresAt: number;
}

export class AnthropicPromptCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  clear(): void {
    this.entries.clear();
  }

  /**
   * Plans the cache reads and writes for `blocks` (breakpoints already validated).
   * `count` gives the tokens of a prefix's text; `minimum` is the model's smallest cacheable prefix.
   */
  plan(model: string, blocks: CacheBlock[], minimum: number, count: (text: string) => number): CachePlan {
    const keys = prefixKeys(model, blocks);
    const breakpoints = blocks.flatMap((b, i) => (b.ttl ? [i] : []));
    const prefixTokens = (end: number) => count(blocks.slice(0, end + 1).map((b) => b.text).join(''));

    // Read: the longest live entry found at or shortly before any breakpoint.
    let hit = -1;
    for (const b of breakpoints) {
      for (let j = b; j >= Math.max(0, b - LOOKBACK_BLOCKS); j--) {
        if (this.live(keys[j]!)) {
          hit = Math.max(hit, j);
          break;
        }
      }
    }
    const hitEntry = hit >= 0 ? this.live(keys[hit]!) : undefined;
    const read = hitEntry?.tokens ?? 0;

    // Write: each later breakpoint long enough to cache adds the tokens since the previous cached point,
    // billed at its own TTL (1h breakpoints come first, so this gives 1h: B−A, 5m: C−B).
    let covered = read;
    const writes: Array<{ key: string; tokens: number; ttlMs: number }> = [];
    const written = { '5m': 0, '1h': 0 };
    for (const b of breakpoints) {
      if (b <= hit) continue;
      const tokens = prefixTokens(b);
      if (tokens < minimum || tokens <= covered) continue;
      const ttl = blocks[b]!.ttl!;
      written[ttl] += tokens - covered;
      covered = tokens;
      writes.push({ key: keys[b]!, tokens, ttlMs: TTL_MS[ttl] });
    }

    const total = count(blocks.map((b) => b.text).join(''));
    return {
      input: Math.max(0, total - covered),
      read,
      write5m: written['5m'],
      write1h: written['1h'],
      commit: () => {
        const now = this.clock();
        if (hitEntry) this.put(keys[hit]!, { ...hitEntry, expiresAt: now + hitEntry.ttlMs });
        for (const w of writes) this.put(w.key, { tokens: w.tokens, ttlMs: w.ttlMs, expiresAt: now + w.ttlMs });
      },
    };
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private put(key: string, entry: Entry): void {
    // Re-inserting keeps the Map in least-recently-used order for eviction.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** Hash of every prefix ending at each block, chained so equal keys mean byte-identical prefixes. */
function prefixKeys(model: string, blocks: CacheBlock[]): string[] {
  let key = createHash('sha256').update(model).digest('hex');
  return blocks.map((b) => {
    key = createHash('sha256').update(`${key}\0${b.scope}\0${b.text}`).digest('hex');
    return key;
  });
}
