// A response body as the transport sends it: chunks spaced in time, with a body fault applied at one chunk.
import { StreamCut, type FaultSpec } from './types';

const AFTER_EVENTS_DEFAULT = 3;

// Yields the chunks `gapMs` apart, applying a body fault at chunk `afterEvents` (the last one at most).
export async function* emit(chunks: string[], fault: FaultSpec | undefined, gapMs: number, signal: AbortSignal): AsyncGenerator<string> {
  const at = Math.min(fault?.afterEvents ?? AFTER_EVENTS_DEFAULT, chunks.length - 1);
  for (const [i, chunk] of chunks.entries()) {
    if (i > 0) await sleep(gapMs, signal);
    if (i === at && fault?.kind === 'stall') {
      yield half(chunk);
      await sleep(Infinity, signal);
    } else if (i === at && fault?.kind === 'truncate') {
      yield half(chunk);
      throw new StreamCut();
    } else if (i === at && fault?.kind === 'malformed') {
      yield corrupt(chunk);
    } else yield chunk;
  }
}

function half(chunk: string): string {
  return chunk.slice(0, Math.ceil(chunk.length / 2));
}

// Cuts the JSON of an SSE event's data line (or a JSON body) in half, keeping the event framing intact.
function corrupt(chunk: string): string {
  const match = /^((?:event: .*\n)?data: )(.*)\n\n$/.exec(chunk);
  return match ? `${match[1]}${half(match[2]!)}\n\n` : half(chunk);
}

/** Resolves after `ms` (never for Infinity); rejects with an AbortError when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    signal.addEventListener('abort', onAbort, { once: true });
    function done() {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(abortError());
    }
  });
}

function abortError(): Error {
  return new DOMException('The simulated request was aborted.', 'AbortError');
}
