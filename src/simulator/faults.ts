// Which fault, if any, a request gets: the `x-sim-fault` header wins, then the first active spec that
// matches the path and has uses left.
import type { FaultKind, FaultSpec } from './types';

const KINDS: readonly FaultKind[] = [
  'rate-limit',
  'server-error',
  'overloaded',
  'reset',
  'stall',
  'truncate',
  'malformed',
  'no-usage',
  'slow',
];

/** Header a single request can use to ask for a fault, e.g. `x-sim-fault: rate-limit; retry-after=2`. */
export const FAULT_HEADER = 'x-sim-fault';

const PARAMS: Record<string, 'retryAfter' | 'afterEvents' | 'delayMs'> = {
  'retry-after': 'retryAfter',
  'after-events': 'afterEvents',
  'delay-ms': 'delayMs',
};

/** Parses the fault header: `kind` then optional `; name=value` pairs. Throws a readable message. */
export function parseFaultHeader(value: string): FaultSpec {
  const [kindText = '', ...params] = value.split(';').map((part) => part.trim());
  if (!KINDS.includes(kindText as FaultKind)) {
    throw new Error(`${FAULT_HEADER}: unknown fault "${kindText}" (expected one of ${KINDS.join(', ')})`);
  }
  const spec: FaultSpec = { kind: kindText as FaultKind };
  for (const param of params.filter((p) => p !== '')) {
    const [name = '', raw = ''] = param.split('=').map((s) => s.trim());
    const key = PARAMS[name];
    const number = Number(raw);
    if (!key || raw === '' || !Number.isFinite(number) || number < 0) {
      throw new Error(`${FAULT_HEADER}: bad parameter "${param}" (use retry-after, after-events or delay-ms with a number ≥ 0)`);
    }
    spec[key] = number;
  }
  return spec;
}

/** Checks a spec given through the API, so a typo fails loudly instead of silently injecting nothing. */
export function validateFault(spec: FaultSpec): FaultSpec {
  if (!KINDS.includes(spec.kind)) throw new Error(`unknown fault kind "${String(spec.kind)}"`);
  for (const key of ['times', 'retryAfter', 'afterEvents', 'delayMs'] as const) {
    const value = spec[key];
    if (value !== undefined && !(typeof value === 'number' && value >= 0)) {
      throw new Error(`fault ${spec.kind}: ${key} must be a number ≥ 0`);
    }
  }
  return spec;
}

/** The active fault specs, each with its remaining uses. */
export class FaultQueue {
  private active: Array<{ spec: FaultSpec; left: number }> = [];

  set(spec: FaultSpec | FaultSpec[] | null): void {
    const specs = spec === null ? [] : Array.isArray(spec) ? spec : [spec];
    this.active = specs.map((s) => ({ spec: validateFault(s), left: s.times ?? Infinity }));
  }

  /** The fault for a request to `path`, consuming one use. */
  take(path: string): FaultSpec | undefined {
    const entry = this.active.find((e) => e.left > 0 && (e.spec.path === undefined || e.spec.path === path));
    if (!entry) return undefined;
    entry.left--;
    return entry.spec;
  }
}
