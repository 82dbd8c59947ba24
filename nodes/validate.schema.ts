/**
 * `validate.schema`: checks the payload against a JSON Schema (draft 2020-12 via Ajv) before it is sent
 * anywhere. A payload that does not match fails the step (not retryable), listing each problem with its
 * JSON path, e.g. `payload.item.items: must be array`.
 */
import { z } from 'zod';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { defineNode } from './sdk/define.js';
import { ExpressionError, NodeError } from './sdk/errors.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });

/** Converts Ajv's `/item/items/0` into `payload.item.items[0]`. */
function readablePath(instancePath: string): string {
  let out = 'payload';
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(segment) ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export interface SchemaProblem {
  path: string;
  message: string;
}

function describe(error: ErrorObject, payload: unknown): SchemaProblem {
  const path =
    error.keyword === 'required'
      ? `${readablePath(error.instancePath)}.${String((error.params as { missingProperty: string }).missingProperty)}`
      : readablePath(error.instancePath);
  if (error.keyword === 'required') return { path, message: 'is required but missing' };
  if (error.keyword === 'type' && (error.params as { type: string }).type === 'array') {
    const value = error.instancePath
      .split('/')
      .slice(1)
      .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), payload);
    if (value !== null && typeof value === 'object') {
      return { path, message: 'is a single object where an array is required (wrap the mapping in [ ] so one item stays a list)' };
    }
  }
  return { path, message: error.message ?? error.keyword };
}

export const schemaValidator = defineNode({
  type: 'validate.schema',
  version: 1,
  title: 'Validate',
  category: 'validate',
  icon: 'check',
  description: 'Checks the payload against a JSON Schema; a mismatch fails the step with every problem listed.',
  config: z.object({
    schema: z
      .record(z.string(), z.unknown())
      .meta({ format: 'json', title: 'JSON Schema', description: 'Draft 2020-12 schema the payload must match' }),
  }),
  inputs: ['in'],
  outputs: ['out'],
  compile(config) {
    try {
      return { validate: ajv.compile(config.schema) };
    } catch (error) {
      throw new ExpressionError(`JSON Schema does not compile: ${(error as Error).message}`, { path: ['schema'] });
    }
  },
  execute(ctx, message) {
    if (ctx.compiled.validate(message.payload)) return { out: message };
    const problems = (ctx.compiled.validate.errors ?? []).map((e) => describe(e, message.payload));
    throw new NodeError(
      'validation-failed',
      `Payload does not match the schema: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      { retryable: false, details: { problems } },
    );
  },
});
