/**
 * State of the guard nodes: idempotent-consumer claims (`<data>/claims.ndjson`) and the last applied
 * version per entity for stale-event guards (`<data>/entity-versions.ndjson`). The owner of a claim is the
 * root run id of a replay chain, so a dead letter's replay takes over the claims of the run it replays.
 * Both are RecordLogs; a claim or an advance is decided synchronously on the in-memory map, so two runs of
 * one process can never both win (the Node event loop is the lock); the runtime flushes it to disk before
 * the step goes on.
 */
import type { RecordLog } from './record-log.js';
import type { AppliedVersion, Claim, GuardStore } from './types.js';

/** Compares two versions: numbers numerically, ISO timestamps by time, other strings by code point. */
export function compareVersions(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const ta = typeof a === 'string' ? Date.parse(a) : a;
  const tb = typeof b === 'string' ? Date.parse(b) : b;
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export function createGuardStore(claims: RecordLog<Claim>, versions: RecordLog<AppliedVersion>, now: () => number = Date.now): GuardStore {
  const id = (scope: string, key: string) => `${scope}\u0000${key}`;
  return {
    claim(scope, key, runId, ttlMs) {
      const at = now();
      const existing = claims.get(id(scope, key));
      if (existing && existing.runId !== runId && !(existing.expiresAt && Date.parse(existing.expiresAt) <= at)) {
        return { claimed: false, holder: existing };
      }
      claims.set(id(scope, key), {
        runId,
        claimedAt: new Date(at).toISOString(),
        ...(ttlMs ? { expiresAt: new Date(at + ttlMs).toISOString() } : {}),
      });
      return { claimed: true };
    },
    release(scope, key, runId) {
      if (claims.get(id(scope, key))?.runId === runId) claims.delete(id(scope, key));
    },
    advance(scope, entity, version, runId) {
      const current = versions.get(id(scope, entity));
      if (current && current.runId !== runId && compareVersions(version, current.version) < 0) return { applied: false, current };
      versions.set(id(scope, entity), { version, runId, appliedAt: new Date(now()).toISOString() });
      return { applied: true, ...(current ? { previous: current } : {}) };
    },
    releaseOwner(runId) {
      for (const [key, claim] of [...claims.entries()]) if (claim.runId === runId) claims.delete(key);
    },
    revert(scope, entity, runId, previous) {
      if (versions.get(id(scope, entity))?.runId !== runId) return;
      if (previous) versions.set(id(scope, entity), previous);
      else versions.delete(id(scope, entity));
    },
    async flush() {
      await Promise.all([claims.flush(), versions.flush()]);
    },
  };
}
