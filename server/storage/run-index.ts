/**
 * Secondary indexes over the run history's key directory (run-log.ts): business key value → run ids,
 * correlation id → run ids and rare final status (failed, interrupted, duplicate) → run ids, so that "find the runs that touched in_1MtcKX…" answers from a hash lookup
 * instead of a scan (issue 5: search by key < 50 ms at 100,000 runs).
 *
 * Lists hold run ids oldest first, in the order the runs were indexed (an id may repeat when another run's
 * record came in between: readers skip repeats); ids of runs that retention removed stay until `prune`
 * (readers skip ids the key directory no longer has).
 */

export class RunKeyIndex {
  private readonly byKey = new Map<string, string[]>();
  private readonly byCorrelation = new Map<string, string[]>();
  /** Finished runs by final status, for the statuses that are rare and searched for (failed, interrupted, duplicate). */
  private readonly byStatus = new Map<string, string[]>();

  private static add(map: Map<string, string[]>, value: string, runId: string): void {
    const list = map.get(value);
    if (!list) map.set(value, [runId]);
    else if (list[list.length - 1] !== runId) list.push(runId); // readers drop the rare repeat of an interleaved run
  }

  /** Indexes a run's correlation id. */
  addCorrelation(runId: string, correlationId: string): void {
    if (correlationId) RunKeyIndex.add(this.byCorrelation, correlationId, runId);
  }

  /** Indexes every business key value of a run (idempotent: a value is listed once per run). */
  addBusinessKeys(runId: string, keys: Record<string, string> | undefined): void {
    if (!keys) return;
    for (const value of Object.values(keys)) if (typeof value === 'string' && value) RunKeyIndex.add(this.byKey, value, runId);
  }

  /** Indexes a finished run's final status unless it is `succeeded` (the common case a scan finds at once). */
  addStatus(runId: string, status: string): void {
    if (status !== 'succeeded' && status !== 'running') RunKeyIndex.add(this.byStatus, status, runId);
  }

  /** Runs that finished with `status` (not for `succeeded` or `running`: undefined), oldest first. */
  runsWithStatus(status: string): readonly string[] | undefined {
    if (status === 'succeeded' || status === 'running') return undefined;
    return this.byStatus.get(status) ?? [];
  }

  /** Runs that have `value` as the value of any business key, oldest first. */
  runsWithKey(value: string): readonly string[] {
    return this.byKey.get(value) ?? [];
  }

  /** Runs carrying this correlation id, oldest first. */
  runsWithCorrelation(correlationId: string): readonly string[] {
    return this.byCorrelation.get(correlationId) ?? [];
  }

  /** Drops run ids for which `keep` is false (after retention removed runs). */
  prune(keep: (runId: string) => boolean): void {
    for (const map of [this.byKey, this.byCorrelation, this.byStatus]) {
      for (const [value, list] of map) {
        const kept = list.filter(keep);
        if (kept.length === 0) map.delete(value);
        else if (kept.length !== list.length) map.set(value, kept);
      }
    }
  }
}
