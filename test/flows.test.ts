/**
 * Golden tests of the example flows in flows/: each file is in canonical form, valid against the registry,
 * compiles (every JSONata expression, template and JSON Schema), and its mapping turns the shared fixture
 * into exactly the body the target system expects. The flows then run on the runtime against the stand-ins.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileToolsFor } from '../nodes/sdk/define.js';
import { compileExpression } from '../nodes/sdk/expression.js';
import { loadFlowText, stringifyFlow, validateFlow, type Flow } from '../nodes/sdk/flow.js';
import type { Json } from '../nodes/sdk/message.js';
import { registry } from '../nodes/registry.js';
import { readSample } from '../server/samples.js';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

const FLOWS_DIR = new URL('../flows/', import.meta.url);
const FIXTURES = new URL('./fixtures/', import.meta.url);
/** Fixtures are read as untyped JSON: tests reach into them by the vendors' field names. */
type Untyped = any;
const fixture = (path: string): Untyped => JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8'));
const flowFiles = readdirSync(FLOWS_DIR).filter((name) => name.endsWith('.flow.json')).sort();
const flowText = (id: string) => readFileSync(new URL(`${id}.flow.json`, FLOWS_DIR), 'utf8');
const loadExample = (id: string): Flow => loadFlowText(flowText(id), registry);
const meta = { runId: 'run_test', flowId: 'test', flowVersion: 0, correlationId: 'corr-test', businessKeys: {} };

function configOf(flow: Flow, nodeId: string): Record<string, unknown> {
  const node = flow.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`flow ${flow.id} has no node ${nodeId}`);
  return node.config;
}

/** Evaluates a JSONata field of a node on `{ payload, meta }`, as the runtime does. */
async function evaluate(expression: string, payload: Json): Promise<Untyped> {
  return compileExpression(expression).evaluate({ payload, meta });
}

describe.each(flowFiles)('flows/%s', (file) => {
  const text = readFileSync(new URL(file, FLOWS_DIR), 'utf8');
  const flow = loadFlowText(text, registry);

  it('is in canonical form (stringifyFlow of itself) and named after its id', () => {
    expect(text, `rewrite with: npx tsx scripts/format-flows.ts`).toBe(stringifyFlow(flow));
    expect(file).toBe(`${flow.id}.flow.json`);
  });

  it('validates against the registry with zero issues', () => {
    expect(validateFlow(flow, registry)).toEqual([]);
  });

  it('compiles every node: JSONata expressions, templates and JSON Schemas', () => {
    const limits = { timeoutMs: flow.settings.expressionTimeoutMs, maxDepth: flow.settings.expressionMaxDepth };
    flow.nodes.forEach((node, i) => {
      const definition = registry.get(node.type)!;
      expect(() => definition.compile?.(definition.config.parse(node.config), compileToolsFor(['nodes', i], limits)), node.id).not.toThrow();
    });
  });

  it("offers an existing sample on every manual trigger and lays nodes out on distinct positions", () => {
    for (const node of flow.nodes.filter((n) => n.type === 'trigger.manual')) {
      expect(readSample(String(node.config.sample)), node.id).toBeDefined();
    }
    const positions = flow.nodes.map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(positions).size).toBe(positions.length);
  });
});

describe('stripe-invoice-to-erp: mapping', () => {
  const flow = loadExample('stripe-invoice-to-erp');
  const mapping = String(configOf(flow, 'map-invoice').expression);
  // The mapping runs after the xref lookup, which adds the ERP customer of the Stripe customer.
  const event = { ...fixture('stripe/invoice.paid.proration.json'), xref: { erpCustomer: '4321' } };
  const expectedBody = () => {
    const body = fixture('netsuite/invoice.post-request.json')._body;
    // Decided: line descriptions pass through verbatim from Stripe ("… Pro seat (monthly) …"); the NetSuite
    // fixture's text drops "(monthly)". Every other field must equal the fixture.
    body.item.items[0].description = 'Unused time on 5 × Pro seat (monthly) after 16 Mar 2025';
    body.item.items[1].description = 'Remaining time on 8 × Pro seat (monthly) after 16 Mar 2025';
    return body;
  };

  it('maps invoice.paid to exactly the NetSuite create body of the fixture', async () => {
    const body = (await evaluate(mapping, event));
    expect(body).toEqual(expectedBody());
    expect(body.item.items.map((l: { amount: number }) => l.amount)).toEqual([-126.45, 202.32]);
    expect(body.item.items.map((l: { rate: number }) => l.rate)).toEqual([-25.29, 25.29]);
    expect(body.tranDate).toBe('2025-03-16');
  });

  it('keeps item.items an array for a one-line invoice, and falls back to `created` without paid_at', async () => {
    const single = structuredClone(event);
    single.data.object.lines.data = [single.data.object.lines.data[1]];
    single.data.object.status_transitions.paid_at = null;
    single.data.object.created = 1740787199; // 2025-02-28T23:59:59Z
    const body = (await evaluate(mapping, single));
    expect(body.item.items).toEqual([
      { item: { id: '86' }, description: 'Remaining time on 8 × Pro seat (monthly) after 16 Mar 2025', quantity: 8, rate: 25.29, amount: 202.32 },
    ]);
    expect(body.tranDate).toBe('2025-02-28');
    expect(body.memo).toBe('Stripe in_FAKE0000000000000002');
  });
});

describe('closed-won-to-subscription: mapping and route', () => {
  const flow = loadExample('closed-won-to-subscription');
  const mapping = String(configOf(flow, 'map-subscription').expression);
  const condition = (configOf(flow, 'route-billable').routes as Array<{ condition: string }>)[0]!.condition;
  const [won, empty] = fixture('salesforce/opportunity-with-line-items.soql.json')._response.records;

  it('maps the Closed Won opportunity to exactly this subscription body', async () => {
    expect(await evaluate(condition, won)).toBe(true);
    expect(await evaluate(mapping, won)).toEqual({
      customer_data: { name: 'Example Widgets Co (FAKE)', metadata: { sfdc_account_id: '001FAKE0000000001AAA' } },
      items: [{ price: 'price_FAKE0000000000000001', quantity: 5, metadata: { sfdc_line_item_id: '00kFAKE0000000001AAA' } }],
      metadata: { sfdc_opportunity_id: '006FAKE0000000001AAA' },
      billing_cycle_anchor: 1740787200, // ServiceDate 2025-03-01, as the subscription fixture's anchor
    });
  });

  it('does not route the record with Account: null and OpportunityLineItems: null to billing', async () => {
    expect(await evaluate(condition, empty)).toBe(false);
    // Even if it got past the route, the mapping keeps `items` (as []) rather than dropping the key.
    expect(await evaluate(mapping, empty)).toMatchObject({ items: [] });
  });
});

describe('example flows run by the runtime against the stand-ins', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    await t.call('POST', '/sandbox/_reset');
  });
  const sandbox = () => t.ledgerflow.sandbox!;
  /** The invoice.paid fixture as a distinct Stripe event (the flow lets each event id through once). */
  const invoicePaid = (eventId: string) => ({ ...fixture('stripe/invoice.paid.proration.json'), id: eventId });
  const stepsOf = async (runId: string | null) => (await t.call('GET', `/api/runs/${runId}`)).body.steps.map((s: { nodeId: string }) => s.nodeId);

  it('stripe-invoice-to-erp posts the invoice once: 202 with the ERP id, then a redelivery is a duplicate', async () => {
    const event = invoicePaid('evt_flows_once');
    const first = await t.call('POST', '/hooks/stripe/invoices', event);
    expect(first).toMatchObject({ status: 202, body: { received: true, erpInvoiceId: '98765' } });
    expect(await stepsOf(first.headers.get('x-ledgerflow-run-id'))).toEqual([
      'stripe-webhook', 'dedupe-event', 'lookup-erp-customer', 'map-invoice', 'validate-invoice', 'post-invoice', 'save-erp-links', 'respond-accepted',
    ]);

    const again = await t.call('POST', '/hooks/stripe/invoices', event);
    expect(again).toMatchObject({ status: 202, body: { status: 'duplicate' } });
    expect(await stepsOf(again.headers.get('x-ledgerflow-run-id'))).toEqual(['stripe-webhook', 'dedupe-event']);
    expect(sandbox().erp.invoices()).toHaveLength(1);
    expect(sandbox().erp.invoice('in_FAKE0000000000000002')!.total).toBe(75.87);
  });

  it('stripe-invoice-to-erp answers 502 through the error port when the ERP refuses the invoice', async () => {
    await t.call('PUT', '/sandbox/erp/_faults', { status: 422, count: 1 });
    const result = await t.call('POST', '/hooks/stripe/invoices', invoicePaid('evt_flows_erp_refuses'));
    expect(result).toMatchObject({
      status: 502,
      body: { received: false, error: { nodeId: 'post-invoice', code: 'http-status', status: 422 } },
    });
    expect(sandbox().erp.invoices()).toHaveLength(0);
  });

  it('stripe-invoice-to-erp fails validation (not the ERP) for a product with no item mapping', async () => {
    const event = invoicePaid('evt_flows_unmapped');
    event.data.object.lines.data[0].pricing.price_details.product = 'prod_UNMAPPED';
    const result = await t.call('POST', '/hooks/stripe/invoices', event);
    expect(result.status).toBe(422); // the event cannot be posted as it is: not a server error
    expect(result.body).toMatchObject({ code: 'run-failed', nodeId: 'validate-invoice' });
    expect(result.body.detail).toContain('payload.item.items[0].item.id is required but missing');
    expect(sandbox().erp.invoices()).toHaveLength(0);
  });

  it('closed-won-to-subscription creates the subscription for the seeded customer: 201', async () => {
    const [won] = fixture('salesforce/opportunity-with-line-items.soql.json')._response.records;
    const result = await t.call('POST', '/hooks/salesforce/closed-won', won);
    expect(result).toMatchObject({ status: 201, body: { subscriptionId: 'sub_LFSANDBOX000001', customerId: 'cus_FAKE00000000001' } });
    expect(sandbox().billing.subscriptions().at(-1)).toMatchObject({ metadata: { sfdc_opportunity_id: '006FAKE0000000001AAA' } });
  });

  it('closed-won-to-subscription answers 422 for the opportunity without account and line items, never calling billing', async () => {
    const [, empty] = fixture('salesforce/opportunity-with-line-items.soql.json')._response.records;
    const result = await t.call('POST', '/hooks/salesforce/closed-won', empty);
    expect(await stepsOf(result.headers.get('x-ledgerflow-run-id'))).toEqual(['salesforce-webhook', 'route-billable', 'respond-rejected']);
    expect(result.status).toBe(422);
    expect(result.body).toEqual({
      accepted: false,
      opportunityId: '006FAKE0000000002AAA',
      reasons: ['the opportunity has no account', 'the opportunity has no line items'],
    });
    expect(sandbox().billing.subscriptions()).toHaveLength(1); // the seeded one only
  });

  /** The fixture's Closed Won record as opportunity `id` (the flow lets each opportunity through once). */
  const wonOpportunity = (id: string) => {
    const [won] = fixture('salesforce/opportunity-with-line-items.soql.json')._response.records;
    return { ...won, Id: id, attributes: { ...won.attributes, url: `/services/data/v62.0/sobjects/Opportunity/${id}` } };
  };
  const subscriptionsOf = (opportunityId: string) =>
    sandbox().billing.subscriptions().filter((s) => (s.metadata as Record<string, string>).sfdc_opportunity_id === opportunityId);

  it('closed-won-to-subscription creates one subscription per opportunity: a redelivery is a duplicate (202) and creates nothing', async () => {
    const opportunity = wonOpportunity('006FAKE0000000003AAA');
    const first = await t.call('POST', '/hooks/salesforce/closed-won', opportunity, { 'x-correlation-id': 'sfdc-notification-1' });
    expect(first).toMatchObject({ status: 201, body: { subscriptionId: expect.stringMatching(/^sub_LFSANDBOX/), customerId: 'cus_FAKE00000000001' } });

    // Redelivered as another notification: same opportunity, another correlation id.
    const again = await t.call('POST', '/hooks/salesforce/closed-won', structuredClone(opportunity), { 'x-correlation-id': 'sfdc-notification-2' });
    expect(again).toMatchObject({ status: 202, body: { status: 'duplicate', correlationId: 'sfdc-notification-2' } });
    const duplicate = (await t.call('GET', `/api/runs/${again.headers.get('x-ledgerflow-run-id')}`)).body;
    expect(duplicate.status).toBe('duplicate');
    expect(duplicate.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['salesforce-webhook', 'route-billable', 'dedupe-opportunity']);
    expect(duplicate.businessKeys).toEqual({ opportunityId: '006FAKE0000000003AAA', accountId: '001FAKE0000000001AAA' });

    expect(subscriptionsOf('006FAKE0000000003AAA').map((s) => s.id)).toEqual([first.body.subscriptionId]);
    expect(sandbox().billing.subscriptions()).toHaveLength(2); // the seeded one and this one
  });

  it('closed-won-to-subscription: the same opportunity posted twice at once creates one subscription', async () => {
    const opportunity = wonOpportunity('006FAKE0000000004AAA');
    const answers = await Promise.all([
      t.call('POST', '/hooks/salesforce/closed-won', opportunity),
      t.call('POST', '/hooks/salesforce/closed-won', structuredClone(opportunity)),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 202]);
    expect(answers.find((a) => a.status === 202)!.body).toMatchObject({ status: 'duplicate' });
    expect(subscriptionsOf('006FAKE0000000004AAA').map((s) => s.id)).toEqual([answers.find((a) => a.status === 201)!.body.subscriptionId]);
  });

  it('closed-won-to-subscription: a redelivery after billing refused the opportunity (502) creates the subscription', async () => {
    const opportunity = wonOpportunity('006FAKE0000000005AAA');
    await t.call('PUT', '/sandbox/billing/_faults', { status: 400, count: 1 });
    const refused = await t.call('POST', '/hooks/salesforce/closed-won', opportunity);
    expect(refused).toMatchObject({ status: 502, body: { created: false, error: { nodeId: 'create-subscription', status: 400 } } });
    expect(subscriptionsOf('006FAKE0000000005AAA')).toHaveLength(0);
    // The run that answered 502 gave the opportunity back, so the sender's retry is not a duplicate.
    const retried = await t.call('POST', '/hooks/salesforce/closed-won', opportunity);
    expect(retried.status).toBe(201);
    expect(subscriptionsOf('006FAKE0000000005AAA').map((s) => s.id)).toEqual([retried.body.subscriptionId]);
  });
});
