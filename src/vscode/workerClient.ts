// The extension's side of the analysis worker (dist/analysisWorker.js): typed calls, answered in
// order of arrival. The worker starts on the first call, so activation loads no core. If it dies,
// pending calls fail, the documents it knew are forgotten (callers resend full text), and the next
// call starts a new one.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Analysed, WorkerApi, WorkerMethod, WorkerRequest, WorkerResponse } from './analysisWorker';
import type { HighlightSpans } from './spans';
import { log } from './log';

const BUNDLE = path.join(__dirname, 'analysisWorker.js');

type Pending = { resolve: (value: unknown) => void; reject: (e: Error) => void; onOutline?: (o: HighlightSpans) => void };

export class WorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Documents the current worker holds an analyzer for; a new worker holds none. */
  private readonly known = new Set<string>();

  /** Calls `method` in the worker. */
  call<M extends WorkerMethod>(method: M, ...args: Parameters<WorkerApi[M]>): Promise<ReturnType<WorkerApi[M]>> {
    return this.send(method, args);
  }

  /** A full-text `sync` that first reports the document's outline (for large documents). */
  syncWithOutline(args: Parameters<WorkerApi['sync']>, onOutline: (o: HighlightSpans) => void): Promise<Analysed> {
    return this.send('sync', args, onOutline);
  }

  private send<M extends WorkerMethod>(
    method: M,
    args: Parameters<WorkerApi[M]>,
    onOutline?: (o: HighlightSpans) => void,
  ): Promise<ReturnType<WorkerApi[M]>> {
    const worker = this.start();
    const id = this.nextId++;
    if (method === 'sync') this.known.add(args[0] as string);
    if (method === 'close') this.known.delete(args[0] as string);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onOutline });
      worker.postMessage({ id, method, args, outline: onOutline !== undefined } as WorkerRequest);
    });
  }

  /** Whether the worker holds an analyzer for `key` (if not, send the full text). */
  knows(key: string): boolean {
    return this.known.has(key);
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.known.clear();
    void worker?.terminate();
    for (const waiting of this.pending.values()) waiting.reject(new Error('analysis worker stopped'));
    this.pending.clear();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(BUNDLE);
    worker.on('message', (response: WorkerResponse) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      if ('outline' in response) {
        waiting.onOutline?.(response.outline);
        return;
      }
      this.pending.delete(response.id);
      if ('error' in response) waiting.reject(new Error(response.error));
      else waiting.resolve(response.result);
    });
    worker.on('error', (err) => {
      log.error('analysis worker failed', err);
      if (this.worker === worker) this.dispose();
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      log.warn(`analysis worker exited with code ${code}`);
      this.dispose();
    });
    // The worker must not keep the extension host alive on shutdown.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
