/**
 * The dead-letter queue (the dead-letter channel of the enterprise integration patterns), kept in a
 * RecordLog: `<data>/dead-letters.ndjson`. A letter is parked when a run fails without an error port
 * handling it, with the original trigger input and the business context needed for triage and replay.
 */
import type { RecordLog } from './record-log.js';
import type { DeadLetter, DeadLetterFilter, DeadLetterStore } from './types.js';

export function createDeadLetterStore(log: RecordLog<DeadLetter>): DeadLetterStore & { flush(): Promise<void> } {
  const matches = (letter: DeadLetter, needle: string) =>
    [letter.id, letter.correlationId, letter.nodeId ?? '', letter.error.message, letter.error.code, ...Object.values(letter.businessKeys)]
      .some((value) => value.toLowerCase().includes(needle));
  return {
    park(letter) {
      log.set(letter.id, letter);
    },
    get: (id) => log.get(id),
    list(filter: DeadLetterFilter) {
      const needle = filter.search?.trim().toLowerCase();
      const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
      const out: DeadLetter[] = [];
      for (const letter of log.values()) {
        if (filter.flowId && letter.flowId !== filter.flowId) continue;
        if (filter.status && letter.status !== filter.status) continue;
        if (needle && !matches(letter, needle)) continue;
        out.push(letter);
      }
      return out.sort((a, b) => b.parkedAt.localeCompare(a.parkedAt)).slice(0, limit);
    },
    update(id, patch) {
      const letter = log.get(id);
      if (!letter) return undefined;
      const next = { ...letter, ...patch, id };
      log.set(id, next);
      return next;
    },
    stats(now) {
      let parked = 0;
      let oldest = now;
      for (const letter of log.values()) {
        if (letter.status !== 'parked') continue;
        parked++;
        oldest = Math.min(oldest, Date.parse(letter.parkedAt));
      }
      return { parked, oldestAgeMs: parked ? now - oldest : 0 };
    },
    flush: () => log.flush(),
  };
}
