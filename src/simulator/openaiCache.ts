// OpenAI's automatic prompt cache (the classic rule): a request reuses the longest prefix it shares with
// an earlier prompt routed to the same place (model, `prompt_cache_key`, first characters), counted in
// tokens and rounded down to the model's step (128) once it reaches the minimum (1,024).
import type { Clock } from './types';

/** One chat message as counted: 3 framing tokens, +1 with a `name`, then its content. */
export interface ChatPart {
  role: string;
  name?: string;
  text: string;
  tokens: number;
}

export interface OpenAICachePlan {
  /** `prompt_tokens`: every message with its framing, plus 3 tokens priming the reply. */
  prompt: number;
  /** `prompt_tokens_details.cached_tokens`, a subset of `prompt`. */
  cached: number;
  commit(): void;
}

export interface OpenAICacheRules {
  minimum: number;
  granularity: number;
  ttlMs: number;
}

const ROUTING_CHARS = 256;
const ENTRIES_PER_BUCKET = 16;
const MAX_BUCKETS = 2_000;

interface Entry {
  canon: string;
  ttlMs: number;
  expiresAt: number;
}

export class OpenAIPromptCache {
  private readonly buckets = new Map<string, Entry[]>();

  constructor(private readonly clock: Clock) {}

  clear(): void {
    this.buckets.clear();
  }

  plan(
    model: string,
    cacheKey: string,
    parts: ChatPart[],
    rules: OpenAICacheRules,
    count: (text: string) => number,
  ): OpenAICachePlan {
    const framing = (p: ChatPart) => 3 + (p.name ? 1 : 0);
    const prompt = parts.reduce((sum, p) => sum + framing(p) + p.tokens, 3);
    const { canon, contentStarts } = canonical(parts);
    const bucketKey = `${model}\0${cacheKey}\0${canon.slice(0, ROUTING_CHARS)}`;
    const now = this.clock();
    const bucket = (this.buckets.get(bucketKey) ?? []).filter((e) => e.expiresAt > now);

    let best: Entry | undefined;
    let shared = 0;
    for (const entry of bucket) {
      const length = commonPrefixLength(entry.canon, canon);
      if (length > shared) [best, shared] = [entry, length];
    }

    // Convert the shared characters to tokens: whole messages with their framing, then the shared part of
    // the first message that differs.
    let sharedTokens = 0;
    for (let i = 0; i < parts.length && shared > contentStarts[i]!; i++) {
      const part = parts[i]!;
      const contentEnd = contentStarts[i]! + part.text.length;
      if (shared > contentEnd) sharedTokens += framing(part) + part.tokens;
      else {
        sharedTokens += framing(part) + count(part.text.slice(0, shared - contentStarts[i]!));
        break;
      }
    }
    const steps = Math.floor(Math.min(sharedTokens, prompt) / rules.granularity) * rules.granularity;
    const cached = steps >= rules.minimum ? steps : 0;

    return {
      prompt,
      cached,
      commit: () => {
        if (prompt < rules.minimum) return;
        const at = this.clock();
        const kept = bucket.filter((e) => e !== best && e.canon !== canon);
        if (best && cached > 0 && best.canon !== canon) kept.push({ ...best, expiresAt: at + best.ttlMs });
        kept.push({ canon, ttlMs: rules.ttlMs, expiresAt: at + rules.ttlMs });
        this.buckets.delete(bucketKey);
        this.buckets.set(bucketKey, kept.slice(-ENTRIES_PER_BUCKET));
        if (this.buckets.size > MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
      },
    };
  }
}

// One string per prompt in which equal prefixes mean equal leading messages; control characters separate
// role, name and content so text can never imitate a boundary.
function canonical(parts: ChatPart[]): { canon: string; contentStarts: number[] } {
  let canon = '';
  const contentStarts: number[] = [];
  for (const p of parts) {
    canon += `${p.role}\u0001${p.name ?? ''}\u0002`;
    contentStarts.push(canon.length);
    canon += `${p.text}\u0003`;
  }
  return { canon, contentStarts };
}

function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
