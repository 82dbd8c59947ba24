/**
 * Connection profiles under `/api/connections` (beside the governance routes of connections.ts):
 * - `GET /api/connections/:name`: `{ name, profile?, ...status }` (404 when neither a profile nor traffic);
 * - `PUT /api/connections/:name` `ProfileInput`: creates (201) or changes (200) the profile; secrets are
 *   write-only: absent keeps, `null` clears, a string replaces;
 * - `DELETE /api/connections/:name`: 204, or 404.
 * Answers carry `ConnectionProfileView`s: which secrets are set, never a secret.
 */
import type { Router } from 'express';
import { ProfileError, type ConnectionProfiles, type ConnectionProfileView } from '../connections/index.js';
import type { ConnectionGovernor, ConnectionStatus } from '../runtime/connections.js';
import { HttpProblem } from './problem.js';

/** A connection as listed: governance state, plus the profile when one is set. */
export type ConnectionEntry = ConnectionStatus & { profile?: ConnectionProfileView };

/** Governance status of every connection, merged with every profile (a profile with no traffic yet too). */
export function connectionEntries(governor: ConnectionGovernor, profiles: ConnectionProfiles | undefined): ConnectionEntry[] {
  const status = new Map(governor.status().map((s) => [s.name, s as ConnectionEntry]));
  for (const profile of profiles?.list() ?? []) {
    const entry = status.get(profile.name) ?? { name: profile.name, circuit: 'closed' as const, requests: 0, failures: 0, waiting: 0 };
    status.set(profile.name, { ...entry, profile });
  }
  return [...status.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function mountProfileRoutes(router: Router, governor: ConnectionGovernor, profiles: ConnectionProfiles, parseName: (value: unknown) => string): void {
  router.get('/:name', (req, res) => {
    const name = parseName(req.params.name);
    const entry = connectionEntries(governor, profiles).find((e) => e.name === name);
    if (!entry) throw new HttpProblem(404, 'no-such-connection', `No connection "${name}": no profile and no traffic yet`);
    res.json(entry);
  });
  router.put('/:name', (req, res) => {
    const name = parseName(req.params.name);
    const existed = profiles.has(name);
    try {
      const profile = profiles.put(name, req.body);
      res.status(existed ? 200 : 201).json(profile);
    } catch (error) {
      if (error instanceof ProfileError) throw new HttpProblem(400, 'invalid-profile', error.message, { issues: error.issues });
      throw error;
    }
  });
  router.delete('/:name', (req, res) => {
    const name = parseName(req.params.name);
    if (!profiles.delete(name)) throw new HttpProblem(404, 'no-such-connection', `No profile "${name}"`);
    res.status(204).end();
  });
}
