/**
 * `validate.schema`: checks the payload before it is sent anywhere, against either a canonical model by name
 * (`model`: Invoice, JournalEntry… — zod schemas in nodes/canonical, with their business rules such as
 * balanced journal lines) or a JSON Schema (`schema`: draft 2020-12 via Ajv). A payload that does not match
 * fails the step (not retryable), listing each problem with its JSON path, e.g.
 * `payload.item.items is a single object where an array is required (wrap the mapping in [ ] …)` (case M1) or
 * `payload.total is required but missing` (case M2).
 */
import { z } from 'zod';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { canonicalModelNames, canonicalModels } from './canonical/index.js';
import { defineNode } from './sdk/define.js';
import { ExpressionError, formatJsonPath, NodeError } from './sdk/errors.js';

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

const SINGLE_OBJECT = 'is a single object where an array is required (wrap the mapping in [ ] so one item stays a list)';

/** The value at a path inside the payload (undefined when absent). */
function valueAt(payload: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), payload);
}

/** One zod issue of a canonical model as a problem with a readable path (`payload.lines[0].amount.currency`). */
function describeIssue(issue: z.core.$ZodIssue, payload: unknown): SchemaProblem {
  const path = formatJsonPath(['payload', ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))]);
  const value = valueAt(payload, issue.path);
  if (issue.code === 'invalid_type' && value === undefined && issue.path.length > 0) return { path, message: 'is required but missing' };
  if (issue.code === 'invalid_type' && issue.expected === 'array' && value !== null && typeof value === 'object') {
    return { path, message: SINGLE_OBJECT };
  }
  return { path, message: issue.message };
}

function describe(error: ErrorObject, payload: unknown): SchemaProblem {
  const path =
    error.keyword === 'required'
      ? `${readablePath(error.instancePath)}.${String((error.params as { missingProperty: string }).missingProperty)}`
      : readablePath(error.instancePath);
  if (error.keyword === 'required') return { path, message: 'is required but missing' };
  if (error.keyword === 'type' && (error.params as { type: string }).type === 'array') {
    const value = valueAt(payload, error.instancePath.split('/').slice(1));
    if (value !== null && typeof value === 'object') return { path, message: SINGLE_OBJECT };
  }
  return { path, message: error.message ?? error.keyword };
}

/** What `compile` prepares: the zod model, or the Ajv validator of the JSON Schema. */
type Validator =
  | { kind: 'model'; name: string; model: z.ZodType }
  | { kind: 'json-schema'; validate: ValidateFunction };

export const schemaValidator = defineNode({
  type: 'validate.schema',
  version: 1,
  title: 'Validate',
  category: 'validate',
  icon: 'check',
  description: 'Checks the payload against a canonical model or a JSON Schema; a mismatch fails the step with every problem listed.',
  config: z
    .object({
      model: z.enum(canonicalModelNames).optional().meta({
        title: 'Canonical model',
        description: 'Validate against a canonical model (money in integer minor units, ISO 4217, ISO 8601 dates, balanced journals)',
      }),
      schema: z
        .record(z.string(), z.unknown())
        .optional()
        .meta({ format: 'json', title: 'JSON Schema', description: 'Draft 2020-12 schema the payload must match' }),
    })
    .refine((config) => (config.model === undefined) !== (config.schema === undefined), {
      error: 'Set exactly one of "model" (a canonical model such as Invoice) or "schema" (a JSON Schema)',
    }),
  inputs: ['in'],
  outputs: ['out'],
  compile(config): Validator {
    if (config.model !== undefined) return { kind: 'model', name: config.model, model: canonicalModels[config.model] };
    try {
      return { kind: 'json-schema', validate: ajv.compile(config.schema ?? {}) };
    } catch (error) {
      throw new ExpressionError(`JSON Schema does not compile: ${(error as Error).message}`, { path: ['schema'] });
    }
  },
  execute(ctx, message) {
    const validator = ctx.compiled;
    let problems: SchemaProblem[];
    if (validator.kind === 'model') {
      const result = validator.model.safeParse(message.payload);
      if (result.success) return { out: message };
      problems = result.error.issues.map((issue) => describeIssue(issue, message.payload));
    } else {
      if (validator.validate(message.payload)) return { out: message };
      problems = (validator.validate.errors ?? []).map((e) => describe(e, message.payload));
    }
    const target = validator.kind === 'model' ? `the canonical ${validator.name} model` : 'the schema';
    throw new NodeError(
      'validation-failed',
      `Payload does not match ${target}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      { retryable: false, details: { problems } },
    );
  },
});
