// Collects segments for one region of a document so that they always cover it exactly: every call
// first fills the gap since the last segment, so scanners only report the constructs they recognise.
import type { Segment, SegmentKind, Span } from '../types';

export type Problem = Span & { message: string };

export class SegmentBuilder {
  readonly segments: Segment[] = [];
  readonly problems: Problem[] = [];
  private cursor: number;

  constructor(start: number) {
    this.cursor = start;
  }

  get position(): number {
    return this.cursor;
  }

  /** Fills [cursor, start) with `gapKind`, then adds [start, end) as `kind`. */
  add(kind: SegmentKind, start: number, end: number, gapKind: SegmentKind = 'static', name?: string): void {
    this.fill(start, gapKind);
    if (end <= this.cursor) return;
    this.push(kind, this.cursor, end, name);
    this.cursor = end;
  }

  /** Fills [cursor, end) with `kind`. */
  fill(end: number, kind: SegmentKind = 'static'): void {
    if (end <= this.cursor) return;
    this.push(kind, this.cursor, end);
    this.cursor = end;
  }

  problem(start: number, end: number, message: string): void {
    this.problems.push({ start, end, message });
  }

  private push(kind: SegmentKind, start: number, end: number, name?: string): void {
    const last = this.segments[this.segments.length - 1];
    // Unnamed neighbours of the same kind merge, so a run of static text is one segment.
    if (last && last.end === start && last.kind === kind && name === undefined && last.name === undefined && kind !== 'role') {
      last.end = end;
      return;
    }
    const segment: Segment = { kind, start, end };
    if (name !== undefined) segment.name = name;
    this.segments.push(segment);
  }
}

/**
 * `indexOf` with memory, for scanners that move forward only: asking again from a later position
 * reuses the previous answer when it still lies ahead, so repeated searches for a closer that is far
 * away (or absent) cost linear time overall instead of quadratic.
 */
export class Finder {
  private readonly cache = new Map<string, { from: number; at: number }>();

  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  /** First index >= from of `needle` that ends within the limit, or -1. */
  find(needle: string, from: number): number {
    const hit = this.cache.get(needle);
    if (hit && from >= hit.from && (hit.at === -1 || hit.at >= from)) return hit.at;
    let at = this.text.indexOf(needle, from);
    if (at !== -1 && at + needle.length > this.limit) at = -1;
    this.cache.set(needle, { from, at });
    return at;
  }
}
