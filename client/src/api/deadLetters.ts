/** The dead-letter queue (`/api/dead-letters`, server/http/dead-letters.ts): list, count, edit, replay, discard. */
import type { Json } from '../../../nodes/sdk/message.js';
import type { DeadLetter, DeadLetterFilter } from '../../../server/storage/types.js';
import { requestJson } from './http.js';

export type { DeadLetter };

const base = '/api/dead-letters';
const letterUrl = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** Newest first. `search` matches run id, correlation id, business key values, error text and node id. */
export function listDeadLetters(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return requestJson<DeadLetter[]>('GET', text ? `${base}?${text}` : base);
}

/** Parked letters and the age of the oldest one (ms). */
export const deadLetterStats = () => requestJson<{ parked: number; oldestAgeMs: number }>('GET', `${base}/stats`);

export const getDeadLetter = (id: string) => requestJson<DeadLetter>('GET', letterUrl(id));

/** Replaces the trigger input a replay will use. @throws ProblemError 409 when the letter is no longer parked. */
export const saveDeadLetterInput = (id: string, input: Json) => requestJson<DeadLetter>('PUT', `${letterUrl(id)}/input`, { input });

/** Starts a replay run on the flow's latest published version. @throws ProblemError 409 when not parked or not published. */
export const replayDeadLetter = (id: string) => requestJson<{ id: string; runId: string }>('POST', `${letterUrl(id)}/replay`);

/** Replays many; each result has the new run id, or the reason it was not replayed. */
export const replayDeadLetters = (ids: string[]) =>
  requestJson<Array<{ id: string; runId?: string; error?: string }>>('POST', `${base}/replay`, { ids });

/** @throws ProblemError 400 when the reason is shorter than 3 characters. */
export const discardDeadLetter = (id: string, reason: string) => requestJson<DeadLetter>('POST', `${letterUrl(id)}/discard`, { reason });
