/**
 * Signature checks, unit level: every Stripe vector of test/fixtures/stripe/signature by its label (the
 * same table the endpoint test uses), the rotated header, generic HMAC variants and basic auth.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rawBody, vectorRequest, vectors } from '../../test/support/stripe-vectors.js';
import { hmacDigest, parseStripeHeader, stripeSignature, stripeSignatureHeader, verifyBasic, verifyHmac, verifyStripe } from './webhook-signatures.js';

describe('Stripe signature vectors', () => {
  it('the raw body is the one the vectors were made from', () => {
    expect(rawBody.length).toBe(vectors.raw_body_bytes);
    expect(createHash('sha256').update(rawBody).digest('hex')).toBe(vectors.raw_body_sha256);
    expect(stripeSignature(rawBody, vectors.endpoint_secret, vectors.timestamp)).toBe(vectors.expected_v1);
    expect(stripeSignatureHeader(rawBody, vectors.endpoint_secret, vectors.timestamp)).toBe(vectors.stripe_signature_header);
  });

  it.each(vectors.cases)('$label', ({ label, verifies, error }) => {
    const request = vectorRequest(label);
    const verdict = verifyStripe(request.body, request.header, request.secret, request.receivedAtMs);
    expect(verdict.ok).toBe(verifies);
    if (!verdict.ok) expect(verdict.reason.startsWith(error!)).toBe(true);
  });

  it('the rotated header of the vectors verifies with the endpoint secret, whichever v1 matches', () => {
    expect(parseStripeHeader(vectors.rotated_header)?.signatures).toHaveLength(2);
    expect(verifyStripe(rawBody, vectors.rotated_header, vectors.endpoint_secret, (vectors.timestamp + 5) * 1000)).toEqual({ ok: true });
    expect(verifyStripe(rawBody, vectors.rotated_header, 'whsec_FAKE_some_other_secret', (vectors.timestamp + 5) * 1000).ok).toBe(false);
  });

  it('a header with no timestamp, and a wrong secret, are refused with stripe-node\'s words', () => {
    expect(verifyStripe(rawBody, `v1=${vectors.expected_v1}`, vectors.endpoint_secret, 0)).toMatchObject({ ok: false, reason: 'Unable to extract timestamp and signatures from header' });
    expect(verifyStripe(rawBody, undefined, vectors.endpoint_secret, 0)).toMatchObject({ ok: false, code: 'signature-header' });
    expect(verifyStripe(rawBody, vectors.stripe_signature_header, 'whsec_wrong', (vectors.timestamp + 5) * 1000)).toMatchObject({ ok: false, code: 'signature-mismatch' });
  });
});

describe('generic HMAC and basic auth', () => {
  const body = Buffer.from('{"event":"deal.won","amount":"2940.00"}');
  const now = 1_742_086_800_000;

  it('sha256 hex over the body, with a prefix (GitHub style)', () => {
    const options = { header: 'X-Hub-Signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', signed: 'body' } as const;
    const signature = `sha256=${hmacDigest(body, 'gh-secret', options)}`;
    expect(verifyHmac(body, { 'x-hub-signature-256': signature }, 'gh-secret', options, now)).toEqual({ ok: true });
    expect(verifyHmac(Buffer.from(`${body} `), { 'x-hub-signature-256': signature }, 'gh-secret', options, now)).toMatchObject({ ok: false, code: 'signature-mismatch' });
    expect(verifyHmac(body, {}, 'gh-secret', options, now)).toMatchObject({ ok: false, code: 'signature-missing' });
  });

  it('sha512 base64 over "timestamp.body", refused outside the tolerance either way', () => {
    const options = { header: 'X-Signature', algorithm: 'sha512', encoding: 'base64', signed: 'timestamp.body', timestampHeader: 'X-Timestamp', toleranceS: 300 } as const;
    const ts = String(now / 1000);
    const headers = { 'x-signature': hmacDigest(body, 'k-512', options, ts), 'x-timestamp': ts };
    expect(verifyHmac(body, headers, 'k-512', options, now + 10_000)).toEqual({ ok: true });
    expect(verifyHmac(body, headers, 'k-512', options, now + 301_000)).toMatchObject({ ok: false, code: 'signature-expired' });
    expect(verifyHmac(body, headers, 'k-512', options, now - 301_000)).toMatchObject({ ok: false, code: 'signature-expired' });
    expect(verifyHmac(body, { ...headers, 'x-timestamp': String(now / 1000 + 1) }, 'k-512', options, now)).toMatchObject({ ok: false, code: 'signature-mismatch' });
  });

  it('sha1 hex (legacy senders)', () => {
    const options = { header: 'X-Signature', algorithm: 'sha1', encoding: 'hex', signed: 'body' } as const;
    expect(verifyHmac(body, { 'x-signature': hmacDigest(body, 's1', options).toUpperCase() }, 's1', options, now)).toEqual({ ok: true });
  });

  it('basic auth (RFC 7617): the password may hold ":"', () => {
    const header = `Basic ${Buffer.from('relay:pa:ss').toString('base64')}`;
    expect(verifyBasic(header, 'relay', 'pa:ss')).toEqual({ ok: true });
    expect(verifyBasic(header, 'relay', 'pa')).toMatchObject({ ok: false, code: 'credentials-invalid' });
    expect(verifyBasic(undefined, 'relay', 'pa:ss')).toMatchObject({ ok: false, code: 'credentials-missing' });
  });
});
