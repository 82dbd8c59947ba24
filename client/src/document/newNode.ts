/** What a node dropped from the palette starts with: a readable unique id and the config fields it must have. */
import { nodeTypeInfo } from '../catalog/catalogStore.js';
import { describeNodeType, registry } from '../../../nodes/registry.js';

interface SchemaLike {
  type?: string;
  format?: string;
  properties?: Record<string, SchemaLike>;
  required?: string[];
  default?: unknown;
}

/**
 * Required fields only (defaults stay implicit, so flow files stay short): JSONata fields start as
 * `payload` (pass the message on), other strings empty, objects `{}`, arrays `[]`.
 */
export function initialConfig(type: string): Record<string, unknown> {
  const definition = registry.get(type);
  const info = nodeTypeInfo(type) ?? (definition ? describeNodeType(definition) : undefined);
  const schema = info?.configSchema as SchemaLike | undefined;
  const config: Record<string, unknown> = {};
  for (const field of schema?.required ?? []) {
    const property = schema?.properties?.[field];
    if (!property) continue;
    if (property.default !== undefined) config[field] = property.default;
    else if (property.format === 'jsonata') config[field] = 'payload';
    else if (property.type === 'string') config[field] = '';
    else if (property.type === 'object') config[field] = {};
    else if (property.type === 'array') config[field] = [];
  }
  return config;
}

/** `map`, `map-2`, … from the type's last segment, avoiding ids in use. */
export function nextNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = (type.split('.').pop() ?? 'node').replace(/[^A-Za-z0-9_-]/g, '') || 'node';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** `e-<source>-<port>-<target>`, suffixed when taken. */
export function nextEdgeId(source: string, port: string, target: string, taken: ReadonlySet<string>): string {
  const base = `e-${source}-${port}-${target}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function typeVersionOf(type: string): number {
  return registry.get(type)?.version ?? nodeTypeInfo(type)?.version ?? 1;
}
