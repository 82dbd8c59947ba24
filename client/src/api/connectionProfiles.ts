/**
 * Connection profiles (`/api/connections/:name`, server/http/connection-profiles.ts): base URL, auth and
 * webhook credentials of a target system. Secrets are write-only: answers only say which are set.
 */
import type { ConnectionProfileView, ProfileInput } from '../../../server/connections/profile-schema.js';
import type { ConnectionEntry } from '../../../server/http/connection-profiles.js';
import { requestJson } from './http.js';

export type { ConnectionEntry, ConnectionProfileView, ProfileInput };

const url = (name: string) => `/api/connections/${encodeURIComponent(name)}`;

/** Every connection: governance state, with the profile when one is set. */
export const listConnectionEntries = () => requestJson<ConnectionEntry[]>('GET', '/api/connections');

/** Creates or changes a profile. A secret left out keeps the stored one; `null` clears it. */
export const saveProfile = (name: string, profile: ProfileInput) => requestJson<ConnectionProfileView>('PUT', url(name), profile);

export const deleteProfile = (name: string) => requestJson<void>('DELETE', url(name));
