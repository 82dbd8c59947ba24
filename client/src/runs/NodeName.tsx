/**
 * A node of the flow open in the designer, by its name: the id when it has no name or is no longer in the
 * draft (a run from history may name a node since deleted). Reads one name from the store, so it re-renders
 * only when that name changes.
 */
import { useDocument } from '../document/documentStore.js';

export function NodeName({ nodeId }: { nodeId: string }) {
  const name = useDocument((s) => s.nodes.find((n) => n.id === nodeId)?.data.name);
  return (
    <span className="lf-node-name" title={`Node id: ${nodeId}`}>
      {name ?? nodeId}
    </span>
  );
}
