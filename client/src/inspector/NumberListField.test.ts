import { describe, expect, test } from 'vitest';
import { parseNumberList } from './NumberListField.js';

describe('number list input', () => {
  test('commas, spaces and semicolons separate; duplicates are dropped', () => {
    expect(parseNumberList('429, 503 503;500', { minimum: 100, maximum: 599 })).toEqual({ value: [429, 503, 500] });
    expect(parseNumberList('  ')).toEqual({ value: [] });
  });

  test('what is wrong is said', () => {
    expect(parseNumberList('429, 5o3')).toEqual({ error: '"5o3" is not a whole number' });
    expect(parseNumberList('42', { minimum: 100 })).toEqual({ error: '42 is below 100' });
    expect(parseNumberList('600', { maximum: 599 })).toEqual({ error: '600 is above 599' });
  });
});
