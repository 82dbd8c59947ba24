/**
 * Guards against other web pages using the API through the analyst's browser:
 * - **DNS rebinding**: a page on `evil.example` that re-points its name to 127.0.0.1 reaches this server with
 *   `Host: evil.example`. Requests are answered only for the host names the server is meant to be reached
 *   by: loopback names (`localhost`, `127.0.0.1`, `[::1]`, any port) when it listens on loopback, plus
 *   `LEDGERFLOW_ALLOWED_HOSTS` (comma-separated host names).
 * - **Cross-site requests**: a browser sends `Origin` with a cross-site POST (a form or `fetch` with a simple
 *   content type). A state-changing `/api` request whose `Origin` is not an allowed host is refused, so a page
 *   cannot start, replay or delete anything (webhooks are for other servers and are guarded by signatures).
 * Both answer 403 problem+json.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface HostGuardOptions {
  /** The interface the server listens on. */
  listenHost: string;
  /** Extra host names allowed (LEDGERFLOW_ALLOWED_HOSTS). */
  allowedHosts?: string[];
}

function hostnameOf(hostHeader: string): string {
  const trimmed = hostHeader.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  return trimmed.split(':')[0]!;
}

export function hostGuard(options: HostGuardOptions) {
  const loopback = LOOPBACK.has(options.listenHost) || options.listenHost.startsWith('127.');
  const extra = new Set((options.allowedHosts ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean));
  /** Host names checks apply to: everything when on loopback or when hosts are configured. */
  const enforced = loopback || extra.size > 0;
  const allowed = (hostname: string) => extra.has(hostname) || (loopback && (LOOPBACK.has(hostname) || hostname.startsWith('127.')));

  /** Why this request is refused, or undefined. */
  return function check(req: IncomingMessage): string | undefined {
    if (!enforced) return undefined;
    const host = req.headers.host;
    if (host && !allowed(hostnameOf(host))) return `Host "${host}" is not one this server answers to (set LEDGERFLOW_ALLOWED_HOSTS to add one)`;
    const origin = req.headers.origin;
    const url = req.url ?? '';
    // The API and the stand-ins (their _reset and _faults change state); webhooks are for other servers.
    if (origin && !SAFE_METHODS.has(req.method ?? 'GET') && (url.startsWith('/api/') || url.startsWith('/sandbox/'))) {
      let originHost: string;
      try {
        originHost = new URL(origin).hostname.toLowerCase();
      } catch {
        return `Origin "${origin}" is not a valid origin`;
      }
      const bracketed = originHost.includes(':') && !originHost.startsWith('[') ? `[${originHost}]` : originHost;
      if (!allowed(bracketed)) return `Requests from ${origin} may not change anything here (cross-site request refused)`;
    }
    return undefined;
  };
}
