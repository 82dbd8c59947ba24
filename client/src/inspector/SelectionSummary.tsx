/** The inspector for a selection of more than one thing (or only sticky notes): what is selected and what can be done with it. */
import { Icon } from '../canvas/icons.js';
import { useCanvasCommands } from '../canvas/useCanvasCommands.js';
import { useDocument } from '../document/documentStore.js';

export function SelectionSummary() {
  const nodeCount = useDocument((s) => s.nodes.reduce((n, node) => n + (node.selected ? 1 : 0), 0));
  const edgeCount = useDocument((s) => s.edges.reduce((n, edge) => n + (edge.selected ? 1 : 0), 0));
  const noteCount = useDocument((s) => s.notes.reduce((n, note) => n + (note.selected ? 1 : 0), 0));
  const { duplicate } = useCanvasCommands();
  const parts = [
    nodeCount ? `${nodeCount} node${nodeCount > 1 ? 's' : ''}` : '',
    edgeCount ? `${edgeCount} edge${edgeCount > 1 ? 's' : ''}` : '',
    noteCount ? `${noteCount} note${noteCount > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  return (
    <div className="lf-inspector__body" data-testid="selection-summary">
      <div className="lf-inspector__title">{parts.join(', ')} selected</div>
      <p className="lf-help">Drag any of them to move them together. Copy them with Ctrl+C and paste them here or into another flow.</p>
      <div className="lf-row">
        <button type="button" className="lf-button" onClick={duplicate} disabled={!nodeCount && !noteCount} data-testid="duplicate-selection">
          <Icon name="copy" size={14} /> Duplicate
        </button>
        <button type="button" className="lf-button lf-button--danger" onClick={() => useDocument.getState().deleteSelection()} data-testid="delete-selection">
          <Icon name="trash" size={14} /> Delete
        </button>
      </div>
    </div>
  );
}
