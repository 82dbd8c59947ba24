import { describe, expect, test } from 'vitest';
import { ageLevel, formatAge, formatRelative, toLocalInput } from './format.js';

describe('operations formats', () => {
  test('ages use the largest whole unit', () => {
    expect([0, 45_000, 120_000, 3_600_000, 5_400_000, 86_400_000, 93_600_000].map(formatAge)).toEqual(['0 s', '45 s', '2 min', '1 h', '1 h 30 min', '1 d', '1 d 2 h']);
    expect([60_000, 7_200_000, 100_000_000].map(ageLevel)).toEqual(['fresh', 'aging', 'old']);
  });

  test('relative times and datetime-local values', () => {
    const now = Date.parse('2025-03-16T10:00:00Z');
    expect(formatRelative('2025-03-16T10:00:12Z', now)).toBe('in 12 s');
    expect(formatRelative('2025-03-16T09:58:00Z', now)).toBe('2 min ago');
    expect(toLocalInput(new Date(2025, 2, 6, 9, 5))).toBe('2025-03-06T09:05');
  });
});
