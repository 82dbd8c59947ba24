/**
 * The number of parked dead letters, for the badge in the header navigation (`GET /api/dead-letters/stats`).
 * Polled while a badge is on screen; pages that park, replay or discard letters call `refresh()`.
 */
import { create } from 'zustand';
import { deadLetterStats } from '../api/deadLetters.js';

const POLL_MS = 15_000;

interface DeadLetterCountState {
  parked?: number;
  oldestAgeMs?: number;
  refresh(): Promise<void>;
}

export const useDeadLetterCount = create<DeadLetterCountState>((set) => ({
  async refresh() {
    try {
      const stats = await deadLetterStats();
      set({ parked: stats.parked, oldestAgeMs: stats.oldestAgeMs });
    } catch {
      // keep the last count; the next poll tries again
    }
  },
}));

let watchers = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Starts polling (shared by every badge on screen); the returned function stops it. */
export function watchDeadLetterCount(): () => void {
  watchers++;
  if (watchers === 1) {
    void useDeadLetterCount.getState().refresh();
    timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void useDeadLetterCount.getState().refresh();
    }, POLL_MS);
  }
  return () => {
    watchers--;
    if (watchers === 0) clearInterval(timer);
  };
}
