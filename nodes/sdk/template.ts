/**
 * Text templates with `{{ expression }}` placeholders (URLs, header values). Each placeholder is a JSONata
 * expression compiled at publish; a placeholder that selects nothing renders as an empty string.
 */
import type { JsonPath } from './errors.js';
import type { CompileTools } from './define.js';
import type { CompiledExpression } from './expression.js';

export type CompiledTemplate = Array<string | CompiledExpression>;

const PLACEHOLDER = /\{\{([\s\S]+?)\}\}/g;

export function compileTemplate(text: string, field: JsonPath, tools: CompileTools): CompiledTemplate {
  const parts: CompiledTemplate = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(tools.expression(match[1]!.trim(), field));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export async function renderTemplate(template: CompiledTemplate, input: unknown, bindings?: Record<string, unknown>): Promise<string> {
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') out += part;
    else {
      const value = await part.evaluate(input, bindings);
      if (value === undefined || value === null) continue;
      out += typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  return out;
}
