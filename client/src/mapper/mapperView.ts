/**
 * What the visual mapper draws, derived from the mapping model and the two trees: the lines, every target
 * field's mapping, required target fields that nothing fills, and the preview's problems by target field.
 * Pure functions, so the component only renders.
 */
import type { SchemaProblem } from '../../../nodes/validate.schema.js';
import { withPaths, type FieldKind, type FieldTree } from './fieldTree.js';
import { joinPath, linesOf, splitPath, type FieldPath, type MappingLine, type MappingModel, type TargetField } from './mappingModel.js';

export interface MapperView {
  sources: FieldTree;
  targets: FieldTree;
  lines: MappingLine[];
  /** Every target field the mapping sets, by path (objects and list mappings included). */
  fields: Map<FieldPath, TargetField>;
  /** Source paths with a line. */
  mappedSources: Set<FieldPath>;
  /** Required target fields with no mapping (under parents that are required or mapped). */
  missingRequired: Set<FieldPath>;
}

function collectFields(fields: TargetField[], prefix: FieldPath, out: Map<FieldPath, TargetField>): void {
  for (const field of fields) {
    if (field.keyCode) continue;
    const path = prefix ? `${prefix}.${joinPath([field.key])}` : joinPath([field.key]);
    out.set(path, field);
    if (field.kind === 'object' || field.kind === 'each') collectFields(field.fields, path, out);
  }
}

const kindOf = (field: TargetField): FieldKind => (field.kind === 'object' ? 'object' : field.kind === 'each' ? 'array' : 'value');

/** Builds the view; `sources`/`targets` may be undefined (no sample, no target): the mapping alone draws them. */
export function mapperView(model: MappingModel, sources: FieldTree | undefined, targets: FieldTree | undefined): MapperView {
  const fields = new Map<FieldPath, TargetField>();
  collectFields(model.fields, '', fields);
  const lines = linesOf(model);
  const empty: FieldTree = { roots: [], nodes: new Map() };
  const sourceTree = withPaths(
    sources ?? empty,
    lines.map((line) => ({ path: line.source, kind: line.kind === 'each' ? 'array' : 'value' })),
  );
  const targetTree = withPaths(
    targets ?? empty,
    [...fields].map(([path, field]) => ({ path, kind: kindOf(field) })),
  );
  const missingRequired = new Set<FieldPath>();
  for (const node of targetTree.nodes.values()) {
    if (!node.required || fields.has(node.path)) continue;
    const segments = splitPath(node.path);
    let needed = true;
    for (let n = 1; n < segments.length && needed; n++) {
      const ancestor = joinPath(segments.slice(0, n));
      needed = fields.has(ancestor) || targetTree.nodes.get(ancestor)?.required === true;
    }
    if (needed) missingRequired.add(node.path);
  }
  return { sources: sourceTree, targets: targetTree, lines, fields, mappedSources: new Set(lines.map((l) => l.source)), missingRequired };
}

/** `item.items[0].amount` (a problem's output path) → `item.items.amount` (the target field). */
export function targetPathOf(outputPath: string): FieldPath {
  if (outputPath === '(root)') return '';
  const segments: string[] = [];
  for (const match of outputPath.matchAll(/\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
  }
  return joinPath(segments);
}

/** The preview's problems by target field (several items of a list fold into one entry). */
export function problemsByTarget(problems: readonly SchemaProblem[]): Map<FieldPath, string[]> {
  const out = new Map<FieldPath, string[]>();
  for (const problem of problems) {
    const path = targetPathOf(problem.path);
    const list = out.get(path) ?? out.set(path, []).get(path)!;
    const text = `${problem.path} ${problem.message}`;
    if (!list.some((existing) => existing.endsWith(problem.message))) list.push(text);
  }
  return out;
}
