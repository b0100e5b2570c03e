// The cacheable prefix: the sent segments in request order (tools, system, messages) up to the first
// dynamic or volatile one, cut back to the last explicit breakpoint where the format requires them.
import type { ParsedTemplate, PrefixReport } from '../types';

/** Segment kinds whose text the provider receives. */
export const SENT_KINDS = new Set(['static', 'dynamic', 'volatile']);

export interface PrefixResult {
  /** Document offset where the prefix ends. */
  end: number;
  reason: PrefixReport['reason'];
  /** Indices of sent segments in request order. */
  order: number[];
  /** How many entries of `order` are in the prefix. */
  length: number;
  /** Index (into segments) of the first dynamic or volatile segment in request order, if any. */
  stopper: number | null;
  /** True when caching needs an explicit breakpoint and the document has none before the stopper. */
  missingBreakpoint: boolean;
}

/**
 * Computes the prefix. With `explicitBreakpoints` (Anthropic), only content up to the last
 * `cache_control` marker before the first dynamic segment is cached; without any, nothing is.
 */
export function computePrefix(parsed: ParsedTemplate, explicitBreakpoints: boolean): PrefixResult {
  const order = requestOrder(parsed);
  const { segments } = parsed;
  let stopAt = order.length;
  for (let k = 0; k < order.length; k++) {
    const kind = segments[order[k]!]!.kind;
    if (kind === 'dynamic' || kind === 'volatile') {
      stopAt = k;
      break;
    }
  }
  const stopper = stopAt < order.length ? order[stopAt]! : null;
  let length = stopAt;
  let reason: PrefixReport['reason'] = stopper === null ? 'end-of-prompt' : (segments[stopper]!.kind as 'dynamic' | 'volatile');
  let missingBreakpoint = false;
  if (explicitBreakpoints) {
    // A breakpoint marks the end of a block; the block's last content segment ends exactly there.
    const positionByEnd = new Map<number, number>();
    for (let k = 0; k < stopAt; k++) positionByEnd.set(segments[order[k]!]!.end, k + 1);
    let best = 0;
    for (const bp of parsed.breakpoints) best = Math.max(best, positionByEnd.get(bp.offset) ?? 0);
    if (best < stopAt) {
      missingBreakpoint = best === 0;
      length = best;
      reason = 'breakpoint';
    }
  }
  const end = length === 0 ? firstSentStart(parsed, order) : segments[order[length - 1]!]!.end;
  return { end, reason, order, length, stopper, missingBreakpoint };
}

/** Sent segment indices ordered as the provider receives them: by message order, then document order. */
export function requestOrder(parsed: ParsedTemplate): number[] {
  const buckets: number[][] = parsed.messages.map(() => []);
  parsed.segments.forEach((seg, k) => {
    if (seg.message !== undefined && SENT_KINDS.has(seg.kind)) buckets[seg.message]?.push(k);
  });
  const byOrder = parsed.messages.map((m, k) => ({ order: m.order, k })).sort((a, b) => a.order - b.order);
  const out: number[] = [];
  for (const { k } of byOrder) for (const s of buckets[k]!) out.push(s);
  return out;
}

function firstSentStart(parsed: ParsedTemplate, order: number[]): number {
  return order.length ? parsed.segments[order[0]!]!.start : 0;
}
