/**
 * The one node component: every node type is rendered from its registry metadata (title, icon, ports) and
 * its run state. Reads the run slice through a narrow selector, so a trace event re-renders only its node.
 * Input handles sit on the left, output handles on the right, each named by its port; the `error` port is
 * red, and a port an edge uses but the type lacks (case E1) is a red dashed placeholder.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { ERROR_PORT } from '../../../nodes/sdk/define.js';
import { useCatalog } from '../catalog/catalogStore.js';
import type { DesignerNode } from '../document/convert.js';
import { useDocument } from '../document/documentStore.js';
import type { PortView } from '../document/ports.js';
import { useNodeRun, type NodeRunState } from '../runs/runStore.js';
import { formatDuration } from '../runs/format.js';
import { Icon } from './icons.js';
import { presentType } from './presentation.js';
import { NodeRenderProbe } from './renderProbe.js';
import { useSearch } from './searchStore.js';

function portClass(port: PortView): string {
  return ['lf-port', port.name === ERROR_PORT ? 'lf-port--error' : '', port.missing ? 'lf-port--missing' : ''].filter(Boolean).join(' ');
}

function StatusBadge({ run }: { run: NodeRunState | undefined }) {
  if (!run) return null;
  const text =
    run.status === 'running'
      ? run.attempt > 1
        ? `attempt ${run.attempt}`
        : 'running'
      : run.status === 'succeeded'
        ? formatDuration(run.durationMs)
        : run.status;
  return <span className={`lf-badge lf-badge--${run.status}`}>{text}</span>;
}

export const LedgerNode = memo(function LedgerNode({ id, data, selected }: NodeProps<DesignerNode>) {
  const info = useCatalog((s) => s.byType[data.type]);
  const run = useNodeRun(id);
  const issueCount = useDocument((s) => s.issueCountByNode[id] ?? 0);
  const match = useSearch((s) => (s.currentId === id ? 'current' : s.matchSet.has(id) ? 'match' : undefined));
  const look = presentType(data.type, info);
  const status = run?.status ?? 'idle';
  const classes = [
    'lf-node',
    `lf-cat--${look.category}`,
    `lf-node--${status}`,
    selected ? 'lf-node--selected' : '',
    look.known ? '' : 'lf-node--unknown',
    match ? `lf-node--${match}` : '',
  ];

  return (
    <NodeRenderProbe id={id}>
      <div className={classes.filter(Boolean).join(' ')} data-testid={`node-${id}`} data-status={status} data-type={data.type} data-search={match}>
        <div className="lf-node__head">
          <span className="lf-node__icon">
            <Icon name={look.icon} size={15} />
          </span>
          <div className="lf-node__titles">
            <div className="lf-node__name">{data.name || look.title}</div>
            <div className="lf-node__type">{look.known ? data.type : `unknown type ${data.type}`}</div>
          </div>
          <StatusBadge run={run} />
        </div>
        {run?.error && status !== 'succeeded' ? (
          <div className="lf-node__error" title={run.error}>
            <span className="lf-clamp">
              {run.retryInMs !== undefined && status === 'running' ? `retry in ${formatDuration(run.retryInMs)}: ` : ''}
              {run.error}
            </span>
          </div>
        ) : null}
        <div className="lf-node__ports">
          <div className="lf-node__inputs">
            {data.ports.inputs.map((port) => (
              <div className="lf-port-row lf-port-row--in" key={port.name} title={port.missing ? `"${port.name}" is not an input of ${data.type}` : undefined}>
                <Handle type="target" position={Position.Left} id={port.name} className={portClass(port)} />
                <span className={portClass(port)}>{port.name}</span>
              </div>
            ))}
          </div>
          <div className="lf-node__outputs">
            {data.ports.outputs.map((port) => (
              <div className="lf-port-row lf-port-row--out" key={port.name} title={port.missing ? `"${port.name}" is not an output of ${data.type}` : undefined}>
                <span className={portClass(port)}>{port.name}</span>
                <Handle type="source" position={Position.Right} id={port.name} className={portClass(port)} />
              </div>
            ))}
          </div>
        </div>
        {issueCount > 0 ? (
          <span className="lf-node__issues" title={`${issueCount} problem${issueCount > 1 ? 's' : ''}`}>
            {issueCount}
          </span>
        ) : null}
      </div>
    </NodeRenderProbe>
  );
});
