/**
 * Config field builders shared by node types. The `format` values tell the designer which editor to
 * render (`jsonata`: CodeMirror with JSONata support; `template`: text with `{{ expression }}` parts).
 */
import { z } from 'zod';

/** A JSONata expression, compiled at publish. */
export function expressionField(title: string, description: string) {
  return z.string().min(1, `${title} is empty`).meta({ format: 'jsonata', title, description });
}

/** Text with `{{ JSONata }}` placeholders, e.g. `/sandbox/erp/invoices/{{ payload.id }}`. */
export function templateField(title: string, description: string) {
  return z.string().meta({ format: 'template', title, description });
}
