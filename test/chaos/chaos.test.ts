/**
 * The short chaos run (what `npm run chaos -- --short` does), as a test: 100 distinct invoice.paid events
 * delivered 3 times each, shuffled, with 30 % 429s, a 3 s ERP outage, late commits and one SIGKILL.
 * Exactly one ERP posting per event, none lost, none twice.
 */
import { describe, expect, it } from 'vitest';
import { runChaos } from './chaos.js';

describe('chaos (short)', () => {
  it('R1, R2, R3 together: every event reaches the ERP exactly once through duplicates, 429s, an outage and a SIGKILL', async () => {
    const result = await runChaos({
      events: 100,
      copies: 3,
      rate429: 0.3,
      outageMs: 3000,
      kills: 1,
      commitThenTimeoutRate: 0.02,
      slowRate: 0.1,
      seed: 7,
      concurrency: 24,
      timeLimitMs: 150_000,
      log: () => undefined,
    });
    expect(result).toMatchObject({ events_sent: 100, deliveries: 300, erp_postings: 100, duplicate_postings: 0, lost_events: 0, dead_letters: 0, kills: 1 });
    // Every acknowledged delivery is a recorded run (a delivery cut off by the kill is sent again, so a few
    // more); exactly one run per event did the work, every other one is recorded as a duplicate.
    expect(result.runs).toBeGreaterThanOrEqual(300);
    expect(result.runs - result.duplicate_runs).toBe(100);
    expect(result.erp_429).toBeGreaterThan(0);
    expect(result.outage_started).toBe(true); // how many POSTs meet the 3 s window depends on timing
  }, 200_000);
});
