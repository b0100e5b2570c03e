// The extension's side of the analysis worker (dist/analysisWorker.js): typed calls, answered in
// order of arrival. The worker starts on the first call, so activation loads no core. If it dies,
// pending calls fail, the documents it knew are forgotten (callers resend full text), and the next
// call starts a new one. No `vscode` here (the bench drives it on a 5 MB document): the logger is passed in.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Analysed, DocumentOptions, WorkerApi, WorkerMethod, WorkerPiece, WorkerRequest, WorkerResponse } from './analysisWorker';
import type { HighlightSpans } from './spans';
import type { Log } from './log';

const BUNDLE = path.join(__dirname, 'analysisWorker.js');
/** Characters of a document's text per message: reading and posting one takes about a millisecond. */
const PIECE = 256 * 1024;

/** A document's text, read a range at a time, so the host never builds a multi-megabyte string at once. */
export interface TextSource {
  readonly length: number;
  /** The text in [start, end); throws if the document changed since the first read. */
  read(start: number, end: number): string;
}

type Pending = { resolve: (value: unknown) => void; reject: (e: Error) => void; onOutline?: (o: HighlightSpans) => void };

export class WorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Documents the current worker holds an analyzer for; a new worker holds none. */
  private readonly known = new Set<string>();

  constructor(private readonly log: Log) {}

  /** Calls `method` in the worker. */
  call<M extends WorkerMethod>(method: M, ...args: Parameters<WorkerApi[M]>): Promise<ReturnType<WorkerApi[M]>> {
    return this.send(method, args);
  }

  /**
   * A full-text `sync` whose text goes to the worker in pieces, one per macrotask, so a multi-megabyte
   * document never holds the host thread for long. With `onOutline`, the worker first reports the
   * document's outline (for large documents).
   */
  async syncText(
    key: string,
    source: TextSource,
    [options, fallbackModel, templateModelWins]: [DocumentOptions, string, boolean],
    onOutline?: (o: HighlightSpans) => void,
  ): Promise<Analysed> {
    const worker = this.start();
    const id = this.nextId++;
    let text: string;
    try {
      let start = 0;
      for (; source.length - start > PIECE; start += PIECE) {
        worker.postMessage({ id, piece: source.read(start, start + PIECE) } satisfies WorkerPiece);
        await new Promise((resolve) => setImmediate(resolve));
        if (this.worker !== worker) throw new Error('analysis worker stopped');
      }
      text = source.read(start, source.length);
    } catch (err) {
      if (this.worker === worker) worker.postMessage({ id, drop: true } satisfies WorkerPiece);
      throw err;
    }
    return this.send('sync', [key, { text }, options, fallbackModel, templateModelWins], onOutline, id);
  }

  private send<M extends WorkerMethod>(
    method: M,
    args: Parameters<WorkerApi[M]>,
    onOutline?: (o: HighlightSpans) => void,
    id = this.nextId++,
  ): Promise<ReturnType<WorkerApi[M]>> {
    const worker = this.start();
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
    // The bench reads this line to check that start-up loads neither tokenizer ranks nor prices (both live in the worker).
    this.log.info('analysis worker started');
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
      this.log.error('analysis worker failed', err);
      if (this.worker === worker) this.dispose();
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.log.warn(`analysis worker exited with code ${code}`);
      this.dispose();
    });
    // The worker must not keep the extension host alive on shutdown.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
