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

let isoMs = Number.NaN;
let isoText = '';

/** `new Date(ms).toISOString()`, remembered for the last ms asked (under load many steps start in the same ms). */
export function isoTime(ms: number): string {
  if (ms !== isoMs) {
    isoText = new Date(ms).toISOString();
    isoMs = ms;
  }
  return isoText;
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

  /** Takes a slot: undefined when one was free (taken at once), else a promise that resolves when it is. */
  acquire(): Promise<void> | undefined {
    if (this.executing < this.size) {
      this.executing++;
      return undefined;
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
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

/** A deadline registered with `Deadlines`. */
export interface Deadline {
  readonly at: number;
  readonly fire: () => void;
}

/**
 * Time-outs that are nearly always cancelled long before they are due (a run's time limit, a webhook
 * caller's answer time-out), checked together by one timer every `resolutionMs` while any is pending,
 * instead of a timer each: adding and cancelling one is a Set operation. A deadline fires at most
 * `resolutionMs` late.
 */
export class Deadlines {
  private readonly pending = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly resolutionMs = 20,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Calls `fire` in `ms` milliseconds unless cancelled first. */
  add(ms: number, fire: () => void): Deadline {
    const deadline = { at: this.now() + ms, fire };
    this.pending.add(deadline);
    this.timer ??= setInterval(() => this.sweep(), this.resolutionMs);
    return deadline;
  }

  cancel(deadline: Deadline | undefined): void {
    if (deadline) this.pending.delete(deadline);
  }

  private sweep(): void {
    const now = this.now();
    for (const deadline of this.pending) {
      if (deadline.at > now) continue;
      this.pending.delete(deadline);
      deadline.fire();
    }
    if (this.pending.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
