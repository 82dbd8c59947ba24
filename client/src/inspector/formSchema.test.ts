import { describe, expect, test } from 'vitest';
import { describeNodeType, nodeTypes } from '../../../nodes/registry.js';
import { configValidator, formSchema, humanise } from './formValidator.js';
import { buildUiSchema } from './uiSchema.js';

const schemaOf = (type: string) => formSchema(describeNodeType(nodeTypes[type]!).configSchema);

describe('config form schema', () => {
  test('property names become readable titles', () => {
    expect(humanise('maxAttempts')).toBe('Max attempts');
    expect(humanise('initialDelayMs')).toBe('Initial delay (ms)');
    const retry = (schemaOf('http.request').properties as Record<string, { properties: Record<string, { title: string }> }>).retry!;
    expect(retry.properties.maxAttempts!.title).toBe('Max attempts');
  });

  test('$schema is dropped; explicit titles and defaults are kept', () => {
    const schema = schemaOf('http.request');
    expect(schema.$schema).toBeUndefined();
    const properties = schema.properties as Record<string, { title?: string; default?: unknown }>;
    expect(properties.url!.title).toBe('URL');
    expect(properties.retry!.default).toMatchObject({ maxAttempts: 3 });
  });

  test('format json objects get the JSON editor field, nested in arrays too', () => {
    expect(buildUiSchema(schemaOf('validate.schema') as never)).toEqual({ schema: { 'ui:field': 'json' } });
    expect(buildUiSchema(schemaOf('transform.jsonata') as never)).toEqual({});
  });

  test('the validator knows the jsonata, template and json formats', () => {
    const result = configValidator.validateFormData({ routes: [{ port: 'paid', condition: 'payload.paid = true' }] }, schemaOf('route.switch'));
    expect(result.errors).toEqual([]);
    const invalid = configValidator.validateFormData({ routes: [] }, schemaOf('route.switch'));
    expect(invalid.errors.length).toBeGreaterThan(0);
  });
});
