/**
 * Runs mapping previews in a Web Worker, one at a time, bounded in time: an evaluation that has not answered
 * within `boundMs` (default 1 s) is cut off by terminating the worker, which is recreated for the next one.
 * While one evaluation runs, only the latest request waits (typing fast never queues stale previews).
 */
import type { PreviewRequest, PreviewResult } from './preview.js';

/** The part of `Worker` the runner uses (a fake in tests). */
export interface PreviewWorker {
  postMessage(message: { id: number; request: PreviewRequest }): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<{ id: number; result: PreviewResult }>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type PreviewOutcome =
  | { status: 'done'; result: PreviewResult }
  | { status: 'timeout'; boundMs: number }
  | { status: 'superseded' }
  | { status: 'failed'; message: string };

interface Job {
  id: number;
  request: PreviewRequest;
  resolve(outcome: PreviewOutcome): void;
}

export class PreviewRunner {
  private worker: PreviewWorker | undefined;
  private running: (Job & { timer: ReturnType<typeof setTimeout> }) | undefined;
  private waiting: Job | undefined;
  private nextId = 1;

  constructor(
    private readonly createWorker: () => PreviewWorker,
    readonly boundMs = 1000,
  ) {}

  /** Evaluates `request`; resolves `superseded` if a newer request replaced it before it started. */
  run(request: PreviewRequest): Promise<PreviewOutcome> {
    return new Promise((resolve) => {
      this.waiting?.resolve({ status: 'superseded' });
      this.waiting = { id: this.nextId++, request, resolve };
      if (!this.running) this.startNext();
    });
  }

  /** Stops the worker; pending requests resolve as superseded. */
  dispose(): void {
    this.waiting?.resolve({ status: 'superseded' });
    this.waiting = undefined;
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.resolve({ status: 'superseded' });
      this.running = undefined;
    }
    this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): PreviewWorker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => {
      if (this.running?.id !== event.data.id) return;
      this.finish({ status: 'done', result: event.data.result });
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.restart();
      this.finish({ status: 'failed', message: event.message || 'the preview worker failed' });
    };
    this.worker = worker;
    return worker;
  }

  private startNext(): void {
    const job = this.waiting;
    this.waiting = undefined;
    if (!job) return;
    const timer = setTimeout(() => {
      this.restart();
      this.finish({ status: 'timeout', boundMs: this.boundMs });
    }, this.boundMs);
    this.running = { ...job, timer };
    this.ensureWorker().postMessage({ id: job.id, request: job.request });
  }

  private restart(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  private finish(outcome: PreviewOutcome): void {
    const job = this.running;
    if (!job) return;
    clearTimeout(job.timer);
    this.running = undefined;
    job.resolve(outcome);
    this.startNext();
  }
}
