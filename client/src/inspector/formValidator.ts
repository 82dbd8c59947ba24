/**
 * The form validator: Ajv for JSON Schema draft 2020-12 (what `z.toJSONSchema` emits), knowing Ledgerflow's
 * own formats so it does not reject them. `jsonata` and `template` are checked properly by compiling them
 * (document/flowIssues.ts); `json` marks raw-JSON object fields.
 */
import { customizeValidator } from '@rjsf/validator-ajv8';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type Ajv from 'ajv';

export const configValidator = customizeValidator({
  AjvClass: Ajv2020 as unknown as typeof Ajv,
  customFormats: {
    jsonata: () => true,
    template: () => true,
    json: () => true,
  },
});

/** `maxAttempts` → `Max attempts`, `timeoutMs` → `Timeout (ms)`. */
export function humanise(name: string): string {
  const ms = name.endsWith('Ms');
  const words = (ms ? name.slice(0, -2) : name).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${ms ? ' (ms)' : ''}`;
}

function withTitles(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withTitles);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, property]) => {
          const titled = withTitles(property) as Record<string, unknown>;
          return [name, typeof titled === 'object' && titled && !('title' in titled) ? { title: humanise(name), ...titled } : titled];
        }),
      );
    } else if (key === 'default' || key === 'enum' || key === 'const') out[key] = value;
    else out[key] = withTitles(value);
  }
  return out;
}

/**
 * The schema as the form needs it: without `$schema` (rjsf resolves against its own meta-schema) and with a
 * readable title on every property that has none.
 */
export function formSchema(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null) return { type: 'object' };
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  return withTitles(rest) as Record<string, unknown>;
}
