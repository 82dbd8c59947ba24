/** Governance of target systems (`/api/connections`, server/http/connections.ts): holds, circuit breakers, throttles. */
import type { ConnectionControl, ConnectionStatus } from '../../../server/runtime/connections.js';
import { requestJson } from './http.js';

export type { ConnectionControl, ConnectionStatus };

/** Limits to set; `null` removes one (unlimited rps, default threshold or half-open time). */
export interface ConnectionLimits {
  rps?: number | null;
  failureThreshold?: number | null;
  halfOpenAfterMs?: number | null;
}

const url = (name: string) => `/api/connections/${encodeURIComponent(name)}`;

export const listConnections = () => requestJson<ConnectionStatus[]>('GET', '/api/connections');

/** Puts a connection on hold; `until` (ISO 8601) ends the hold by itself. */
export const holdConnection = (name: string, reason: string, until?: string) =>
  requestJson<ConnectionControl>('PUT', `${url(name)}/hold`, until ? { reason, until } : { reason });

/** Releases a hold: steps waiting for the connection drain. */
export const releaseConnection = (name: string) => requestJson<ConnectionControl>('DELETE', `${url(name)}/hold`);

export const setConnectionLimits = (name: string, limits: ConnectionLimits) => requestJson<ConnectionControl>('PUT', `${url(name)}/limits`, limits);
