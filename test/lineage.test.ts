/**
 * Business keys, the xref and lineage through the API, on the example flows and the stand-ins: the
 * closed-won and invoice fixtures record their ids per node, save their links in the xref, and lineage
 * answers "did deal X become a subscription, an invoice and an ERP posting — and where did it stop?" from
 * any id of the chain. Also: the xref API (manual link, list, unlink), a link fixing a parked run, business
 * key expressions checked at publish, and schedule triggers fired by the server.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lineage, LineageNode } from '../server/lineage/lineage.js';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8'));
const [wonOpportunity] = fixture('salesforce/opportunity-with-line-items.soql.json')._response.records;
const invoicePaid = fixture('stripe/invoice.paid.proration.json');

const OPPORTUNITY = '006FAKE0000000001AAA';
const INVOICE = 'in_FAKE0000000000000002';

/** The tree as `stage:id` lines, indented by depth, with gaps. */
function outline(nodes: LineageNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [
    `${'  '.repeat(depth)}${node.stage}:${node.ref.id}${node.gaps.map((g) => ` [${g.message}]`).join('')}`,
    ...outline(node.children, depth + 1),
  ]);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('business keys, xref and lineage', () => {
  let t: TestServer;
  let closedWonRun: string;
  let invoiceRun: string;

  beforeAll(async () => {
    t = await startTestServer();
    const won = await t.call('POST', '/hooks/salesforce/closed-won', wonOpportunity);
    expect(won.status).toBe(201);
    closedWonRun = won.headers.get('x-ledgerflow-run-id')!;
    const paid = await t.call('POST', '/hooks/stripe/invoices', invoicePaid);
    expect(paid).toMatchObject({ status: 202, body: { erpInvoiceId: '98765' } });
    invoiceRun = paid.headers.get('x-ledgerflow-run-id')!;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('records the business keys each node declares, on its step and on the run', async () => {
    const won = (await t.call('GET', `/api/runs/${closedWonRun}`)).body;
    expect(won.businessKeys).toEqual({
      opportunityId: OPPORTUNITY,
      accountId: '001FAKE0000000001AAA',
      subscriptionId: 'sub_LFSANDBOX000001',
      customerId: 'cus_FAKE00000000001',
    });
    const create = won.steps.find((s: { nodeId: string }) => s.nodeId === 'create-subscription');
    expect(create.businessKeys).toEqual({ subscriptionId: 'sub_LFSANDBOX000001', customerId: 'cus_FAKE00000000001' });

    const paid = (await t.call('GET', `/api/runs/${invoiceRun}`)).body;
    expect(paid.businessKeys).toEqual({
      invoiceId: INVOICE,
      subscriptionId: 'sub_FAKE0000000000000001', // basil: parent.subscription_details.subscription
      opportunityId: OPPORTUNITY, // from the subscription's metadata.sfdc_opportunity_id
      customerId: 'cus_FAKE00000000001',
      stripeEventId: 'evt_FAKE0000000000000004',
      erpInvoiceId: '98765',
    });
    // Runs are found by any of their business key values.
    const byKey = await t.call('GET', `/api/runs?businessKey=${OPPORTUNITY}`);
    expect(byKey.body.map((r: { id: string }) => r.id).sort()).toEqual([closedWonRun, invoiceRun].sort());
  });

  it('looked the ERP customer up in the xref (seeded with the fixture pair) and saved the ids of both runs', async () => {
    const erpInvoice = t.ledgerflow.sandbox!.erp.invoice(INVOICE)!;
    expect(erpInvoice.entity).toMatchObject({ id: '4321' });
    const seeded = await t.call('GET', '/api/xref?system=billing&entity=customer&id=cus_FAKE00000000001&toSystem=erp');
    expect(seeded.body.refs).toHaveLength(1);
    expect(seeded.body.refs[0].links).toEqual([
      expect.objectContaining({ ref: { system: 'erp', entity: 'customer', id: '4321', label: 'ERP customer' }, origin: { kind: 'seed', source: 'xref.seed.json' } }),
    ]);
    const opportunity = await t.call('GET', `/api/xref?id=${OPPORTUNITY}`);
    const linked = opportunity.body.refs[0].links.map((l: { ref: { id: string }; origin: { runId: string; nodeId: string } }) => [l.ref.id, l.origin.runId, l.origin.nodeId]);
    expect(linked.sort()).toEqual([
      ['sub_FAKE0000000000000001', invoiceRun, 'save-erp-links'],
      ['sub_LFSANDBOX000001', closedWonRun, 'save-xref'],
    ]);
    const invoice = await t.call('GET', `/api/xref?id=${INVOICE}&toSystem=erp`);
    expect(invoice.body.refs[0].links.map((l: { ref: { id: string } }) => l.ref.id)).toEqual(['98765']);
  });

  it('shows the chain opportunity → subscription → invoice → ERP document from any of its ids, with the gap', async () => {
    const expected = [
      `opportunity:${OPPORTUNITY}`,
      '  subscription:sub_FAKE0000000000000001',
      `    invoice:${INVOICE}`,
      '      erpDocument:98765',
      // The closed-won flow made a new subscription in the stand-in; billing has not invoiced it yet.
      '  subscription:sub_LFSANDBOX000001 [subscription sub_LFSANDBOX000001 has no invoice]',
    ];
    const fromOpportunity: Lineage = (await t.call('GET', `/api/lineage?id=${OPPORTUNITY}`)).body;
    expect(outline(fromOpportunity.roots)).toEqual(expected);
    expect(fromOpportunity.matches).toEqual([{ system: 'crm', entity: 'opportunity', id: OPPORTUNITY, label: 'CRM opportunity' }]);
    expect(fromOpportunity.runs.map((r) => r.runId).sort()).toEqual([closedWonRun, invoiceRun].sort());
    const erpNode = fromOpportunity.roots[0]!.children[0]!.children[0]!.children[0]!;
    expect(erpNode.runs.map((r) => [r.runId, r.flowId, r.status])).toEqual([[invoiceRun, 'stripe-invoice-to-erp', 'succeeded']]);

    // From the ERP document or the invoice: up the chain, not down to other invoices.
    for (const id of ['98765', INVOICE]) {
      const lineage: Lineage = (await t.call('GET', `/api/lineage?id=${id}`)).body;
      expect(outline(lineage.roots), id).toEqual(expected.slice(0, 4));
    }
    const unknown = await t.call('GET', '/api/lineage?id=nothing-like-it');
    expect(unknown.body).toMatchObject({ matches: [], roots: [], runs: [] });
    expect((await t.call('GET', '/api/lineage')).status).toBe(400);
  });

  it('parks an invoice whose customer has no ERP link; a manual link and a replay complete its lineage', async () => {
    const event = structuredClone(invoicePaid);
    event.id = 'evt_LINEAGE_NEW_CUSTOMER';
    event.data.object.id = 'in_LINEAGE_NEW';
    event.data.object.customer = 'cus_LINEAGE_NEW';
    const failed = await t.call('POST', '/hooks/stripe/invoices', event);
    expect(failed.body).toMatchObject({ code: 'run-failed', nodeId: 'lookup-erp-customer' });
    const runId = failed.headers.get('x-ledgerflow-run-id')!;
    const before: Lineage = (await t.call('GET', '/api/lineage?id=in_LINEAGE_NEW')).body;
    expect(before.gaps.map((g) => g.message)).toEqual([
      `invoice in_LINEAGE_NEW has no ERP document: run ${runId} (stripe-invoice-to-erp) failed at lookup-erp-customer — No erp customer is linked to billing customer cus_LINEAGE_NEW in the xref`,
    ]);

    const link = await t.call('PUT', '/api/xref', {
      a: { system: 'billing', entity: 'customer', id: 'cus_LINEAGE_NEW' },
      b: { system: 'erp', entity: 'customer', id: '4321' },
      note: 'same company, second Stripe account',
    });
    expect(link).toMatchObject({ status: 200, body: { origin: { kind: 'manual', note: 'same company, second Stripe account' } } });
    const replay = await t.call('POST', `/api/dead-letters/${runId}/replay`);
    expect(replay.status).toBeLessThan(300);
    const replayRunId: string = replay.body.runId;
    await until('the replay to finish', async () => {
      const run = await t.call('GET', `/api/runs/${replayRunId}`);
      return run.body.status && run.body.status !== 'running' ? run.body : undefined;
    });
    const after: Lineage = (await t.call('GET', '/api/lineage?id=in_LINEAGE_NEW')).body;
    expect(after.gaps).toEqual([]);
    expect(outline(after.roots).at(-1)).toBe('      erpDocument:98766');
  });

  it('lists, filters and removes xref links', async () => {
    const customers = await t.call('GET', '/api/xref/links?system=billing&entity=customer&toSystem=erp');
    expect(customers.body.total).toBe(2);
    expect(customers.body.links[0]).toMatchObject({ origin: { kind: 'manual' } }); // newest first
    const bad = await t.call('PUT', '/api/xref', { a: { system: 'Billing', entity: 'customer', id: 'x' }, b: { system: 'erp', entity: 'customer', id: 'y' } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
    const ends = { a: { system: 'billing', entity: 'customer', id: 'cus_LINEAGE_NEW' }, b: { system: 'erp', entity: 'customer', id: '4321' } };
    expect((await t.call('DELETE', '/api/xref', ends)).status).toBe(204);
    expect((await t.call('DELETE', '/api/xref', ends)).status).toBe(404);
    expect((await t.call('GET', '/api/xref/links?system=billing&entity=customer&toSystem=erp')).body.total).toBe(1);
  });

  it('refuses to publish a business key expression that does not compile, pointing at it', async () => {
    const flow = structuredClone((await t.call('GET', '/api/flows/closed-won-to-subscription')).body.flow);
    flow.id = 'broken-keys';
    flow.nodes = flow.nodes.filter((n: { type: string }) => n.type !== 'trigger.webhook');
    flow.edges = flow.edges.filter((e: { source: string }) => e.source !== 'salesforce-webhook');
    const index = flow.nodes.findIndex((n: { id: string }) => n.id === 'create-subscription');
    flow.nodes[index].businessKeys = { subscriptionId: 'payload.body.(' };
    expect((await t.call('PUT', '/api/flows/broken-keys', flow)).status).toBe(200);
    const published = await t.call('POST', '/api/flows/broken-keys/publish', {});
    expect(published.status).toBe(422);
    expect(published.body.issues).toEqual([
      expect.objectContaining({ code: 'expression-syntax', path: ['nodes', index, 'businessKeys', 'subscriptionId'], nodeId: 'create-subscription' }),
    ]);
  });
});

describe('schedule triggers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ schedules: true, seedFlowsDir: null });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('runs a published schedule trigger on its cron pattern, lists it, and stops when the flow is deleted', async () => {
    const flow = {
      schemaVersion: 1,
      id: 'every-second',
      name: 'Every second',
      nodes: [
        { id: 'tick', type: 'trigger.schedule', position: { x: 0, y: 0 }, config: { cron: '* * * * * *' } },
        { id: 'map', type: 'transform.jsonata', position: { x: 260, y: 0 }, config: { expression: '{ "at": payload.scheduledFor }' } },
      ],
      edges: [{ id: 'e', source: 'tick', sourcePort: 'out', target: 'map', targetPort: 'in' }],
    };
    expect((await t.call('PUT', '/api/flows/every-second', flow)).status).toBe(200);
    expect((await t.call('POST', '/api/flows/every-second/publish', {})).status).toBe(201);
    const [schedule] = (await t.call('GET', '/api/schedules')).body;
    expect(schedule).toMatchObject({ flowId: 'every-second', flowVersion: 1, nodeId: 'tick', schedule: 'cron "* * * * * *" (UTC)', running: 0 });
    expect(Date.parse(schedule.nextRunAt) - Date.now()).toBeLessThanOrEqual(1000);
    const runs = await until('two scheduled runs', async () => {
      const list = (await t.call('GET', '/api/runs?flowId=every-second')).body;
      return list.length >= 2 && list.every((r: { status: string }) => r.status === 'succeeded') ? list : undefined;
    }, 5000);
    const record = (await t.call('GET', `/api/runs/${runs[0].id}`)).body;
    expect(record.input).toMatchObject({ manual: false, schedule: 'cron "* * * * * *" (UTC)', scheduledFor: expect.stringMatching(/:\d\d\.000Z$/) });

    expect((await t.call('DELETE', '/api/flows/every-second')).status).toBe(204);
    expect((await t.call('GET', '/api/schedules')).body).toEqual([]);
    const count = (await t.call('GET', '/api/runs?flowId=every-second')).body.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await t.call('GET', '/api/runs?flowId=every-second')).body.length).toBe(count);
  });

  it('rejects a schedule with a bad cron pattern or time zone, and one with both or neither of cron and interval', async () => {
    const check = async (config: Record<string, unknown>) => {
      const flow = { schemaVersion: 1, id: 'bad-schedule', name: 'Bad', nodes: [{ id: 'tick', type: 'trigger.schedule', position: { x: 0, y: 0 }, config }], edges: [] };
      return (await t.call('PUT', '/api/flows/bad-schedule', flow)).body.issues.map((i: { message: string }) => i.message).join('; ');
    };
    expect(await check({ cron: '61 * * * *' })).toMatch(/not a cron pattern/);
    expect(await check({ cron: '0 6 * * *', timezone: 'Mars/Olympus' })).toMatch(/not an IANA time zone/);
    expect(await check({ cron: '0 6 * * *', everySeconds: 60 })).toMatch(/either a cron pattern or "every \(s\)"/);
    expect(await check({})).toMatch(/either a cron pattern or "every \(s\)"/);
    expect(await check({ everySeconds: 3600 })).toBe('');
    expect((await t.call('POST', '/api/schedules/bad-schedule/tick/run')).status).toBe(404);
  });
});
