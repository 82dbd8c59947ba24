/**
 * Builds the rjsf uiSchema for a node type's config schema: `format: "json"` objects get the JSON editor
 * field (rjsf maps formats to widgets only for strings), long descriptions become help text; integer lists
 * (HTTP statuses) one text input; retry policies a titled group with a one-line summary (retrySummary.ts).
 */
import type { UiSchema } from '@rjsf/utils';
import { isRetryPolicySchema, retryPolicyUi } from './retrySummary.js';

interface SchemaNode {
  type?: string | string[];
  format?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  description?: string;
  default?: unknown;
}

export function buildUiSchema(schema: SchemaNode | undefined): UiSchema {
  if (!schema || typeof schema !== 'object') return {};
  if (schema.format === 'json' && schema.type === 'object') return { 'ui:field': 'json' };
  if (schema.type === 'array' && schema.items?.type === 'integer') return { 'ui:field': 'numberList' };
  const ui: UiSchema = isRetryPolicySchema(schema) ? retryPolicyUi(schema) : {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const child = buildUiSchema(property);
    if (Object.keys(child).length) ui[name] = { ...(ui[name] as UiSchema | undefined), ...child };
  }
  if (schema.items && typeof schema.items === 'object') {
    const child = buildUiSchema(schema.items);
    if (Object.keys(child).length) ui.items = child;
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const child = buildUiSchema(schema.additionalProperties);
    if (Object.keys(child).length) ui.additionalProperties = child;
  }
  return ui;
}
