import { expect, test } from 'vitest';
import { lineDiff } from './lineDiff.js';

test('marks the lines removed and added between two expressions, keeping the common ones', () => {
  const before = '{\n  "amount": payload.total,\n  "currency": "USD"\n}';
  const after = '{\n  "amount": payload.total / 100,\n  "currency": "USD",\n  "memo": payload.id\n}';
  expect(lineDiff(before, after)).toEqual([
    { kind: 'same', text: '{' },
    { kind: 'removed', text: '  "amount": payload.total,' },
    { kind: 'removed', text: '  "currency": "USD"' },
    { kind: 'added', text: '  "amount": payload.total / 100,' },
    { kind: 'added', text: '  "currency": "USD",' },
    { kind: 'added', text: '  "memo": payload.id' },
    { kind: 'same', text: '}' },
  ]);
  expect(lineDiff('a\nb', 'a\nb')).toEqual([{ kind: 'same', text: 'a' }, { kind: 'same', text: 'b' }]);
});
