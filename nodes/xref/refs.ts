/**
 * Helpers shared by the xref nodes: config fields naming a system and an entity, ids from JSONata results,
 * and writing a looked-up id into the payload at a dotted path.
 */
import { z } from 'zod';
import { NodeError } from '../sdk/errors.js';
import type { Json } from '../sdk/message.js';

const NAME = /^[a-z][a-zA-Z0-9_-]*$/;

/** A system name (`crm`, `billing`, `erp`…). */
export const systemField = (title: string) =>
  z.string().regex(NAME, 'lower-case letter first, then letters, digits, "_" or "-"').max(60).meta({ title, description: 'e.g. crm, billing, erp' });

/** An entity name within a system (`account`, `customer`, `invoice`…). */
export const entityField = (title: string) =>
  z.string().regex(NAME, 'lower-case letter first, then letters, digits, "_" or "-"').max(60).meta({ title, description: 'e.g. account, customer, subscription, invoice' });

/** An id from a JSONata result: strings and finite numbers; anything else is no id. */
export function idOf(value: Json | undefined): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A dotted path under the payload, e.g. `xref.erpCustomer`. */
export const fieldPath = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a dotted path of names, e.g. xref.erpCustomer')
  .max(200);

/**
 * A copy of `payload` with `value` at `path` (objects along the path are copied, missing ones created).
 * @throws NodeError `payload-not-object` when the payload, or a value on the path, is not an object.
 */
export function withField(payload: Json, path: string, value: Json): Json {
  const [head, ...rest] = path.split('.');
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new NodeError('payload-not-object', `Cannot put a value at "${path}": the payload there is ${Array.isArray(payload) ? 'an array' : JSON.stringify(payload)}, not an object`, { retryable: false });
  }
  const inner = rest.length === 0 ? value : withField(payload[head!] ?? {}, rest.join('.'), value);
  return { ...payload, [head!]: inner };
}
