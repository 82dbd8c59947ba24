/**
 * How the stand-ins check credentials on their vendor-shaped routes (`/sandbox/crm/services/data/…`,
 * `/sandbox/billing/v1/…`, `/sandbox/erp/record/v1/…`): a bearer token (RFC 6750 §2.1), and for the ERP an
 * OAuth2 token endpoint for the client credentials grant (RFC 6749 §4.4) issuing short-lived tokens. The
 * older, stand-in-only routes stay open, so flows written before connection profiles keep working.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
}

/**
 * Middleware: 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3) and `errorBody` unless the bearer token
 * passes `accept`.
 */
export function requireBearer(accept: (token: string) => boolean, errorBody: (message: string) => unknown) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    if (token && accept(token)) return next();
    res
      .status(401)
      .set('WWW-Authenticate', `Bearer realm="ledgerflow-sandbox"${token ? ', error="invalid_token"' : ''}`)
      .json(errorBody(token ? 'The access token is invalid or has expired' : 'No bearer token: set the connection profile'));
  };
}

/** A fixed token check (the CRM session, the billing API key). */
export const fixedToken = (expected: () => string) => (token: string) => same(token, expected());

/** The ERP's OAuth2 authorisation server: client credentials in, bearer tokens out. */
export class TokenIssuer {
  private readonly tokens = new Map<string, number>();
  /** Tokens issued since the last reset (tests check that clients cache them). */
  issued = 0;

  constructor(
    private readonly client: () => { clientId: string; clientSecret: string; tokenLifetimeS: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** True for a token this issuer gave out and that has not expired. */
  valid = (token: string): boolean => {
    const expiresAt = this.tokens.get(token);
    return expiresAt !== undefined && this.now() < expiresAt;
  };

  reset(): void {
    this.tokens.clear();
    this.issued = 0;
  }

  /** Expires every token at once (tests: a client must fetch a new one). */
  expireAll(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  /**
   * `POST <mount>` (form: `grant_type=client_credentials`, `scope`): client authenticated with HTTP Basic
   * or `client_id`/`client_secret` in the body (RFC 6749 §2.3.1). Answers §5.1 or §5.2 (`invalid_client` 401).
   */
  router(): Router {
    const router = express.Router();
    router.post('/', express.urlencoded({ extended: false, limit: '16kb' }), (req, res) => {
      res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
      const body = (req.body ?? {}) as Record<string, string>;
      if (body.grant_type !== 'client_credentials') {
        return void res.status(400).json({ error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported' });
      }
      let id = body.client_id;
      let secret = body.client_secret;
      const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.get('authorization') ?? '');
      if (basic) {
        const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        id = decodeURIComponent(decoded.slice(0, colon));
        secret = decodeURIComponent(decoded.slice(colon + 1));
      }
      const client = this.client();
      if (!id || !secret || !same(id, client.clientId) || !same(secret, client.clientSecret)) {
        return void res.status(401).set('WWW-Authenticate', 'Basic realm="ledgerflow-sandbox-erp"').json({ error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      const token = `lf_erp_${randomBytes(24).toString('base64url')}`;
      this.tokens.set(token, this.now() + client.tokenLifetimeS * 1000);
      this.issued++;
      res.json({ access_token: token, token_type: 'Bearer', expires_in: client.tokenLifetimeS, ...(body.scope ? { scope: body.scope } : {}) });
    });
    return router;
  }
}
