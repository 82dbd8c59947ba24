import { describe, expect, it } from 'vitest';
import { compileToolsFor } from '../sdk/define.js';
import type { NodeContext, XrefContext, XrefRef } from '../sdk/context.js';
import type { Message } from '../sdk/message.js';
import { xrefLookup } from '../xref.lookup.js';
import { xrefSave } from '../xref.save.js';
import { withField } from './refs.js';

const message = (payload: unknown): Message => ({ payload: payload as Message['payload'], meta: { runId: 'r', flowId: 'f', flowVersion: 1, correlationId: 'c', businessKeys: { accountId: '001A' } } });

/** An in-memory xref with the calls it received. */
function memoryXref(pairs: Array<[XrefRef, XrefRef]>): XrefContext & { saved: unknown[] } {
  const saved: unknown[] = [];
  return {
    saved,
    async lookup(from, to) {
      const same = (a: XrefRef, b: XrefRef) => a.system === b.system && a.entity === b.entity && a.id === b.id;
      return pairs
        .flatMap(([a, b]) => (same(a, from) ? [b] : same(b, from) ? [a] : []))
        .filter((ref) => ref.system === to.system && (!to.entity || ref.entity === to.entity));
    },
    async save(from, to, options) {
      saved.push([from, to, options]);
    },
  };
}

function contextFor<D extends typeof xrefLookup | typeof xrefSave>(definition: D, raw: unknown, xref: XrefContext) {
  const config = definition.config.parse(raw);
  const compiled = definition.compile!(config as never, compileToolsFor(['nodes', 0]));
  return { config, compiled, xref } as unknown as NodeContext<never, never>;
}

const customer = { system: 'billing', entity: 'customer', id: 'cus_1' };
const erpCustomer = { system: 'erp', entity: 'customer', id: '4321' };

describe('xref.lookup', () => {
  const config = { fromSystem: 'billing', fromEntity: 'customer', id: 'payload.customer', toSystem: 'erp', toEntity: 'customer', field: 'xref.erpCustomer' };

  it('puts the linked id into the payload at the dotted path, keeping the rest', async () => {
    const ctx = contextFor(xrefLookup, config, memoryXref([[customer, erpCustomer]]));
    const out = await xrefLookup.execute(ctx, message({ customer: 'cus_1', xref: { other: 1 } }));
    expect(out).toEqual({ out: message({ customer: 'cus_1', xref: { other: 1, erpCustomer: '4321' } }) });
  });

  it('routes to `missing`, or fails without retry, when nothing is linked', async () => {
    const routed = await xrefLookup.execute(contextFor(xrefLookup, config, memoryXref([])), message({ customer: 'cus_2' }));
    expect(Object.keys(routed)).toEqual(['missing']);
    expect(xrefLookup.outputs instanceof Function && xrefLookup.outputs(xrefLookup.config.parse({ ...config, onMissing: 'fail' }))).toEqual(['out']);
    const failing = contextFor(xrefLookup, { ...config, onMissing: 'fail' }, memoryXref([]));
    await expect(xrefLookup.execute(failing, message({ customer: 'cus_2' }))).rejects.toMatchObject({ code: 'xref-missing', retryable: false });
    await expect(xrefLookup.execute(failing, message({}))).rejects.toMatchObject({ code: 'xref-no-id' });
  });

  it('withField refuses to write into a payload that is not an object', () => {
    expect(withField({ a: { b: 1 } }, 'a.c', 2)).toEqual({ a: { b: 1, c: 2 } });
    expect(() => withField([1], 'x', 2)).toThrow(/not an object/);
    expect(() => withField({ a: 'text' }, 'a.b', 2)).toThrow(/not an object/);
  });
});

describe('xref.save', () => {
  it('saves every link from JSONata (one-to-one when asked), skipping optional ones without an id', async () => {
    const xref = memoryXref([]);
    const ctx = contextFor(
      xrefSave,
      {
        links: [
          { fromSystem: 'crm', fromEntity: 'account', from: 'meta.businessKeys.accountId', toSystem: 'billing', toEntity: 'customer', to: 'payload.body.customer', replace: true },
          { fromSystem: 'crm', fromEntity: 'opportunity', from: 'payload.body.metadata.opp', toSystem: 'billing', toEntity: 'subscription', to: 'payload.body.id', optional: true },
        ],
      },
      xref,
    );
    const input = message({ body: { id: 'sub_1', customer: 'cus_1', metadata: {} } });
    expect(await xrefSave.execute(ctx, input)).toEqual({ out: input });
    expect(xref.saved).toEqual([[{ system: 'crm', entity: 'account', id: '001A' }, customer, { replace: true }]]);
  });

  it('fails the step when a required id is missing', async () => {
    const ctx = contextFor(xrefSave, { links: [{ fromSystem: 'crm', fromEntity: 'account', from: 'payload.nope', toSystem: 'billing', toEntity: 'customer', to: '"x"' }] }, memoryXref([]));
    await expect(xrefSave.execute(ctx, message({}))).rejects.toMatchObject({ code: 'xref-no-id', retryable: false });
  });
});
