// Retries, time-outs on stalled streams and the per-tier fallback model around one provider call.
// The SDKs' own retries are off so that every retry is visible as an event and bounded here.
import type { RenderedRequest } from '../request';
import type { CallOptions, CallOutcome, ModelProvider } from './types';
import { IncompleteStreamError } from './types';

export interface RetryPolicy {
  /** Attempts per model, the first included (default 3). */
  maxAttempts: number;
  /** First backoff delay; doubles per attempt, with jitter (default 500 ms). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `retry-after` longer than this is not waited for: the model counts as unavailable. */
  maxRetryAfterMs: number;
  /** No stream event for this long (headers included) ends the attempt as stalled. */
  stallMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 20_000, stallMs: 30_000 };

export interface ResilienceHooks {
  onAttempt(model: string, attempt: number): void;
  onRetry(model: string, attempt: number, delayMs: number, reason: string): void;
  onFallback(fromModel: string, toModel: string, reason: string): void;
  /** Waits `ms` unless the signal aborts (tests pass a fake). */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  random?(): number;
}

/** The user cancelled. */
export class AbortedError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortedError';
  }
}

/** The provider could not answer (after retries and fallback, or for a reason retrying cannot fix). */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface ResilientOutcome extends CallOutcome {
  model: string;
  attempts: number;
}

type CallSettings = Omit<CallOptions, 'model' | 'signal' | 'onActivity'>;

/** Calls `models[0]`, retrying transient failures; then `models[1]` (the fallback) if given. */
export async function callResilient(
  provider: ModelProvider,
  request: RenderedRequest,
  models: string[],
  settings: CallSettings,
  signal: AbortSignal,
  policy: RetryPolicy,
  hooks: ResilienceHooks,
): Promise<ResilientOutcome> {
  const sleep = hooks.sleep ?? abortableSleep;
  const random = hooks.random ?? Math.random;
  let attempts = 0;
  let lastError = '';
  for (let m = 0; m < models.length; m++) {
    const model = models[m]!;
    if (m > 0) hooks.onFallback(models[m - 1]!, model, lastError);
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      if (signal.aborted) throw new AbortedError();
      attempts++;
      hooks.onAttempt(model, attempt);
      const failure = await attemptOnce(provider, request, model, settings, signal, policy.stallMs);
      if ('outcome' in failure) return { ...failure.outcome, model, attempts };
      if (signal.aborted) throw new AbortedError();
      lastError = failure.reason;
      if (failure.fatal) throw new ProviderError(failure.reason, failure.status);
      if (!failure.retryable) break;
      if (attempt === policy.maxAttempts) break;
      let delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + random() / 2);
      if (failure.retryAfterMs !== null) {
        if (failure.retryAfterMs > policy.maxRetryAfterMs) {
          lastError = `${failure.reason}; the provider asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s, more than the ${policy.maxRetryAfterMs / 1000} s allowed`;
          break;
        }
        delay = failure.retryAfterMs;
      }
      hooks.onRetry(model, attempt + 1, Math.round(delay), failure.reason);
      await sleep(delay, signal);
    }
  }
  const tried = models.length > 1 ? ` (tried ${models.join(', then ')})` : '';
  throw new ProviderError(`${lastError}${tried}`, null);
}

type Attempt =
  | { outcome: CallOutcome }
  | { reason: string; status: number | null; retryable: boolean; fatal: boolean; retryAfterMs: number | null };

async function attemptOnce(provider: ModelProvider, request: RenderedRequest, model: string, settings: CallSettings, signal: AbortSignal, stallMs: number): Promise<Attempt> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, stallMs);
  };
  arm();
  try {
    const outcome = await provider.call(request, { ...settings, model, signal: controller.signal, onActivity: arm });
    return { outcome };
  } catch (err) {
    if (stalled) return { reason: `no data from ${providerName(provider)} for ${stallMs / 1000} s (stalled stream)`, status: null, retryable: true, fatal: false, retryAfterMs: null };
    return classify(err, providerName(provider));
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

function providerName(p: ModelProvider): string {
  return `${p.kind === 'anthropic' ? 'Anthropic' : 'OpenAI-compatible'}${p.simulated ? ' (simulated)' : ''}`;
}

/** Sorts an SDK error into retry now, try the fallback, or give up. */
function classify(err: unknown, who: string): Attempt {
  const e = err as { status?: unknown; headers?: unknown; message?: unknown; error?: unknown };
  if (err instanceof IncompleteStreamError) return { reason: err.message, status: null, retryable: true, fatal: false, retryAfterMs: null };
  if (typeof e.status === 'number') {
    const status = e.status;
    const detail = providerMessage(e.error) ?? statusText(status);
    const reason = `${who} returned ${status} (${detail})`;
    if (status === 401 || status === 403) return { reason: `${reason}: check the API key`, status, retryable: false, fatal: true, retryAfterMs: null };
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    // A model the provider does not know (404) or a request it refuses may still work on the fallback.
    return { reason, status, retryable, fatal: false, retryAfterMs: retryAfter(e.headers) };
  }
  const message = err instanceof Error ? err.message : String(err);
  // Node's fetch reports a body cut mid-stream as "terminated"; say what happened.
  const said = message === 'terminated' ? 'the connection was cut mid-answer' : message || 'connection failed';
  return { reason: `${who}: ${said}`, status: null, retryable: true, fatal: false, retryAfterMs: null };
}

function providerMessage(body: unknown): string | null {
  const b = body as { error?: { message?: unknown }; message?: unknown } | undefined;
  const m = b?.error?.message ?? b?.message;
  return typeof m === 'string' ? m.slice(0, 300) : null;
}

function statusText(status: number): string {
  if (status === 429) return 'rate limited';
  if (status === 529) return 'overloaded';
  if (status >= 500) return 'server error';
  return 'request refused';
}

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
function retryAfter(headers: unknown): number | null {
  const get = (name: string): string | null => {
    if (headers && typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
    const v = (headers as Record<string, unknown> | undefined)?.[name];
    return typeof v === 'string' ? v : null;
  };
  const ms = Number(get('retry-after-ms'));
  if (get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = get('retry-after');
  if (raw === null) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
