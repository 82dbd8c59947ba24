/**
 * The chain of a lineage drawn left to right, one column per stage (opportunity → subscription → invoice →
 * ERP document): a card per id with its system, the runs that touched it and the parties linked to it;
 * a dashed red card where the next stage is missing, saying why when a run failed there.
 */
import { memo } from 'react';
import type { LineageGap, LineageNode, LineageRun } from '../api/lineage.js';
import { formatTime } from '../runs/format.js';

export const STAGE_TITLES: Record<LineageNode['stage'], string> = {
  opportunity: 'Opportunity (CRM)',
  subscription: 'Subscription (billing)',
  invoice: 'Invoice (billing)',
  erpDocument: 'ERP document',
};
const STAGE_ORDER = Object.keys(STAGE_TITLES) as Array<LineageNode['stage']>;
const STAGE_NAMES: Record<LineageNode['stage'], string> = { opportunity: 'opportunity', subscription: 'subscription', invoice: 'invoice', erpDocument: 'ERP document' };

function RunLine({ run }: { run: LineageRun }) {
  return (
    <li className="lf-chain__run" data-testid={`lineage-run-${run.runId}`}>
      <span className={`lf-dot lf-dot--${run.status}`} title={run.status} />
      <a href={`#/runs/${encodeURIComponent(run.runId)}`} title={run.error ? `${run.error.nodeId ?? ''} ${run.error.message}` : run.runId}>
        {run.flowId}
      </a>
      <span className="lf-muted">{formatTime(run.startedAt)}</span>
    </li>
  );
}

function GapCard({ gap, upstream = false }: { gap: LineageGap; upstream?: boolean }) {
  return (
    <div className={`lf-chain__gap${upstream ? ' lf-chain__gap--upstream' : ''}`} data-testid="lineage-gap" data-expected={gap.expected}>
      <div className="lf-chain__gap-title">{upstream ? `No ${STAGE_NAMES[gap.expected]} linked` : `No ${STAGE_NAMES[gap.expected]}`}</div>
      <div className="lf-chain__gap-text">{gap.message}</div>
      {gap.failedRun ? (
        <a className="lf-chain__gap-link" href={`#/runs/${encodeURIComponent(gap.failedRun.runId)}`}>
          Open the failed run
        </a>
      ) : null}
    </div>
  );
}

const NodeCard = memo(function NodeCard({ node }: { node: LineageNode }) {
  const failed = node.runs.some((r) => r.status === 'failed' || r.status === 'interrupted');
  return (
    <div className={`lf-chain__card lf-chain__card--${node.ref.system}${failed ? ' lf-chain__card--failed' : ''}`} data-testid={`lineage-node-${node.stage}`} data-id={node.ref.id}>
      <div className="lf-chain__system">{node.ref.label}</div>
      <div className="lf-chain__id lf-mono" title={node.ref.id}>
        <a href={`#/lineage?id=${encodeURIComponent(node.ref.id)}`}>{node.ref.id}</a>
      </div>
      {node.runs.length ? (
        <ul className="lf-chain__runs">
          {node.runs.slice(0, 4).map((run) => (
            <RunLine key={run.runId} run={run} />
          ))}
          {node.runs.length > 4 ? (
            <li className="lf-muted">
              <a href={`#/runs?businessKey=${encodeURIComponent(node.ref.id)}`}>{node.runs.length - 4} more runs…</a>
            </li>
          ) : null}
        </ul>
      ) : (
        <div className="lf-muted lf-chain__norun">linked in the xref, no run recorded</div>
      )}
      {node.parties.length ? (
        <div className="lf-chain__parties">
          {node.parties.map((p) => (
            <span key={`${p.system}/${p.entity}/${p.id}`} className="lf-chip" title={p.label}>
              {p.label.replace(/^\w+ /, '')} <span className="lf-mono">{p.id}</span>
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
});

function Branch({ node }: { node: LineageNode }) {
  const downstream = node.gaps.filter((g) => g.kind === 'downstream');
  return (
    <div className="lf-chain__branch">
      <NodeCard node={node} />
      {node.children.length || downstream.length ? (
        <div className="lf-chain__children">
          {node.children.map((child) => (
            <Branch key={`${child.ref.system}/${child.ref.entity}/${child.ref.id}`} node={child} />
          ))}
          {downstream.map((gap) => (
            <div key={gap.message} className="lf-chain__branch">
              <GapCard gap={gap} />
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** A root that starts after the first stage: empty columns, then the upstream gap, keep the stages aligned. */
function Root({ node }: { node: LineageNode }) {
  const at = STAGE_ORDER.indexOf(node.stage);
  const upstream = node.gaps.find((g) => g.kind === 'upstream');
  return (
    <div className="lf-chain__root">
      {Array.from({ length: Math.max(0, at - (upstream ? 1 : 0)) }, (_, i) => (
        <div key={i} className="lf-chain__spacer" />
      ))}
      {upstream ? (
        <div className="lf-chain__branch">
          <GapCard gap={upstream} upstream />
        </div>
      ) : null}
      <Branch node={node} />
    </div>
  );
}

export function LineageChain({ roots }: { roots: LineageNode[] }) {
  return (
    <div className="lf-chain" data-testid="lineage-chain">
      <div className="lf-chain__stages">
        {STAGE_ORDER.map((stage) => (
          <div key={stage} className="lf-chain__stage">
            {STAGE_TITLES[stage]}
          </div>
        ))}
      </div>
      {roots.map((root) => (
        <Root key={`${root.ref.system}/${root.ref.entity}/${root.ref.id}`} node={root} />
      ))}
    </div>
  );
}
