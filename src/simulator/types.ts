// Public vocabulary of the simulator: options, fault specs, and the transport-neutral request/result
// that the HTTP server and the in-process fetch both translate to and from.

/** Milliseconds since the epoch; cache TTLs are measured with it so tests can move time. */
export type Clock = () => number;

export interface SimulatorOptions {
  /** Multiplies every simulated delay: 0 answers at once (tests), 1 (default) feels like a provider. */
  latencyScale?: number;
  /** Time source for cache TTLs. Defaults to `Date.now`. */
  clock?: Clock;
  /** Faults active from the start (same as calling `setFaults`). */
  faults?: FaultSpec | FaultSpec[];
}

/**
 * Injectable faults.
 * - `rate-limit`: 429 with `retry-after` (seconds). `server-error`: 500. `overloaded`: 529 on Anthropic
 *   paths, 503 on OpenAI paths. Each with the provider's error body; no cache entry is written.
 * - `reset`: the connection is destroyed before any response byte.
 * - `stall`: headers and the first `afterEvents` stream events (half of a JSON body), then silence with the
 *   connection kept open until the client gives up.
 * - `truncate`: the first `afterEvents` events, half of the next one, then the connection is destroyed.
 * - `malformed`: event number `afterEvents` (or the JSON body) carries cut-off JSON; the response ends normally.
 * - `no-usage`: a normal answer without usage: no `usage` key (OpenAI streams: no usage chunk), except in
 *   Anthropic stream events, which carry `usage: {}` because the SDK's stream helper needs the object.
 * - `slow`: a normal answer whose stream events are `delayMs` apart (for cancel tests).
 */
export type FaultKind =
  | 'rate-limit'
  | 'server-error'
  | 'overloaded'
  | 'reset'
  | 'stall'
  | 'truncate'
  | 'malformed'
  | 'no-usage'
  | 'slow';

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests get this fault; omitted = every one until `setFaults`/`reset`. */
  times?: number;
  /** Only requests to this path, e.g. `/v1/messages`; omitted = every request. */
  path?: string;
  /** `rate-limit` (default 1) and optionally `server-error`/`overloaded`: the `retry-after` seconds. */
  retryAfter?: number;
  /** `stall`, `truncate`, `malformed`: whole stream events sent first (default 3). */
  afterEvents?: number;
  /** `slow`: milliseconds between stream events (default 250). */
  delayMs?: number;
}

/** A request as the handler sees it, whichever transport carried it. */
export interface SimRequest {
  method: string;
  /** URL path without the query, e.g. `/v1/messages`. */
  path: string;
  headers: { get(name: string): string | null };
  body: string;
}

/**
 * What the transport must do. `body` yields text chunks; it throws `StreamCut` when the connection
 * must be destroyed mid-body, and never finishes (until the signal aborts) for a stalled stream.
 */
export type SimResult =
  | { type: 'reset' }
  | { type: 'response'; status: number; headers: Record<string, string>; body: AsyncIterable<string> };

/** Thrown by a response body to make the transport cut the connection. */
export class StreamCut extends Error {
  constructor() {
    super('simulated connection cut');
  }
}

/** The handle's controls, shared by the server and the in-process fetch. */
export interface SimulatorControls {
  /** Replaces the active faults (`null` or `[]` clears them). */
  setFaults(spec: FaultSpec | FaultSpec[] | null): void;
  /** Clears faults and both prompt caches. */
  reset(): void;
}
