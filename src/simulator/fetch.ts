// The simulator in process, as a `fetch` the SDKs accept: the same handler, no socket.
import { createSimulator } from './simulator';
import { StreamCut, type SimulatorControls, type SimulatorOptions } from './types';

export type SimulatorFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & SimulatorControls;

/** A `fetch` answering every URL's path (`/v1/messages`, `/v1/chat/completions`, …) from a fresh simulator. */
export function createSimulatorFetch(options: SimulatorOptions = {}): SimulatorFetch {
  const simulator = createSimulator(options);
  const simulatedFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const controller = new AbortController();
    const abort = () => controller.abort();
    request.signal.addEventListener('abort', abort, { once: true });
    if (request.signal.aborted) abort();
    const result = await simulator.handle(
      { method: request.method, path: new URL(request.url).pathname, headers: request.headers, body: await request.text() },
      controller.signal,
    );
    if (result.type === 'reset') {
      // What Node's fetch reports when the peer resets the connection.
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    }
    const iterator = result.body[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        controller.signal.addEventListener('abort', () => stream.error(new DOMException('The operation was aborted.', 'AbortError')), { once: true });
      },
      async pull(stream) {
        try {
          const next = await iterator.next();
          if (next.done) stream.close();
          else stream.enqueue(encoder.encode(next.value));
        } catch (err) {
          if (controller.signal.aborted) return;
          stream.error(err instanceof StreamCut ? new TypeError('terminated') : err);
        }
      },
      cancel() {
        abort();
      },
    });
    return new Response(body, { status: result.status, headers: result.headers });
  };
  return Object.assign(simulatedFetch, { setFaults: simulator.setFaults, reset: simulator.reset });
}
