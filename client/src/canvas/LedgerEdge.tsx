/**
 * The one edge component. A broken edge (its port or node is missing, case E1) is drawn red and dashed with
 * a warning label, so it stays visible until it is fixed; an edge leaving an `error` port is red-tinted.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { ERROR_PORT } from '../../../nodes/sdk/define.js';
import type { DesignerEdge } from '../document/convert.js';

export const LedgerEdge = memo(function LedgerEdge(props: EdgeProps<DesignerEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected, data, sourceHandleId } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const broken = data?.broken;
  const classes = ['lf-edge', broken ? 'lf-edge--broken' : '', sourceHandleId === ERROR_PORT ? 'lf-edge--error' : '', selected ? 'lf-edge--selected' : ''];
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={classes.filter(Boolean).join(' ')} interactionWidth={16} />
      {broken ? (
        <EdgeLabelRenderer>
          <div
            className="lf-edge-label lf-edge-label--broken nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={broken}
            data-testid={`edge-broken-${id}`}
          >
            ⚠ missing port
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
