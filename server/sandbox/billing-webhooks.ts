/**
 * The billing stand-in as a webhook sender, the way Stripe delivers events to an endpoint
 * (docs.stripe.com/webhooks): `POST /sandbox/billing/_send-webhook { url, event, timestamp? }` serialises
 * `event` (pretty JSON, as Stripe sends it), signs the exact bytes with the endpoint secret
 * (`Stripe-Signature: t=<now s>,v1=<HMAC-SHA256 of "t.body">`) and POSTs them to `url`: an absolute URL, or
 * a path on the server the stand-in runs in (`/hooks/stripe/…`). Answers 200 with what the endpoint answered:
 * `{ delivered, status, body, signature, eventId }`; 400 when `url` or `event` is missing.
 */
import express, { type Request, type Router } from 'express';
import { stripeSignatureHeader } from '../connections/webhook-signatures.js';
import { isPlainObject } from './records.js';

/** One delivery attempt, as tests and the answer show it. */
export interface WebhookDelivery {
  eventId?: string;
  eventType?: string;
  url: string;
  status: number;
  delivered: boolean;
  at: string;
}

export class WebhookSender {
  private readonly log: WebhookDelivery[] = [];

  constructor(
    private readonly secret: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Deliveries since the last reset, oldest first. */
  deliveries(): readonly WebhookDelivery[] {
    return this.log;
  }

  reset(): void {
    this.log.length = 0;
  }

  /**
   * Signs and posts `event` to `url`.
   * @param timestamp Unix seconds to sign with (default: now), to replay an old delivery.
   */
  async send(url: string, event: Record<string, unknown>, timestamp?: number): Promise<WebhookDelivery & { body: unknown; signature: string }> {
    const payload = JSON.stringify(event, null, 2);
    const signature = stripeSignatureHeader(payload, this.secret(), timestamp ?? Math.floor(this.now() / 1000));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks) ledgerflow-sandbox' },
      body: payload,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    const delivery: WebhookDelivery = {
      ...(typeof event.id === 'string' ? { eventId: event.id } : {}),
      ...(typeof event.type === 'string' ? { eventType: event.type } : {}),
      url,
      status: response.status,
      delivered: response.ok,
      at: new Date(this.now()).toISOString(),
    };
    this.log.push(delivery);
    return { ...delivery, body, signature };
  }

  /** `POST /_send-webhook`. */
  router(): Router {
    const router = express.Router();
    router.post('/', async (req: Request, res) => {
      const body: unknown = req.body;
      const url = isPlainObject(body) && typeof body.url === 'string' ? body.url : undefined;
      const event = isPlainObject(body) && isPlainObject(body.event) ? body.event : undefined;
      if (!url || !event || !(url.startsWith('/') || /^https?:\/\//.test(url))) {
        return void res.status(400).json({ error: { type: 'invalid_request_error', message: 'Send { url, event }: url absolute or a path starting with /, event an object' } });
      }
      const target = url.startsWith('/') ? `${req.protocol}://${req.get('host')}${url}` : url;
      const timestamp = isPlainObject(body) && typeof body.timestamp === 'number' ? body.timestamp : undefined;
      try {
        res.json(await this.send(target, event, timestamp));
      } catch (error) {
        res.status(502).json({ error: { type: 'api_error', message: `Delivery to ${target} failed: ${(error as Error).message}` } });
      }
    });
    return router;
  }
}
