/**
 * The palette: node types from `GET /api/node-types`, grouped by category. Drag an item onto the canvas to
 * place it there, or click it to add it in the middle of the view.
 */
import { memo, useMemo, type DragEvent } from 'react';
import type { NodeTypeInfo } from '../../../nodes/registry.js';
import { useCatalog } from '../catalog/catalogStore.js';
import { Icon } from '../canvas/icons.js';
import { CATEGORY_ORDER, categoryLabel, PALETTE_MIME } from '../canvas/presentation.js';
import { useAddNodeAtCenter } from '../canvas/useAddNodeAtCenter.js';
import { useLayout } from '../designer/layoutStore.js';

function groupByCategory(types: NodeTypeInfo[]): Array<[string, NodeTypeInfo[]]> {
  const groups = new Map<string, NodeTypeInfo[]>();
  for (const type of types) groups.set(type.category, [...(groups.get(type.category) ?? []), type]);
  const rank = (c: string) => (CATEGORY_ORDER.includes(c) ? CATEGORY_ORDER.indexOf(c) : CATEGORY_ORDER.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

const PaletteItem = memo(function PaletteItem({ info, onAdd }: { info: NodeTypeInfo; onAdd: (type: string) => void }) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(PALETTE_MIME, info.type);
    event.dataTransfer.setData('text/plain', info.type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <button
      type="button"
      className={`lf-palette__item lf-cat--${info.category}`}
      draggable
      onDragStart={onDragStart}
      onClick={() => onAdd(info.type)}
      title={`${info.title}: ${info.description}\n\nDrag onto the canvas, or click to add.`}
      data-testid={`palette-${info.type}`}
    >
      <span className="lf-palette__icon">
        <Icon name={info.icon} size={16} />
      </span>
      <span className="lf-palette__text">
        <span className="lf-palette__title">{info.title}</span>
        <span className="lf-palette__desc">{info.description}</span>
      </span>
    </button>
  );
});

export function Palette() {
  const nodeTypes = useCatalog((s) => s.nodeTypes);
  const status = useCatalog((s) => s.status);
  const onAdd = useAddNodeAtCenter();
  const groups = useMemo(() => groupByCategory(nodeTypes), [nodeTypes]);
  const rail = useLayout((s) => s.paletteCollapsed);
  return (
    <aside className={`lf-palette${rail ? ' lf-palette--rail' : ''}`} aria-label="Node palette" data-testid="palette">
      <div className="lf-panel-head">
        <h2 className="lf-panel-title">Nodes</h2>
        <button
          type="button"
          className="lf-icon-button"
          onClick={() => useLayout.getState().togglePalette()}
          title={rail ? 'Show node names ([)' : 'Fold the palette to icons ([)'}
          aria-label={rail ? 'Expand the palette' : 'Fold the palette'}
          aria-expanded={!rail}
          data-testid="palette-toggle"
        >
          <Icon name="panel-left" size={16} />
        </button>
      </div>
      {status === 'failed' ? <p className="lf-muted">Node types could not be loaded.</p> : null}
      {groups.map(([category, types]) => (
        <section key={category} className="lf-palette__group">
          <h3 className="lf-palette__category">{categoryLabel(category)}</h3>
          {types.map((info) => (
            <PaletteItem key={info.type} info={info} onAdd={onAdd} />
          ))}
        </section>
      ))}
    </aside>
  );
}
