/**
 * Edits of the mapper's model, each a pure function from one model to the next (the caller prints it and
 * commits the text as one undoable edit). Source references are written the way the mapping already reads:
 * relative to the list item inside a list mapping, through a block variable when one names the path
 * (`$invoice.number` when `$invoice := payload.data.object`), `$$.payload…` for the input's root inside a list.
 */
import type { FieldTree } from './fieldTree.js';
import {
  isUnder,
  joinPath,
  splitPath,
  type EachField,
  type FieldPath,
  type LineField,
  type MappingModel,
  type TargetField,
} from './mappingModel.js';

/** Thrown when an edit cannot be made; the message is for the analyst. */
export class MappingEditError extends Error {}

/** Where a field sits: the list item it is read against and the variables that name paths. */
export interface WriteScope {
  /** The list whose item is the context; '' at the top. */
  base: FieldPath;
  inList: boolean;
  itemVar?: string;
  aliases: Record<string, FieldPath>;
}

export const rootScope = (model: MappingModel): WriteScope => ({ base: '', inList: false, aliases: model.aliases });

function itemScope(each: EachField, outer: WriteScope): WriteScope {
  return { base: each.source, inList: true, ...(each.itemVar ? { itemVar: each.itemVar } : {}), aliases: { ...outer.aliases, ...each.aliases } };
}

/** How `source` is written at `scope` (see the module comment). */
export function reference(source: FieldPath, scope: WriteScope): string {
  const segments = splitPath(source);
  if (scope.inList && isUnder(source, scope.base)) {
    const rest = joinPath(segments.slice(splitPath(scope.base).length));
    if (scope.itemVar) return rest ? `$${scope.itemVar}.${rest}` : `$${scope.itemVar}`;
    return rest || '$';
  }
  let best: [string, number] | undefined;
  for (const [name, path] of Object.entries(scope.aliases)) {
    const length = splitPath(path).length;
    if (path && isUnder(source, path) && (!best || length > best[1])) best = [name, length];
  }
  if (best) {
    const rest = joinPath(segments.slice(best[1]));
    return rest ? `$${best[0]}.${rest}` : `$${best[0]}`;
  }
  return scope.inList ? `$$.${source}` : source;
}

/** The nearest list at or above `path` in the source tree that lies under `base`. */
function nearestList(tree: FieldTree, path: FieldPath, base: FieldPath): FieldPath | undefined {
  const segments = splitPath(path);
  for (let n = segments.length; n > 0; n--) {
    const candidate = joinPath(segments.slice(0, n));
    if (candidate === base) return undefined;
    if (tree.nodes.get(candidate)?.kind === 'array') return candidate;
  }
  return undefined;
}

function newEach(key: string, list: FieldPath, scope: WriteScope): EachField {
  return { kind: 'each', key, source: list, before: `[${reference(list, scope)}.`, after: ']', wrapped: true, aliases: {}, fields: [] };
}

/** Inserts or replaces `next` among `fields`, new keys in the target tree's order. */
function upsert(fields: TargetField[], next: TargetField, order: readonly string[]): TargetField[] {
  const at = fields.findIndex((f) => f.key === next.key && !f.keyCode);
  if (at >= 0) return fields.map((f, i) => (i === at ? { ...next, ...(f.comment ? { comment: f.comment } : {}) } : f));
  const rank = order.indexOf(next.key);
  const before = rank < 0 ? -1 : fields.findIndex((f) => order.indexOf(f.key) > rank);
  return before < 0 ? [...fields, next] : [...fields.slice(0, before), next, ...fields.slice(before)];
}

function childKeys(tree: FieldTree, path: string[]): string[] {
  const children = path.length ? tree.nodes.get(joinPath(path))?.children ?? [] : tree.roots;
  return children.map((child) => splitPath(child).at(-1)!);
}

type LeafBuilder = (key: string, path: FieldPath, existing: TargetField | undefined, scope: WriteScope) => TargetField;

/**
 * Puts the field `leaf` builds at `target`, creating the objects above it and, for the items of a target
 * list, the list mapping from `listFor(scope base)`.
 * @throws MappingEditError from `noList` when a target list above has no mapping and none can be made.
 */
function placeAt(
  model: MappingModel,
  target: FieldPath,
  tree: FieldTree,
  leaf: LeafBuilder,
  listFor: (base: FieldPath) => FieldPath | undefined,
  noList: (list: FieldPath) => string,
): MappingModel {
  const place = (fields: TargetField[], path: string[], rest: string[], scope: WriteScope): TargetField[] => {
    const [key, ...more] = rest as [string, ...string[]];
    const here = [...path, key];
    const herePath = joinPath(here);
    const existing = fields.find((f) => f.key === key && !f.keyCode);
    const order = childKeys(tree, path);
    if (!more.length) return upsert(fields, leaf(key, herePath, existing, scope), order);
    let container: TargetField;
    if (existing?.kind === 'each') container = { ...existing, fields: place(existing.fields, here, more, itemScope(existing, scope)) };
    else if (existing?.kind === 'object') container = { ...existing, fields: place(existing.fields, here, more, scope) };
    else if (tree.nodes.get(herePath)?.kind === 'array') {
      const list = listFor(scope.base);
      if (!list) throw new MappingEditError(noList(herePath));
      const each = newEach(key, list, scope);
      container = { ...each, fields: place([], here, more, itemScope(each, scope)) };
    } else container = { kind: 'object', key, fields: place([], here, more, scope) };
    return upsert(fields, container, order);
  };
  return { ...model, fields: place(model.fields, [], splitPath(target), rootScope(model)) };
}

/**
 * Maps `source` onto `target`: a line, or, list onto a list of objects, a list mapped item by item.
 * Fields inside a target list's items need the list mapped first; when it is not, the nearest list above
 * the source is mapped onto it.
 * @throws MappingEditError when an item field is mapped from outside any list.
 */
export function mapField(model: MappingModel, source: FieldPath, target: FieldPath, trees: { source: FieldTree; target: FieldTree }): MappingModel {
  const leaf: LeafBuilder = (key, path, existing, scope) => {
    const targetNode = trees.target.nodes.get(path);
    const sourceNode = trees.source.nodes.get(source);
    if (targetNode?.kind === 'array' && sourceNode?.kind === 'array' && targetNode.children.length) {
      if (existing?.kind === 'each' && existing.source === source) return existing;
      return newEach(key, source, scope);
    }
    const ref = reference(source, scope);
    if (targetNode?.kind === 'array') return { kind: 'line', key, source, via: '[ ]', code: `[${ref}]` };
    return { kind: 'line', key, source, code: ref };
  };
  return placeAt(
    model,
    target,
    trees.target,
    leaf,
    (base) => nearestList(trees.source, source, base),
    (list) => `${source} is not in a list: to fill each item of ${list}, first drag a list onto ${list}`,
  );
}

/**
 * Writes `code` as the value of `target` (creating the objects above it); the next parse decides whether
 * it is drawn as a line. @throws MappingEditError for an item field of a list that is not mapped yet.
 */
export function setFieldCode(model: MappingModel, target: FieldPath, code: string, tree: FieldTree): MappingModel {
  return placeAt(
    model,
    target,
    tree,
    (key, _path, existing) => ({ kind: 'custom', key, ...(existing?.keyCode ? { keyCode: existing.keyCode } : {}), code }),
    () => undefined,
    (list) => `Map a list onto ${list} first: its items are built from a list`,
  );
}

/** The field at `target`, if the mapping has one. */
export function findField(model: MappingModel, target: FieldPath): TargetField | undefined {
  let fields: TargetField[] | undefined = model.fields;
  let found: TargetField | undefined;
  for (const key of splitPath(target)) {
    found = fields?.find((f) => f.key === key && !f.keyCode);
    fields = found?.kind === 'object' || found?.kind === 'each' ? found.fields : undefined;
  }
  return found;
}

/**
 * Replaces the field at `target` with what `change` returns (undefined removes it). `change` gets the field
 * and the scope it is written in. Unknown targets leave the model as it is.
 */
export function updateField(
  model: MappingModel,
  target: FieldPath,
  change: (field: TargetField, scope: WriteScope) => TargetField | undefined,
): MappingModel {
  const visit = (fields: TargetField[], rest: string[], scope: WriteScope): TargetField[] => {
    const [key, ...more] = rest;
    const out: TargetField[] = [];
    for (const field of fields) {
      if (field.key !== key || field.keyCode) out.push(field);
      else if (!more.length) {
        const next = change(field, scope);
        if (next) out.push(next);
      } else if (field.kind === 'object') out.push({ ...field, fields: visit(field.fields, more, scope) });
      else if (field.kind === 'each') out.push({ ...field, fields: visit(field.fields, more, itemScope(field, scope)) });
      else out.push(field);
    }
    return out;
  };
  return { ...model, fields: visit(model.fields, splitPath(target), rootScope(model)) };
}

/** Removes the mapping of one target field (a list's line removes the whole list mapping). */
export const removeField = (model: MappingModel, target: FieldPath) => updateField(model, target, () => undefined);

/**
 * Rewrites a line through a function. `template` holds `#` where the source reference goes, or builds the
 * code from `refer` (a source path as the line's scope reads it) and the line's source.
 */
export function applyFunction(
  model: MappingModel,
  target: FieldPath,
  template: string | ((refer: (path: FieldPath) => string, source: FieldPath) => string),
): MappingModel {
  return updateField(model, target, (field, scope): TargetField => {
    if (field.kind !== 'line') return field;
    const refer = (path: FieldPath) => reference(path, scope);
    const code = typeof template === 'string' ? template.split('#').join(refer(field.source)) : template(refer, field.source);
    const line: LineField = { ...field, code };
    return line;
  });
}

/** Wraps a list mapping in `[ ]` so one item stays a list (case M1). */
export function wrapList(model: MappingModel, target: FieldPath): MappingModel {
  return updateField(model, target, (field) =>
    field.kind === 'each' && !field.wrapped ? { ...field, wrapped: true, before: `[${field.before}`, after: `${field.after}]` } : field,
  );
}

/** The scope a target field is written in (for building function arguments). */
export function scopeAt(model: MappingModel, target: FieldPath): WriteScope {
  let found = rootScope(model);
  updateField(model, target, (field, scope) => {
    found = scope;
    return field;
  });
  return found;
}
