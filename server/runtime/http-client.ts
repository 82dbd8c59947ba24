/**
 * The outbound HTTP client given to nodes through `ctx.http` (global fetch / undici).
 * Adds `X-Correlation-Id` to every request, resolves URLs starting with `/` against this server's own
 * base URL (so example flows reach the built-in stand-ins), parses JSON answers, and turns network failures
 * and time-outs into retryable `NodeError`s. An HTTP status is never an exception here: the node decides.
 */
import { NodeError } from '../../nodes/sdk/errors.js';
import type { HttpClient, OutboundRequest, OutboundResponse } from '../../nodes/sdk/context.js';
import type { Json } from '../../nodes/sdk/message.js';

/** Largest response body kept, in bytes; larger bodies fail the step rather than fill memory. */
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export function createHttpClient(options: { baseUrl: () => string; correlationId: string; signal: AbortSignal }): HttpClient {
  return {
    async request(request: OutboundRequest): Promise<OutboundResponse> {
      let url: URL;
      try {
        url = new URL(request.url, request.url.startsWith('/') ? options.baseUrl() : undefined);
      } catch {
        throw new NodeError('invalid-url', `Not a valid URL: "${request.url}"`, { retryable: false });
      }
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers, 'X-Correlation-Id': options.correlationId };
      let body: string | undefined;
      if (request.body !== undefined && request.method !== 'GET') {
        body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
        if (typeof request.body !== 'string') headers['content-type'] ??= 'application/json';
      }
      const signal = AbortSignal.any([options.signal, AbortSignal.timeout(request.timeoutMs)]);
      let response: Response;
      try {
        response = await fetch(url, { method: request.method, headers, body, signal, redirect: 'manual' });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        if ((error as Error).name === 'TimeoutError') {
          throw new NodeError('timeout', `${request.method} ${url.href} did not answer within ${request.timeoutMs} ms`, { retryable: true, cause: error });
        }
        if ((error as Error).name === 'AbortError') {
          throw new NodeError('aborted', `${request.method} ${url.href} was cancelled`, { retryable: false, cause: error });
        }
        throw new NodeError('network-error', `${request.method} ${url.href} failed: ${cause?.code ?? (error as Error).message}`, { retryable: true, cause: error });
      }
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') responseHeaders[name] = value;
      });
      const text = await response.text();
      if (Buffer.byteLength(text) > MAX_RESPONSE_BYTES) {
        throw new NodeError('response-too-large', `${request.method} ${url.href} answered more than ${MAX_RESPONSE_BYTES} bytes`, { retryable: false });
      }
      let parsed: Json = text;
      if ((responseHeaders['content-type'] ?? '').includes('json') && text.length > 0) {
        try {
          parsed = JSON.parse(text) as Json;
        } catch {
          parsed = text;
        }
      }
      return { status: response.status, headers: responseHeaders, body: parsed };
    },
  };
}
