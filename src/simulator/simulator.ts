// The transport-neutral simulator: routes a request, applies the fault it gets, waits the simulated
// latency, makes cache writes visible as the response begins, and yields the body chunk by chunk.
import * as anthropic from './anthropic';
import { AnthropicPromptCache } from './anthropicCache';
import { FAULT_HEADER, FaultQueue, parseFaultHeader } from './faults';
import * as openai from './openai';
import { OpenAIPromptCache } from './openaiCache';
import { emit, sleep } from './emit';
import type { FaultSpec, SimRequest, SimResult, SimulatorControls, SimulatorOptions } from './types';
import { ApiError, errorBody, simId, type Answer, type EndpointContext, type Flavor } from './wire';

export interface Simulator extends SimulatorControls {
  /** Answers one request; `signal` aborts when the client goes away (or the server closes). */
  handle(request: SimRequest, signal: AbortSignal): Promise<SimResult>;
}

interface Route {
  flavor: Flavor;
  run(body: unknown, ctx: EndpointContext): Answer;
}

const ROUTES: Record<string, Route> = {
  'POST /v1/messages': { flavor: 'anthropic', run: anthropic.messages },
  'POST /v1/messages/count_tokens': { flavor: 'anthropic', run: anthropic.countTokens },
  'POST /v1/chat/completions': { flavor: 'openai', run: openai.chatCompletions },
  'POST /v1/embeddings': { flavor: 'openai', run: openai.embeddings },
};

// Both APIs list models at the same path.
function routeFor(request: SimRequest): Route | undefined {
  if (request.method === 'GET' && request.path === '/v1/models') {
    return flavorOf(request) === 'anthropic' ? { flavor: 'anthropic', run: anthropic.models } : { flavor: 'openai', run: openai.models };
  }
  return ROUTES[`${request.method} ${request.path}`];
}

// Simulated latency in milliseconds at latencyScale 1: a fixed overhead, then per uncached and cached input
// token before the first byte, then per output token while streaming.
const BASE_MS = 40;
const UNCACHED_MS_PER_TOKEN = 0.04;
const CACHED_MS_PER_TOKEN = 0.004;
const OUTPUT_MS_PER_TOKEN = 2;
const SLOW_DEFAULT_MS = 250;

const FAULT_STATUS = { 'rate-limit': 429, 'server-error': 500 } as const;

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const scale = options.latencyScale ?? 1;
  const clock = options.clock ?? Date.now;
  const faults = new FaultQueue();
  faults.set(options.faults ?? null);
  const anthropicCache = new AnthropicPromptCache(clock);
  const openaiCache = new OpenAIPromptCache(clock);

  async function handle(request: SimRequest, signal: AbortSignal): Promise<SimResult> {
    const requestId = simId('req_sim_');
    const route = routeFor(request);
    const flavor = route?.flavor ?? flavorOf(request);
    const headers: Record<string, string> = { 'x-simulated': 'true', 'request-id': requestId, 'x-request-id': requestId };
    const fail = (status: number, message: string, extra: Record<string, string> = {}): SimResult => ({
      type: 'response',
      status,
      headers: { ...headers, ...extra, 'content-type': 'application/json' },
      body: emit([errorBody(flavor, status, message, requestId)], undefined, 0, signal),
    });

    // An unknown path is answered before faults are looked at, so it never uses up a queued one.
    if (!route) return fail(404, `Not found: ${request.method} ${request.path} (simulator)`);
    let fault: FaultSpec | undefined;
    try {
      const header = request.headers.get(FAULT_HEADER);
      fault = header ? parseFaultHeader(header) : faults.take(request.path);
    } catch (err) {
      return fail(400, (err as Error).message);
    }
    if (fault?.kind === 'reset') return { type: 'reset' };
    if (fault?.kind === 'rate-limit' || fault?.kind === 'server-error' || fault?.kind === 'overloaded') {
      const status = fault.kind === 'overloaded' ? (flavor === 'anthropic' ? 529 : 503) : FAULT_STATUS[fault.kind];
      const retryAfter = fault.retryAfter ?? (fault.kind === 'rate-limit' ? 1 : undefined);
      return fail(status, `Simulated ${fault.kind} fault`, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
    }

    let answer: Answer;
    try {
      const body = request.method === 'POST' ? parseJson(request.body) : undefined;
      answer = route.run(body, { anthropicCache, openaiCache, omitUsage: fault?.kind === 'no-usage' });
    } catch (err) {
      if (err instanceof ApiError) return fail(err.status, err.message);
      // A simulator bug still answers like a provider would, so callers see a clear 500, not a hang.
      return fail(500, `Simulator internal error: ${err instanceof Error ? err.message : String(err)}`);
    }

    const streaming = answer.contentType === 'text/event-stream';
    const generationMs = scale * answer.outputTokens * OUTPUT_MS_PER_TOKEN;
    const slowMs = fault?.kind === 'slow' ? (fault.delayMs ?? SLOW_DEFAULT_MS) : undefined;
    const firstTokenMs = scale * (BASE_MS + answer.uncachedTokens * UNCACHED_MS_PER_TOKEN + answer.cachedTokens * CACHED_MS_PER_TOKEN);
    const gapMs = slowMs ?? generationMs / Math.max(1, answer.chunks.length - 1);
    await sleep(streaming ? firstTokenMs : firstTokenMs + generationMs + (slowMs ?? 0), signal);
    // Only now may a later request read this one's prefix: the entry exists once the response begins.
    answer.commit?.();
    return {
      type: 'response',
      status: 200,
      headers: {
        ...headers,
        'content-type': streaming ? 'text/event-stream; charset=utf-8' : 'application/json',
        ...(streaming ? { 'cache-control': 'no-cache' } : {}),
        'x-sim-latency-ms': String(Math.round(firstTokenMs)),
      },
      body: emit(answer.chunks, fault, streaming ? gapMs : 0, signal),
    };
  }

  return {
    handle,
    setFaults: (spec) => faults.set(spec),
    reset: () => {
      faults.set(null);
      anthropicCache.clear();
      openaiCache.clear();
    },
  };
}

/** Whose error shape an unroutable request gets: the Anthropic SDK always sends `anthropic-version`. */
export function flavorOf(request: Pick<SimRequest, 'headers'>): Flavor {
  return request.headers.get('anthropic-version') ? 'anthropic' : 'openai';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON.');
  }
}
