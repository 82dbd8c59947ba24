/**
 * The inspector (right side): the selected node's name, config form and last input/output; for a selected
 * edge, its ends and why it is broken; with nothing selected, a short guide.
 */
import { useCatalog } from '../catalog/catalogStore.js';
import { Icon } from '../canvas/icons.js';
import { presentType } from '../canvas/presentation.js';
import { useDocument } from '../document/documentStore.js';
import { useLayout } from '../designer/layoutStore.js';
import { ConfigForm } from './ConfigForm.js';
import { NodeIO } from './NodeIO.js';
import { SelectionSummary } from './SelectionSummary.js';

function NodeInspector({ nodeId }: { nodeId: string }) {
  const node = useDocument((s) => s.nodes.find((n) => n.id === nodeId));
  const info = useCatalog((s) => (node ? s.byType[node.data.type] : undefined));
  const updateNode = useDocument((s) => s.updateNode);
  const remove = useDocument((s) => s.remove);
  if (!node) return null;
  const look = presentType(node.data.type, info);
  return (
    <div className="lf-inspector__body" data-testid="inspector">
      <div className="lf-inspector__head">
        <span className={`lf-inspector__icon lf-cat--${look.category}`}>
          <Icon name={look.icon} size={18} />
        </span>
        <div className="lf-inspector__titles">
          <div className="lf-inspector__title">{look.title}</div>
          <div className="lf-muted lf-mono">
            {node.data.type} · id {node.id}
          </div>
        </div>
        <button type="button" className="lf-button lf-button--ghost lf-button--danger" onClick={() => remove({ nodeIds: [nodeId] })} data-testid="delete-node" title="Delete node (Delete)">
          <Icon name="trash" size={15} />
        </button>
      </div>
      {info?.description ? <p className="lf-help">{info.description}</p> : null}
      <label className="lf-label" htmlFor="node-name">
        Name
      </label>
      <input
        id="node-name"
        className="lf-input"
        value={node.data.name ?? ''}
        placeholder={look.title}
        maxLength={200}
        onChange={(event) => updateNode(nodeId, { name: event.target.value })}
        data-testid="inspector-name"
      />
      {info ? (
        <ConfigForm key={nodeId} nodeId={nodeId} info={info} config={node.data.config} />
      ) : (
        <p className="lf-problem-text">Unknown node type: its config cannot be edited here.</p>
      )}
      <h3 className="lf-section-title">Last run</h3>
      <NodeIO nodeId={nodeId} />
    </div>
  );
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const edge = useDocument((s) => s.edges.find((e) => e.id === edgeId));
  const remove = useDocument((s) => s.remove);
  if (!edge) return null;
  return (
    <div className="lf-inspector__body" data-testid="edge-inspector">
      <div className="lf-inspector__head">
        <div className="lf-inspector__titles">
          <div className="lf-inspector__title">Edge</div>
          <div className="lf-muted lf-mono">{edge.id}</div>
        </div>
        <button type="button" className="lf-button lf-button--ghost lf-button--danger" onClick={() => remove({ edgeIds: [edgeId] })} data-testid="delete-edge" title="Delete edge (Delete)">
          <Icon name="trash" size={15} />
        </button>
      </div>
      <p className="lf-mono">
        {edge.source}.{edge.sourceHandle} → {edge.target}.{edge.targetHandle}
      </p>
      {edge.data?.broken ? <p className="lf-problem-text">{edge.data.broken}</p> : null}
    </div>
  );
}

export function Inspector() {
  const nodeId = useDocument((s) => s.selectedNodeId);
  const edgeId = useDocument((s) => s.selectedEdgeId);
  const selectionCount = useDocument((s) => s.selectionCount);
  const pinned = useLayout((s) => s.inspectorPinned);
  return (
    <aside className="lf-inspector" aria-label="Inspector" data-testid="inspector-panel">
      <div className="lf-panel-head">
        <h2 className="lf-panel-title">Inspector</h2>
        <button
          type="button"
          className={`lf-icon-button${pinned ? ' lf-icon-button--on' : ''}`}
          onClick={() => useLayout.getState().toggleInspectorPin()}
          title={pinned ? 'Unpin: show the inspector only while something is selected (])' : 'Pin: keep the inspector open (])'}
          aria-pressed={pinned}
          data-testid="inspector-pin"
        >
          <Icon name="pin" size={15} />
        </button>
      </div>
      {nodeId ? (
        <NodeInspector nodeId={nodeId} />
      ) : edgeId ? (
        <EdgeInspector edgeId={edgeId} />
      ) : selectionCount > 0 ? (
        <SelectionSummary />
      ) : (
        <div className="lf-inspector__empty lf-muted">
          <p>Select a node to edit its name and settings, and to see what it received and sent in the last run.</p>
          <p>Drag node types from the palette onto the canvas; connect an output port (right) to an input port (left).</p>
          <p>
            <kbd>Delete</kbd> removes the selection · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undoes.
          </p>
        </div>
      )}
    </aside>
  );
}
