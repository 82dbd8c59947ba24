/**
 * Billing stand-in, shaped like the Stripe API (see billing-objects.ts), mounted at `/sandbox/billing`.
 * In memory, seeded from the Stripe fixtures (the Pro seat price, the Example Widgets customer, its
 * subscription and invoices); every answer carries `X-Ledgerflow-Stand-In: billing`.
 *
 * - `POST /customers`, `POST /subscriptions`: 200 with the new object (as Stripe). Idempotent on
 *   `Idempotency-Key`: a repeat with the same body answers the same object with `Idempotent-Replayed: true`
 *   (and `X-Duplicate: true`) and creates nothing; the same key with another body is a 400 `idempotency_error`.
 * - A subscription names an existing `customer`, or, as a stand-in extension until flows can look ids
 *   up in the xref, `customer_data: { name, email?, metadata: { sfdc_account_id } }`: the customer with
 *   that `sfdc_account_id` is used, else one is created.
 * - `GET /customers|subscriptions|invoices|prices` (Stripe lists, newest first; filters `customer`,
 *   `subscription`, `email`) and `GET /<kind>/:id`. Faults: `PUT|GET|DELETE /_faults`.
 * - Stripe's own paths under `/v1/…` (the same routes) need the secret API key as bearer token and take
 *   form-encoded bodies as Stripe does (stripe-form.ts) as well as JSON.
 * - `POST /_send-webhook { url, event }`: sends a signed webhook, as Stripe does (billing-webhooks.ts).
 */
import express, { type Request, type Response, type Router } from 'express';
import { fixedToken, requireBearer } from './auth.js';
import { WebhookSender } from './billing-webhooks.js';
import { SANDBOX_CREDENTIALS, type SandboxCredentials } from './credentials.js';
import { coerceStripeForm } from './stripe-form.js';
import {
  buildCustomer,
  buildSubscription,
  checkCustomerBody,
  checkSubscriptionBody,
  noSuch,
  stripeError,
  stripeFault,
  type CustomerRequest,
  type StripeError,
  type StripeObject,
} from './billing-objects.js';
import { FaultInjector } from './faults.js';
import { IdempotencyKeys, RecordTable, Sequence, idempotencyKeyOf, isPlainObject, requestFingerprint } from './records.js';
import type { SandboxSeed } from './seed.js';
import { closeStandInRouter, openStandInRouter } from './stand-in.js';

type Kind = 'customers' | 'subscriptions' | 'invoices' | 'prices';

/** Outcome of a create: the stored object, or the 400 to answer. */
type Created = { object: StripeObject; failure?: never } | { failure: StripeError; object?: never };

type IdKind = 'customers' | 'subscriptions' | 'items';

/** Stripe id prefixes; the stand-in's own ids read `cus_LFSANDBOX000001`, so they never pass for real ones. */
const ID_PREFIX: Record<IdKind, string> = { customers: 'cus', subscriptions: 'sub', items: 'si' };

export class BillingStandIn {
  readonly router: Router;
  readonly faults = new FaultInjector(stripeFault);
  /** Signed webhook deliveries (`POST /_send-webhook`). */
  readonly webhooks: WebhookSender;
  private readonly tables: Record<Kind, RecordTable<StripeObject>> = {
    customers: new RecordTable(),
    subscriptions: new RecordTable(),
    invoices: new RecordTable(),
    prices: new RecordTable(),
  };
  private readonly keys = new IdempotencyKeys();
  private readonly ids: Record<IdKind, Sequence> = { customers: new Sequence(1), subscriptions: new Sequence(1), items: new Sequence(1) };

  /**
   * @param seed billing objects present after every reset
   * @param now clock in ms since the epoch (objects carry Unix seconds)
   * @param credentials the API key `/v1` routes accept and the webhook endpoint secret
   */
  constructor(
    private readonly seed: () => SandboxSeed['billing'],
    private readonly now: () => number = Date.now,
    private readonly credentials: SandboxCredentials['billing'] = SANDBOX_CREDENTIALS.billing,
  ) {
    this.webhooks = new WebhookSender(() => this.credentials.webhookSecret, now);
    this.router = this.buildRouter();
    this.reset();
  }

  customers(): StripeObject[] {
    return this.tables.customers.list();
  }

  subscriptions(): StripeObject[] {
    return this.tables.subscriptions.list();
  }

  invoices(): StripeObject[] {
    return this.tables.invoices.list();
  }

  /**
   * Adds an invoice as if billing had issued it (the stand-in has no invoicing engine): for tests and
   * demos that need more invoices than the fixtures hold. Gone at the next reset.
   */
  addInvoice(invoice: StripeObject): StripeObject {
    return this.tables.invoices.insert(invoice);
  }

  /** Back to the seed; remembered idempotency keys and faults are forgotten. */
  reset(): void {
    const seed = this.seed();
    for (const kind of Object.keys(this.tables) as Kind[]) {
      this.tables[kind].clear();
      for (const object of seed[kind]) if (typeof object.id === 'string') this.tables[kind].insert(object as StripeObject);
    }
    this.keys.clear();
    for (const sequence of Object.values(this.ids)) sequence.reset();
    this.faults.reset();
    this.webhooks?.reset();
  }

  private nextId(kind: IdKind): string {
    return `${ID_PREFIX[kind]}_LFSANDBOX${String(this.ids[kind].next()).padStart(6, '0')}`;
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private buildRouter(): Router {
    const outer = openStandInRouter('billing', this.faults);
    outer.use('/_send-webhook', this.webhooks.router());
    const router = express.Router();
    const unauthorised = (message: string) => stripeError('invalid_request_error', `${message} (Stripe: "Invalid API Key provided")`, { code: 'api_key_invalid' });
    outer.use('/v1', requireBearer(fixedToken(() => this.credentials.apiKey), unauthorised), express.urlencoded({ extended: true, limit: '1mb' }), (req, _res, next) => {
      if (req.is('application/x-www-form-urlencoded')) req.body = coerceStripeForm(req.body);
      next();
    }, router);
    outer.use(router);
    router.post('/customers', (req, res) => this.idempotent(req, res, 'customers', () => this.createCustomer(req.body)));
    router.post('/subscriptions', (req, res) => this.idempotent(req, res, 'subscriptions', () => this.createSubscription(req.body)));
    for (const kind of Object.keys(this.tables) as Kind[]) {
      router.get(`/${kind}`, (req, res) => this.list(req, res, kind));
      router.get(`/${kind}/:id`, (req, res) => {
        const object = this.tables[kind].get(req.params.id);
        if (object) res.json(object);
        else res.status(404).json(noSuch(kind.slice(0, -1), req.params.id, 'id'));
      });
    }
    return closeStandInRouter(outer, (status, message) =>
      stripeError(status >= 500 ? 'api_error' : 'invalid_request_error', message, status === 404 ? { code: 'resource_missing' } : {}),
    );
  }

  private list(req: Request, res: Response, kind: Kind): void {
    const { customer, subscription, email } = req.query;
    const data = this.tables[kind]
      .list()
      .filter((object) => typeof customer !== 'string' || object.customer === customer)
      .filter((object) => typeof email !== 'string' || object.email === email)
      .filter((object) => typeof subscription !== 'string' || subscriptionOf(object) === subscription)
      .reverse();
    res.json({ object: 'list', data, has_more: false, url: `/v1/${kind}` });
  }

  /**
   * Runs `create` at most once per Idempotency-Key (Stripe's rules: a replay needs the same method, path
   * and body; only successful creates are remembered, so a corrected retry after a 400 can use the key).
   */
  private idempotent(req: Request, res: Response, kind: Kind, create: () => Created): void {
    const key = idempotencyKeyOf(req.get('Idempotency-Key'));
    const fingerprint = requestFingerprint(req.method, `${req.baseUrl}${req.path}`, req.body ?? null);
    const prior = key === undefined ? undefined : this.keys.recall(key);
    if (prior) {
      const object = this.tables[kind].get(prior.recordId);
      if (prior.fingerprint !== fingerprint || !object) {
        res.status(400).json(
          stripeError(
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        );
        return;
      }
      res.set('Idempotent-Replayed', 'true').set('X-Duplicate', 'true').json(object);
      return;
    }
    const result = create();
    if (result.failure) {
      res.status(400).json(result.failure);
      return;
    }
    if (key !== undefined) this.keys.remember(key, { fingerprint, recordId: result.object.id });
    res.json(result.object);
  }

  private createCustomer(body: unknown): Created {
    const checked = checkCustomerBody(body);
    if (checked.error) return { failure: checked.error };
    return { object: this.tables.customers.insert(buildCustomer(this.nextId('customers'), checked.value, this.nowSeconds())) };
  }

  private createSubscription(body: unknown): Created {
    const checked = checkSubscriptionBody(body, {
      price: (id) => this.tables.prices.get(id),
      customer: (id) => this.tables.customers.get(id),
    });
    if (checked.error) return { failure: checked.error };
    const request = checked.value;
    const customer = 'id' in request.customer ? request.customer.id : this.customerFor(request.customer.data);
    const subscription = buildSubscription(
      { subscription: this.nextId('subscriptions'), item: () => this.nextId('items') },
      customer,
      request,
      this.nowSeconds(),
    );
    return { object: this.tables.subscriptions.insert(subscription) };
  }

  /** The customer whose `metadata.sfdc_account_id` matches `data`'s, or a new one. */
  private customerFor(data: CustomerRequest): string {
    const accountId = data.metadata.sfdc_account_id;
    const known =
      accountId === undefined
        ? undefined
        : this.customers().find((c) => isPlainObject(c.metadata) && c.metadata.sfdc_account_id === accountId);
    return known?.id ?? this.tables.customers.insert(buildCustomer(this.nextId('customers'), data, this.nowSeconds())).id;
  }
}

/** The subscription an invoice belongs to (basil: `parent.subscription_details.subscription`). */
function subscriptionOf(object: StripeObject): unknown {
  const parent = object.parent as { subscription_details?: { subscription?: unknown } } | null | undefined;
  return parent?.subscription_details?.subscription;
}
