import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../storage/types.js';
import { runDetail, truncateValue } from './run-detail.js';

describe('run detail truncation', () => {
  it('keeps small values as they are and replaces large ones with their size and beginning', () => {
    expect(truncateValue({ a: 1 }, 100, 'input')).toEqual({ a: 1 });
    expect(truncateValue('x'.repeat(30), 100, 'input')).toBe('x'.repeat(30));
    const big = { notes: 'é'.repeat(100) }; // 2 bytes per é in UTF-8
    const truncated = truncateValue(big, 150, 'step:2:output:out') as { $truncated: { bytes: number; preview: string; where: string } };
    expect(truncated.$truncated).toEqual({ bytes: Buffer.byteLength(JSON.stringify(big)), preview: JSON.stringify(big), where: 'step:2:output:out' });
  });

  it('truncates the run input and each step input and output port separately', () => {
    const record = {
      id: 'run_1', input: { blob: 'x'.repeat(500) },
      steps: [{ seq: 1, input: { small: true }, output: { out: { blob: 'y'.repeat(500) }, other: 1 } }],
    } as unknown as RunRecord;
    const detail = runDetail(record, 200);
    expect(detail.input).toMatchObject({ $truncated: { where: 'input' } });
    expect(detail.steps[0]!.input).toEqual({ small: true });
    expect(detail.steps[0]!.output).toMatchObject({ out: { $truncated: { where: 'step:1:output:out' } }, other: 1 });
    expect(record.steps[0]!.output!.out).toEqual({ blob: 'y'.repeat(500) }); // the record itself is untouched
    expect(runDetail(record, 0)).toBe(record);
  });
});
