/**
 * Samples the backlog (runs accepted and not finished, runs waiting for a slot) at a fixed interval into a
 * bounded ring, for the dashboard's backlog chart: the run history cannot tell how long the queue was at a
 * past moment, so it is measured as it happens. Memory: `capacity` samples (default 8640: a day at 10 s).
 */
export interface BacklogSample {
  /** ms since the epoch. */
  t: number;
  active: number;
  queued: number;
}

export class BacklogSampler {
  private readonly samples: BacklogSample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly read: () => { active: number; queued: number },
    private readonly options: { intervalMs?: number; capacity?: number; now?: () => number } = {},
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.options.intervalMs ?? 10_000);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const now = (this.options.now ?? Date.now)();
    this.samples.push({ t: now, ...this.read() });
    const capacity = this.options.capacity ?? 8640;
    if (this.samples.length > capacity) this.samples.splice(0, this.samples.length - capacity);
  }

  /** Samples taken at or after `from` (ms), oldest first. */
  since(from: number): BacklogSample[] {
    let i = this.samples.length;
    while (i > 0 && this.samples[i - 1]!.t >= from) i--;
    return this.samples.slice(i);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
