/**
 * The two trees of the visual mapper: source fields from a sample value (every key seen; a list's items
 * merged into one set of child fields) and target fields from a JSON Schema (properties, `required`, types,
 * `$ref` into `$defs`) or from an example payload. `visibleRows` flattens a tree for the virtualized list.
 */
import { joinPath, splitPath, type FieldPath } from './mappingModel.js';

export type FieldKind = 'object' | 'array' | 'value';

export interface FieldNode {
  path: FieldPath;
  name: string;
  depth: number;
  kind: FieldKind;
  /** JSON type: `string`, `number`, `integer`, `boolean`, `null`, `object`, `array`, or `any`. */
  type: string;
  /** Child paths (a list's children are the fields of its items). */
  children: FieldPath[];
  required?: boolean;
  description?: string;
  /** A short rendering of the sample value. */
  example?: string;
  /** Not in the sample or schema: only the mapping names it. */
  extra?: boolean;
}

export interface FieldTree {
  roots: FieldPath[];
  nodes: Map<FieldPath, FieldNode>;
}

const MAX_DEPTH = 16;
const MAX_ITEMS = 50;
const MAX_NODES = 5000;

const childPath = (parent: FieldPath, name: string) => (parent ? `${parent}.${joinPath([name])}` : joinPath([name]));

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
}

function exampleOf(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return undefined;
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** The fields of a sample value. The root's own keys are the roots (`payload`, `meta` for a message). */
export function treeFromValue(value: unknown): FieldTree {
  const nodes = new Map<FieldPath, FieldNode>();
  const addChildren = (parent: FieldNode | undefined, objects: unknown[], depth: number): FieldPath[] => {
    const merged = new Map<string, unknown[]>();
    for (const object of objects) {
      if (!object || typeof object !== 'object' || Array.isArray(object)) continue;
      for (const [key, child] of Object.entries(object)) {
        const list = merged.get(key) ?? merged.set(key, []).get(key)!;
        list.push(child);
      }
    }
    const paths: FieldPath[] = [];
    for (const [name, values] of merged) {
      if (nodes.size >= MAX_NODES) break;
      const path = childPath(parent?.path ?? '', name);
      const present = values.find((v) => v !== null && v !== undefined) ?? values[0];
      const kind: FieldKind = Array.isArray(present) ? 'array' : present && typeof present === 'object' ? 'object' : 'value';
      const node: FieldNode = { path, name, depth, kind, type: jsonType(present), children: [] };
      const example = exampleOf(present);
      if (example !== undefined) node.example = example;
      nodes.set(path, node);
      paths.push(path);
      if (depth >= MAX_DEPTH) continue;
      if (kind === 'object') node.children = addChildren(node, values, depth + 1);
      if (kind === 'array') node.children = addChildren(node, values.flatMap((v) => (Array.isArray(v) ? v.slice(0, MAX_ITEMS) : [])), depth + 1);
    }
    return paths;
  };
  return { roots: addChildren(undefined, [value], 0), nodes };
}

type Schema = Record<string, unknown>;

function resolveRef(schema: Schema, root: Schema): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 8; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) break;
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Schema)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
    if (!target || typeof target !== 'object') break;
    current = { ...(target as Schema), ...Object.fromEntries(Object.entries(current).filter(([k]) => k !== '$ref')) };
  }
  return current;
}

/** The first non-null branch of `anyOf`/`oneOf` (nullable fields), merged with the outer keywords. */
function unwrapUnion(schema: Schema, root: Schema): Schema {
  const resolved = resolveRef(schema, root);
  const union = (resolved.anyOf ?? resolved.oneOf) as Schema[] | undefined;
  if (!Array.isArray(union)) return resolved;
  const branch = union.map((s) => resolveRef(s, root)).find((s) => s.type !== 'null') ?? union[0] ?? {};
  return { ...branch, ...(resolved.description ? { description: resolved.description } : {}) };
}

function schemaType(schema: Schema): string {
  const type = schema.type;
  if (Array.isArray(type)) return String(type.find((t) => t !== 'null') ?? type[0] ?? 'any');
  if (typeof type === 'string') return type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return 'any';
}

/** The fields a JSON Schema describes; a list's children are its items' properties. */
export function treeFromSchema(schema: Schema): FieldTree {
  const nodes = new Map<FieldPath, FieldNode>();
  const addProperties = (parent: FieldPath, objectSchema: Schema, depth: number): FieldPath[] => {
    const properties = (objectSchema.properties ?? {}) as Record<string, Schema>;
    const required = new Set(Array.isArray(objectSchema.required) ? (objectSchema.required as string[]) : []);
    const paths: FieldPath[] = [];
    for (const [name, raw] of Object.entries(properties)) {
      if (nodes.size >= MAX_NODES) break;
      const property = unwrapUnion(raw, schema);
      const type = schemaType(property);
      const path = childPath(parent, name);
      const kind: FieldKind = type === 'array' ? 'array' : type === 'object' ? 'object' : 'value';
      const node: FieldNode = { path, name, depth, kind, type, children: [] };
      if (required.has(name)) node.required = true;
      if (typeof property.description === 'string') node.description = property.description;
      nodes.set(path, node);
      paths.push(path);
      if (depth >= MAX_DEPTH) continue;
      if (kind === 'object') node.children = addProperties(path, property, depth + 1);
      if (kind === 'array' && property.items && typeof property.items === 'object') {
        const items = unwrapUnion(property.items as Schema, schema);
        if (schemaType(items) === 'object') node.children = addProperties(path, items, depth + 1);
        else node.type = `array of ${schemaType(items)}`;
      }
    }
    return paths;
  };
  return { roots: addProperties('', unwrapUnion(schema, schema), 0), nodes };
}

/** A row of a flattened tree. */
export interface TreeRow {
  node: FieldNode;
  open: boolean;
}

/**
 * The rows shown when the paths in `collapsed` are folded, in tree order. With a `query`, only fields whose
 * name contains it (any case) and their parents are shown, unfolded.
 */
export function visibleRows(tree: FieldTree, collapsed: ReadonlySet<FieldPath>, query = ''): TreeRow[] {
  const rows: TreeRow[] = [];
  const needle = query.trim().toLowerCase();
  const matches = new Map<FieldPath, boolean>();
  const matching = (path: FieldPath): boolean => {
    const known = matches.get(path);
    if (known !== undefined) return known;
    const node = tree.nodes.get(path);
    const hit = !!node && (node.name.toLowerCase().includes(needle) || node.children.some(matching));
    matches.set(path, hit);
    return hit;
  };
  const visit = (paths: FieldPath[]) => {
    for (const path of paths) {
      const node = tree.nodes.get(path);
      if (!node || (needle && !matching(path))) continue;
      const open = node.children.length > 0 && (needle ? true : !collapsed.has(path));
      rows.push({ node, open });
      if (open) visit(node.children);
    }
  };
  visit(tree.roots);
  return rows;
}

/**
 * The tree with `paths` added where missing (and their parents, as objects), marked `extra`: fields the
 * mapping names that the sample or schema does not have still get a row, so their lines can be drawn.
 * Nodes that do not change keep their identity.
 */
export function withPaths(tree: FieldTree, paths: ReadonlyArray<{ path: FieldPath; kind: FieldKind }>): FieldTree {
  const missing = paths.filter((p) => !tree.nodes.has(p.path));
  if (!missing.length) return tree;
  const nodes = new Map(tree.nodes);
  const roots = [...tree.roots];
  for (const { path, kind } of missing) {
    const segments = splitPath(path);
    for (let n = 1; n <= segments.length; n++) {
      const here = joinPath(segments.slice(0, n));
      if (nodes.has(here)) continue;
      const leaf = n === segments.length;
      const nodeKind: FieldKind = leaf ? kind : 'object';
      nodes.set(here, { path: here, name: segments[n - 1]!, depth: n - 1, kind: nodeKind, type: leaf ? (kind === 'value' ? 'any' : kind) : 'object', children: [], extra: true });
      if (n === 1) roots.push(here);
      else {
        const parentPath = joinPath(segments.slice(0, n - 1));
        const parent = nodes.get(parentPath)!;
        nodes.set(parentPath, { ...parent, children: [...parent.children, here] });
      }
    }
  }
  return { roots, nodes };
}

/** Paths to fold at first so a big tree opens readable: everything below `depth`, and `meta`. */
export function initiallyCollapsed(tree: FieldTree, depth: number, keepOpen: readonly FieldPath[] = []): Set<FieldPath> {
  const collapsed = new Set<FieldPath>();
  for (const node of tree.nodes.values()) {
    if (node.children.length && (node.depth >= depth || node.path === 'meta')) collapsed.add(node.path);
  }
  for (const path of keepOpen) {
    const segments = splitPath(path);
    for (let n = 1; n <= segments.length; n++) collapsed.delete(joinPath(segments.slice(0, n)));
  }
  return collapsed;
}
