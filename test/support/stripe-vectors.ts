/**
 * The Stripe signature vectors (test/fixtures/stripe/signature/vectors.json, verified by the fixture's
 * authors with stripe-node 23.1.0) turned into requests: for each case label, the raw body, the
 * `Stripe-Signature` header, the endpoint secret and when the request is received. Unit tests
 * (webhook-signatures.test.ts) and endpoint tests (test/webhooks.signed.test.ts) share this table, so a new
 * label in vectors.json fails both until it is given a scenario.
 *
 * The vectors do not publish the OLD secret of their secret roll; the case "verified with the old secret"
 * therefore rolls from a made-up old secret: its signature takes the first `v1` place of the rotated
 * header, the new secret's (the vectors' `expected_v1`) the second, and the old secret verifies.
 */
import { readFileSync } from 'node:fs';
import { stripeSignature, stripeSignatureHeader } from '../../server/connections/webhook-signatures.js';

const dir = new URL('../fixtures/stripe/signature/', import.meta.url);

export interface StripeVectors {
  endpoint_secret: string;
  timestamp: number;
  raw_body_file: string;
  raw_body_sha256: string;
  raw_body_bytes: number;
  expected_v1: string;
  stripe_signature_header: string;
  rotated_header: string;
  cases: Array<{ label: string; verifies: boolean; error?: string }>;
}

export const vectors = JSON.parse(readFileSync(new URL('vectors.json', dir), 'utf8')) as StripeVectors;
export const rawBody = readFileSync(new URL(vectors.raw_body_file, dir));

/** A made-up previous endpoint secret (see the header comment). */
export const OLD_SECRET = 'whsec_FAKE_previous_secret_of_the_roll_0000';

export interface VectorRequest {
  body: Buffer;
  header: string;
  /** The secret the endpoint verifies with. */
  secret: string;
  /** When the request is received, ms since the epoch. */
  receivedAtMs: number;
}

const at = (offsetS: number) => (vectors.timestamp + offsetS) * 1000;
const t = vectors.timestamp;

const SCENARIOS: Record<string, () => VectorRequest> = {
  'valid header, received 5 s after t': () => ({ body: rawBody, header: vectors.stripe_signature_header, secret: vectors.endpoint_secret, receivedAtMs: at(5) }),
  'same header, received 301 s after t (default tolerance 300 s)': () => ({ body: rawBody, header: vectors.stripe_signature_header, secret: vectors.endpoint_secret, receivedAtMs: at(301) }),
  'same header, received 3600 s BEFORE t (sender clock ahead): stripe-node only rejects old timestamps': () => ({
    body: rawBody,
    header: vectors.stripe_signature_header,
    secret: vectors.endpoint_secret,
    receivedAtMs: at(-3600),
  }),
  'body re-serialised (JSON.parse then JSON.stringify) before verifying': () => ({
    body: Buffer.from(JSON.stringify(JSON.parse(rawBody.toString('utf8')))),
    header: vectors.stripe_signature_header,
    secret: vectors.endpoint_secret,
    receivedAtMs: at(5),
  }),
  'header carrying two v1 values during secret rotation, verified with the new secret': () => ({ body: rawBody, header: vectors.rotated_header, secret: vectors.endpoint_secret, receivedAtMs: at(5) }),
  'same rotated header, verified with the old secret': () => ({
    body: rawBody,
    header: `t=${t},v1=${stripeSignature(rawBody, OLD_SECRET, t)},v1=${vectors.expected_v1}`,
    secret: OLD_SECRET,
    receivedAtMs: at(5),
  }),
  'header with only a v0 value': () => ({ body: rawBody, header: `t=${t},v0=${vectors.expected_v1}`, secret: vectors.endpoint_secret, receivedAtMs: at(5) }),
  'stripe-node generateTestHeaderString round-trip': () => ({ body: rawBody, header: stripeSignatureHeader(rawBody, vectors.endpoint_secret, t), secret: vectors.endpoint_secret, receivedAtMs: at(5) }),
};

/** The request of a vector case. @throws Error for a label with no scenario (a new vector: add one). */
export function vectorRequest(label: string): VectorRequest {
  const scenario = SCENARIOS[label];
  if (!scenario) throw new Error(`No scenario for the Stripe vector "${label}": add one to test/support/stripe-vectors.ts`);
  return scenario();
}
