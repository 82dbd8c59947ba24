/** Sample inputs for the run panel: listing, reading, extracts, and names that try to leave the folder. */
import { describe, expect, it } from 'vitest';
import { InvalidSampleNameError, listSamples, readSample } from './samples.js';

describe('listSamples', () => {
  it('lists the JSON fixtures by system, without the signature vectors, plus the record extracts', () => {
    const samples = listSamples();
    const names = samples.map((s) => s.name);
    expect(names).toContain('stripe/invoice.paid.proration');
    expect(names).toContain('netsuite/invoice.post-request');
    expect(names).toContain('salesforce/opportunity.closed-won.with-line-items');
    expect(names.some((n) => n.includes('signature'))).toBe(false);
    expect(samples.find((s) => s.name === 'stripe/invoice.paid.proration')).toEqual({
      name: 'stripe/invoice.paid.proration',
      system: 'stripe',
      description: 'invoice.paid for the 5 → 8 seat proration invoice (lines −126.45 and +202.32)',
    });
    expect(new Set(samples.map((s) => s.system))).toEqual(new Set(['stripe', 'salesforce', 'netsuite']));
    expect(samples.every((s) => s.description.length > 0)).toBe(true);
  });
});

describe('readSample', () => {
  it('reads a fixture', () => {
    const event = readSample('stripe/invoice.paid.proration') as { id: string; type: string };
    expect([event.id, event.type]).toEqual(['evt_FAKE0000000000000004', 'invoice.paid']);
  });

  it('reads an extract: one opportunity record of the SOQL response', () => {
    expect(readSample('salesforce/opportunity.closed-won.with-line-items')).toMatchObject({ Id: '006FAKE0000000001AAA' });
    expect(readSample('salesforce/opportunity.closed-won.no-line-items')).toMatchObject({
      Id: '006FAKE0000000002AAA',
      OpportunityLineItems: null,
    });
  });

  it('answers undefined for a name that is not listed (including the signature vectors)', () => {
    expect(readSample('stripe/no-such-event')).toBeUndefined();
    expect(readSample('stripe/signature/vectors')).toBeUndefined();
  });

  it.each(['../package', 'stripe/../../package', '/etc/passwd', 'stripe\\invoice.paid.proration', 'stripe//x', ''])(
    'rejects %j',
    (name) => {
      expect(() => readSample(name)).toThrow(InvalidSampleNameError);
    },
  );
});
