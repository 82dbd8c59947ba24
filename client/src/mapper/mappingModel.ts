/**
 * The visual mapper's model of an object-constructor mapping: one entry per target field, each either a
 * line from a source field (optionally through a function), a constant, a nested object, a list mapped item
 * by item, or custom code the mapper does not draw. parseMapping.ts reads it from JSONata, printMapping.ts
 * writes it back; every entry keeps its code, so what the analyst typed survives a round trip.
 *
 * Field paths are written the way JSONata paths read: `payload.data.object.lines.data.amount`, names that
 * are not plain identifiers in backticks. A list's items have no index in the path (JSONata maps over them).
 */

/** A dotted path; source paths start at the node's input (`payload…`, `meta…`), target paths at the result. */
export type FieldPath = string;

interface FieldBase {
  key: string;
  /** Code of a computed key (`$k: …`); plain string keys have none. */
  keyCode?: string;
  /** Comments written before the entry, kept when the mapping is printed again. */
  comment?: string;
}

/** A line from one source field, e.g. `$invoice.id` or `$fromMinorUnits(amount, currency)`. */
export interface LineField extends FieldBase {
  kind: 'line';
  source: FieldPath;
  /** What the value goes through, for the line's label: `$fromMinorUnits`, `/ 100`, `[ ]`; none when direct. */
  via?: string;
  code: string;
}

/** A literal value: `"4321"`, `1`, `true`. */
export interface ConstantField extends FieldBase {
  kind: 'constant';
  code: string;
}

/** A nested object constructor. */
export interface ObjectField extends FieldBase {
  kind: 'object';
  fields: TargetField[];
}

/** A list mapped item by item: `[lines.data.{ … }]` or `$map(lines, function($l) { … })`. */
export interface EachField extends FieldBase {
  kind: 'each';
  /** The source list. Paths of the item fields inside are relative to one of its items. */
  source: FieldPath;
  /** `l` for `$map(…, function($l) { … })`: item fields are read as `$l.sku`. */
  itemVar?: string;
  /** Text before and after the items' object constructor, verbatim (`[$lines.(` … `)]`). */
  before: string;
  after: string;
  /** True when wrapped in `[ ]`, so one item still gives a list (case M1). */
  wrapped: boolean;
  /** Variables bound to plain paths inside the item block (`$line := …`). */
  aliases: Record<string, FieldPath>;
  fields: TargetField[];
}

/** Code the mapper cannot draw as a line; shown with its code and edited as text. */
export interface CustomField extends FieldBase {
  kind: 'custom';
  code: string;
}

export type TargetField = LineField | ConstantField | ObjectField | EachField | CustomField;

/** A mapping whose result is an object constructor, possibly at the end of a `( $x := …; { … } )` block. */
export interface MappingModel {
  /** Text before the result object (the block's `(` and its variable bindings), verbatim. */
  head: string;
  /** Text after the result object, verbatim. */
  tail: string;
  /** Indentation of the line the result object starts on. */
  indent: string;
  /** `$invoice` → `payload.data.object`: block variables bound to plain paths, used to name sources. */
  aliases: Record<string, FieldPath>;
  fields: TargetField[];
}

export const emptyMapping = (): MappingModel => ({ head: '', tail: '', indent: '', aliases: {}, fields: [] });

const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/** `lines.data.amount` from its segments; names that are not identifiers go in backticks. */
export function joinPath(segments: readonly string[]): FieldPath {
  return segments.map((s) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !KEYWORDS.has(s) ? s : `\`${s}\``)).join('.');
}

/** The segments of a path written by `joinPath`. */
export function splitPath(path: FieldPath): string[] {
  if (!path) return [];
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '`') {
      const end = path.indexOf('`', i + 1);
      out.push(path.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? path.length : end + 2;
    } else {
      const end = path.indexOf('.', i);
      out.push(path.slice(i, end < 0 ? undefined : end));
      i = end < 0 ? path.length : end + 1;
    }
  }
  return out;
}

/** True when `path` is `prefix` or lies under it. */
export function isUnder(path: FieldPath, prefix: FieldPath): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}.`);
}

/** One drawn connection, as the trees need it. */
export interface MappingLine {
  /** Target field path, e.g. `item.items.amount`. */
  target: FieldPath;
  source: FieldPath;
  kind: 'line' | 'each';
  via?: string;
  /** Set on a list mapped without `[ ]` (one item would become a bare object, case M1). */
  unwrapped?: boolean;
}

/** Every line of the model, depth first in field order. */
export function linesOf(model: { fields: TargetField[] }, prefix = ''): MappingLine[] {
  const lines: MappingLine[] = [];
  for (const field of model.fields) {
    const target = prefix ? `${prefix}.${joinPath([field.key])}` : joinPath([field.key]);
    if (field.kind === 'line') lines.push({ target, source: field.source, kind: 'line', ...(field.via ? { via: field.via } : {}) });
    else if (field.kind === 'object') lines.push(...linesOf(field, target));
    else if (field.kind === 'each') {
      lines.push({ target, source: field.source, kind: 'each', ...(field.wrapped ? {} : { unwrapped: true }) });
      lines.push(...linesOf(field, target));
    }
  }
  return lines;
}

/** Target fields that are not lines (constants and custom code), by target path, for the target tree. */
export function annotationsOf(model: { fields: TargetField[] }, prefix = '', out = new Map<FieldPath, ConstantField | CustomField>()) {
  for (const field of model.fields) {
    const target = prefix ? `${prefix}.${joinPath([field.key])}` : joinPath([field.key]);
    if (field.kind === 'constant' || field.kind === 'custom') out.set(target, field);
    else if (field.kind === 'object' || field.kind === 'each') annotationsOf(field, target, out);
  }
  return out;
}
