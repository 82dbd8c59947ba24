/** How a node type looks on the canvas and in the palette: title, icon, category (registry first, then the server's catalog). */
import { registry } from '../../../nodes/registry.js';
import type { NodeTypeInfo } from '../../../nodes/registry.js';

export interface TypePresentation {
  title: string;
  icon: string;
  category: string;
  known: boolean;
}

export function presentType(type: string, info: NodeTypeInfo | undefined): TypePresentation {
  const definition = registry.get(type);
  if (definition) return { title: definition.title, icon: definition.icon, category: definition.category, known: true };
  if (info) return { title: info.title, icon: info.icon, category: info.category, known: true };
  return { title: type, icon: 'box', category: 'unknown', known: false };
}

/** Palette order of categories (the order of a flow: trigger first, respond last). */
export const CATEGORY_ORDER = ['trigger', 'transform', 'validate', 'guard', 'route', 'connector', 'respond'];

export const CATEGORY_LABELS: Record<string, string> = {
  trigger: 'Triggers',
  transform: 'Transform',
  validate: 'Validate',
  guard: 'Guards',
  route: 'Route',
  connector: 'Connectors',
  respond: 'Respond',
};

/** The palette heading of a category (`guard` → `Guards`; unknown ones capitalised). */
export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? `${category.charAt(0).toUpperCase()}${category.slice(1)}`;
}

/** MIME type of a palette item being dragged onto the canvas. */
export const PALETTE_MIME = 'application/x-ledgerflow-node-type';
