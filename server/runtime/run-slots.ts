/**
 * Small pieces of the executor's machinery: run ids, the slots that bound how many runs execute at once
 * (accepted runs beyond them wait their turn, in order: the backlog), and an abortable sleep.
 */
import { randomBytes } from 'node:crypto';

/** Random bytes for run ids, drawn from the CSPRNG 4 KiB at a time (a randomBytes(4) call per id cost 4–25 µs). */
let idEntropy = Buffer.alloc(0);
let idEntropyAt = 0;

/** Time-sortable run id: `run_` + 9 base-36 chars of ms time + 8 random hex chars. */
export function newRunId(nowMs: number): string {
  if (idEntropyAt + 4 > idEntropy.length) {
    idEntropy = randomBytes(4096);
    idEntropyAt = 0;
  }
  const random = idEntropy.toString('hex', idEntropyAt, idEntropyAt + 4);
  idEntropyAt += 4;
  return `run_${nowMs.toString(36).padStart(9, '0')}${random}`;
}

/** At most `size` holders at once; the others wait in arrival order. */
export class RunSlots {
  private executing = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  /** Holders waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  async acquire(): Promise<void> {
    if (this.executing < this.size) {
      this.executing++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.executing--;
  }

  /** Lets every waiter through (a shutdown: they see it and stop). */
  wakeAll(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
