// The simulator over loopback HTTP, for the SDKs' `baseURL` and the `prompt-cost simulator` command.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator, flavorOf, type Simulator } from './simulator';
import { StreamCut, type SimulatorControls, type SimulatorOptions } from './types';
import { errorBody, simId } from './wire';

export interface ServerOptions extends SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export interface SimulatorServer extends SimulatorControls {
  /** `http://host:port`: the Anthropic SDK's `baseURL`; OpenAI's is `${url}/v1`. */
  url: string;
  port: number;
  /** Stops listening and drops open connections, stalled streams included. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Starts the simulator on `host:port` (default 127.0.0.1, any free port). */
export async function startSimulator(options: ServerOptions = {}): Promise<SimulatorServer> {
  const simulator = createSimulator(options);
  const open = new Set<AbortController>();
  const server = createServer((req, res) => {
    const controller = new AbortController();
    open.add(controller);
    res.on('close', () => {
      controller.abort();
      open.delete(controller);
    });
    serve(simulator, req, res, controller.signal).catch(() => res.destroy());
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    setFaults: simulator.setFaults,
    reset: simulator.reset,
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of open) controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(simulator: Simulator, req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const headers = { get: (name: string) => headerValue(req.headers[name.toLowerCase()]) };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      const message = `Request body exceeds ${MAX_BODY_BYTES} bytes (simulator).`;
      res.writeHead(413, { 'content-type': 'application/json', 'x-simulated': 'true' }).end(errorBody(flavorOf({ headers }), 413, message, simId('req_sim_')));
      return;
    }
    chunks.push(chunk);
  }
  const url = new URL(req.url ?? '/', 'http://simulator');
  const result = await simulator.handle(
    { method: req.method ?? 'GET', path: url.pathname, headers, body: Buffer.concat(chunks).toString('utf8') },
    signal,
  );
  if (result.type === 'reset') {
    req.socket.destroy();
    return;
  }
  res.writeHead(result.status, result.headers);
  try {
    // Each chunk is flushed before the next step, so a cut after it still delivers what came before.
    for await (const chunk of result.body) await new Promise<void>((resolve) => res.write(chunk, () => resolve()));
    res.end();
  } catch (err) {
    // A cut stream (or a client that went away) ends with a destroyed connection, not a clean end.
    if (!(err instanceof StreamCut) && !signal.aborted) throw err;
    res.destroy();
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}
