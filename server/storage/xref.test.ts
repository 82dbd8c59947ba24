import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordLog } from './record-log.js';
import type { XrefLink, XrefStore } from './types.js';
import { createXrefStore } from './xref.js';

const account = { system: 'crm', entity: 'account', id: '001FAKE0000000001AAA' };
const customer = { system: 'billing', entity: 'customer', id: 'cus_FAKE00000000001' };
const erpCustomer = { system: 'erp', entity: 'customer', id: '4321' };
const origin = { kind: 'manual' as const };

describe('xref store (RecordLog)', () => {
  let dir: string;
  let clock: number;
  const open = async () => createXrefStore(await RecordLog.open<XrefLink>(dir, 'xref'), () => clock);
  let xref: XrefStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledgerflow-xref-'));
    clock = Date.parse('2025-03-01T00:00:00Z');
    xref = await open();
  });
  afterEach(async () => {
    await xref.flush();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps one two-way link per pair: found from either end, saving again only refreshes it', async () => {
    await xref.link(customer, erpCustomer, { origin });
    clock += 1000;
    const again = await xref.link(erpCustomer, customer, { origin: { kind: 'seed', source: 'xref.seed.json' } });
    expect(await xref.count()).toBe(1);
    expect(again).toMatchObject({ createdAt: '2025-03-01T00:00:00.000Z', updatedAt: '2025-03-01T00:00:01.000Z', origin: { kind: 'seed' } });
    expect((await xref.linksOf(customer, { system: 'erp' })).map((l) => l.a.id === customer.id ? l.b : l.a)).toEqual([erpCustomer]);
    expect(await xref.linksOf(erpCustomer, { system: 'billing', entity: 'customer' })).toHaveLength(1);
    expect(await xref.linksOf(erpCustomer, { system: 'crm' })).toEqual([]);
  });

  it('tells entities apart: ERP customer 4321 is not ERP invoice 4321', async () => {
    await xref.link(customer, erpCustomer, { origin });
    await xref.link({ system: 'billing', entity: 'invoice', id: 'in_1' }, { system: 'erp', entity: 'invoice', id: '4321' }, { origin });
    expect(await xref.find('4321')).toHaveLength(2);
    expect(await xref.find('4321', { entity: 'invoice' })).toEqual([{ system: 'erp', entity: 'invoice', id: '4321' }]);
    expect(await xref.linksOf({ system: 'erp', entity: 'invoice', id: '4321' })).toHaveLength(1);
  });

  it('replace re-points a one-to-one link and leaves other systems alone', async () => {
    await xref.link(account, customer, { origin });
    await xref.link(account, erpCustomer, { origin });
    const other = { ...customer, id: 'cus_OTHER' };
    await xref.link(account, other, { origin, replace: true });
    expect((await xref.linksOf(account, { system: 'billing' })).map((l) => (l.a.id === account.id ? l.b.id : l.a.id))).toEqual(['cus_OTHER']);
    expect(await xref.linksOf(account, { system: 'erp' })).toHaveLength(1);
    expect(await xref.find(customer.id)).toEqual([]); // its only link is gone, so is the id
  });

  it('lists links newest first with filters and paging, unlinks, and survives a reopen', async () => {
    for (let i = 0; i < 5; i++) {
      clock += 1000;
      await xref.link({ system: 'billing', entity: 'invoice', id: `in_${i}` }, { system: 'erp', entity: 'invoice', id: `${100 + i}` }, { origin });
    }
    await xref.link(customer, erpCustomer, { origin });
    const page = await xref.list({ system: 'erp', entity: 'invoice', limit: 2, offset: 1 });
    expect(page.total).toBe(5);
    expect(page.links.map((l) => l.b.id === '103' || l.a.id === '103' ? '103' : l.a.id === 'in_2' || l.b.id === 'in_2' ? '102' : '?')).toEqual(['103', '102']);
    expect((await xref.list({ system: 'billing', toSystem: 'erp', toEntity: 'customer' })).total).toBe(1);
    expect((await xref.list({ id: 'in_4' })).links).toHaveLength(1);
    expect(await xref.unlink({ system: 'erp', entity: 'invoice', id: '104' }, { system: 'billing', entity: 'invoice', id: 'in_4' })).toBe(true);
    expect(await xref.unlink(customer, account)).toBe(false);
    await xref.flush();
    const reopened = await open();
    expect(await reopened.count()).toBe(5);
    expect(await reopened.find('in_4')).toEqual([]);
    expect(await reopened.linksOf(customer)).toHaveLength(1);
  });

  it('refuses to link an id to itself', async () => {
    await expect(xref.link(customer, { ...customer }, { origin })).rejects.toThrow(/two different ids/);
  });
});
