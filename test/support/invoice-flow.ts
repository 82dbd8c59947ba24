/**
 * Variants of the stripe-invoice-to-erp example for reliability tests: same mapping, validation and
 * idempotent consumer, with the ERP URL, response mode, time-out and retry policy the test needs, and
 * distinct invoice.paid events made from the fixture.
 */
import { readFileSync } from 'node:fs';
import { loadFlowText, type Flow } from '../../nodes/sdk/flow.js';
import { registry } from '../../nodes/registry.js';

const example = readFileSync(new URL('../../flows/stripe-invoice-to-erp.flow.json', import.meta.url), 'utf8');
const invoicePaid = readFileSync(new URL('../fixtures/stripe/invoice.paid.proration.json', import.meta.url), 'utf8');

export interface InvoiceFlowOptions {
  id: string;
  webhookPath: string;
  /** Absolute URL of the ERP's invoice endpoint (default: this server's stand-in). */
  erpUrl?: string;
  responseMode?: 'respondNode' | 'accepted';
  timeoutMs?: number;
  retry?: Record<string, unknown>;
  /** false: no error port on the ERP call, so its failures park the run in the dead-letter queue. */
  handleErrors?: boolean;
}

export function invoiceFlow(options: InvoiceFlowOptions): Flow {
  const flow = loadFlowText(example, registry);
  flow.id = options.id;
  flow.name = options.id;
  for (const node of flow.nodes) {
    if (node.type === 'trigger.webhook') node.config = { ...node.config, path: options.webhookPath, responseMode: options.responseMode ?? 'respondNode' };
    if (node.id === 'post-invoice') {
      node.config = {
        ...node.config,
        ...(options.erpUrl ? { url: options.erpUrl } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
      };
    }
  }
  if (options.handleErrors === false) {
    flow.edges = flow.edges.filter((e) => !(e.source === 'post-invoice' && e.sourcePort === 'error'));
    flow.nodes = flow.nodes.filter((n) => n.id !== 'respond-erp-failed');
  }
  return flow;
}

/** The invoice.paid fixture as a distinct business event: its own event id and invoice id. */
export function invoicePaidEvent(n: number | string): Record<string, any> {
  const event = JSON.parse(invoicePaid);
  event.id = `evt_TEST_${n}`;
  event.data.object.id = `in_TEST_${n}`;
  return event;
}
