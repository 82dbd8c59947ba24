/**
 * Writes the mapper's model back as JSONata: the text around the result object (a block's bindings) and
 * every field's code are kept verbatim; only the object constructors are laid out again, two spaces per
 * level, one entry per line.
 */
import type { MappingModel, TargetField } from './mappingModel.js';

function keyText(field: TargetField): string {
  return field.keyCode ?? JSON.stringify(field.key);
}

function valueText(field: TargetField, indent: string): string {
  switch (field.kind) {
    case 'object':
      return printObject(field.fields, indent);
    case 'each':
      return `${field.before}${printObject(field.fields, indent)}${field.after}`;
    default:
      return field.code;
  }
}

/** `{ "k": v, … }` with entries on their own lines, the closing brace at `indent`. */
export function printObject(fields: readonly TargetField[], indent: string): string {
  if (!fields.length) return '{}';
  const inner = `${indent}  `;
  const entries = fields.map((field) => {
    const comment = field.comment ? `${field.comment}\n${inner}` : '';
    return `${inner}${comment}${keyText(field)}: ${valueText(field, inner)}`;
  });
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** The JSONata text of a mapping model. */
export function printMapping(model: MappingModel): string {
  return `${model.head}${printObject(model.fields, model.indent)}${model.tail}`;
}
