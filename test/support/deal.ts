/**
 * Playing the fixture deal against a test server: Stripe events from test/fixtures/stripe (optionally with
 * the ids of the objects the flows created), sent signed by the billing stand-in (`_send-webhook`), and
 * Salesforce change events relayed with the CRM profile's basic-auth credentials.
 */
import { readFileSync } from 'node:fs';
import { SANDBOX_CREDENTIALS } from '../../server/sandbox/credentials.js';
import type { TestServer } from './ledgerflow.js';

const fixtures = new URL('../fixtures/', import.meta.url);

/** A fixture as an object. */
export function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, fixtures), 'utf8'));
}

/** A Stripe event fixture with ids replaced (e.g. the fixture's subscription by the one the flow created). */
export function stripeEvent(name: string, ids: Record<string, string> = {}): Record<string, any> {
  let text = readFileSync(new URL(`stripe/${name}.json`, fixtures), 'utf8');
  for (const [from, to] of Object.entries(ids)) text = text.split(from).join(to);
  return JSON.parse(text);
}

/** Has the billing stand-in deliver `event`, signed, to `/hooks/<path>`; answers what the flow answered. */
export async function sendStripe(t: TestServer, path: string, event: Record<string, unknown>): Promise<{ status: number; body: any; delivered: boolean }> {
  const delivery = await t.call('POST', '/sandbox/billing/_send-webhook', { url: `/hooks/${path}`, event });
  if (delivery.status !== 200) throw new Error(`_send-webhook answered ${delivery.status}: ${JSON.stringify(delivery.body)}`);
  return delivery.body;
}

/** Relays a Salesforce change event to `/hooks/<path>` with the CRM profile's webhook credentials. */
export async function sendCdc(t: TestServer, path: string, event: unknown, password = SANDBOX_CREDENTIALS.crm.webhookPassword) {
  const basic = Buffer.from(`${SANDBOX_CREDENTIALS.crm.webhookUser}:${password}`).toString('base64');
  return t.call('POST', `/hooks/${path}`, event, { Authorization: `Basic ${basic}` });
}

/** Waits for a run to end; answers its record. */
export async function finishedRun(t: TestServer, runId: string, timeoutMs = 15_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const run = (await t.call('GET', `/api/runs/${runId}`)).body;
    if (run?.status && run.status !== 'running') {
      await new Promise((r) => setTimeout(r, 50));
      return (await t.call('GET', `/api/runs/${runId}`)).body;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${runId} did not finish in ${timeoutMs} ms`);
}

/** Writes to the ERP stand-in in arrival order, without the timestamps: `[kind, method, externalId, outcome]`. */
export function erpWrites(t: TestServer): Array<[string, string | undefined, string | undefined, string]> {
  return t.ledgerflow.sandbox!.erp.postings().map((p) => [p.kind, 'method' in p ? p.method : 'POST', p.externalId, p.outcome]);
}
