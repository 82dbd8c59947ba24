/**
 * The version diff as a list: what changed in the flow's settings, which nodes were added, removed, changed
 * (every changed field with its path, the old value and the new: multi-line values such as JSONata line by
 * line) or moved, which connections appeared or went, and the sticky notes. Clicking a node shows it on the
 * diff canvas.
 */
import { memo } from 'react';
import { formatJsonPath } from '../../../nodes/sdk/errors.js';
import type { FieldChange, FlowDiff, NodeDiff } from '../../../nodes/sdk/flow-diff.js';
import { lineDiff } from './lineDiff.js';

const short = (value: unknown): string => {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value, null, 1)?.replace(/\n\s*/g, ' ');
  return text === undefined ? String(value) : text.length > 160 ? `${text.slice(0, 157)}…` : text;
};

export const FieldRow = memo(function FieldRow({ change }: { change: FieldChange }) {
  const { before, after } = change;
  const multiLine = typeof before === 'string' && typeof after === 'string' && (before.includes('\n') || after.includes('\n'));
  return (
    <li className={`lf-field-change lf-field-change--${change.kind}`} data-testid={`field-${formatJsonPath(change.path)}`}>
      <span className="lf-field-change__path lf-mono">{formatJsonPath(change.path)}</span>
      {multiLine ? (
        <pre className="lf-line-diff">
          {lineDiff(before, after).map((line, i) => (
            <div key={i} className={`lf-line-diff__${line.kind}`}>
              {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
              {line.text}
            </div>
          ))}
        </pre>
      ) : (
        <span className="lf-field-change__values">
          {change.kind !== 'added' ? <del className="lf-mono">{short(before)}</del> : <span className="lf-muted">(not set)</span>}
          <span className="lf-muted" aria-hidden>
            →
          </span>
          {change.kind !== 'removed' ? <ins className="lf-mono">{short(after)}</ins> : <span className="lf-muted">(removed)</span>}
        </span>
      )}
    </li>
  );
});

/** The field changes of a node, a note or the flow itself, one row each; nothing when there are none. */
function FieldChanges({ fields }: { fields: readonly FieldChange[] }) {
  if (!fields.length) return null;
  return (
    <ul className="lf-field-changes">
      {fields.map((field) => (
        <FieldRow key={formatJsonPath(field.path)} change={field} />
      ))}
    </ul>
  );
}

const nodeTitle = (change: NodeDiff) => {
  const node = change.after ?? change.before!;
  return (
    <>
      <strong>{node.name ?? node.id}</strong> <span className="lf-muted lf-mono">{node.type}</span>
    </>
  );
};

interface ChangeListProps {
  diff: FlowDiff;
  focus?: string;
  onPick(nodeId: string): void;
}

export function ChangeList({ diff, focus, onPick }: ChangeListProps) {
  const nodes = diff.nodes.filter((n) => n.status !== 'unchanged');
  const groups: Array<{ status: NodeDiff['status']; title: string }> = [
    { status: 'added', title: 'Added nodes' },
    { status: 'removed', title: 'Removed nodes' },
    { status: 'changed', title: 'Changed nodes' },
    { status: 'moved', title: 'Moved nodes' },
  ];
  const empty = !nodes.length && !diff.edges.length && !diff.notes.length && !diff.flow.length;
  return (
    <div className="lf-change-list" data-testid="change-list">
      {empty ? <p className="lf-muted">No differences: the two versions are the same.</p> : null}
      {diff.flow.length ? (
        <section>
          <h3 className="lf-section-title">Flow</h3>
          <FieldChanges fields={diff.flow} />
        </section>
      ) : null}
      {groups.map(({ status, title }) => {
        const members = nodes.filter((n) => n.status === status);
        if (!members.length) return null;
        return (
          <section key={status}>
            <h3 className="lf-section-title">
              {title} <span className={`lf-diff-badge lf-diff-badge--${status}`}>{members.length}</span>
            </h3>
            <ul className="lf-changes">
              {members.map((change) => (
                <li key={change.id} className={`lf-change lf-change--${status}${focus === change.id ? ' lf-change--focus' : ''}`}>
                  <button type="button" className="lf-change__head" onClick={() => onPick(change.id)} data-testid={`change-${change.id}`}>
                    {nodeTitle(change)}
                    {change.moved ? (
                      <span className="lf-muted lf-change__moved">
                        moved ({change.moved.from.x}, {change.moved.from.y}) → ({change.moved.to.x}, {change.moved.to.y})
                      </span>
                    ) : null}
                  </button>
                  <FieldChanges fields={change.fields} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {diff.edges.length ? (
        <section>
          <h3 className="lf-section-title">Connections</h3>
          <ul className="lf-changes">
            {diff.edges.map((edge) => (
              <li key={`${edge.status}-${edge.key}`} className={`lf-change lf-change--${edge.status}`} data-testid={`edge-change-${edge.status}`}>
                <span className={`lf-diff-badge lf-diff-badge--${edge.status}`}>{edge.status}</span>{' '}
                <span className="lf-mono">
                  {edge.edge.source}.{edge.edge.sourcePort} → {edge.edge.target}.{edge.edge.targetPort}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {diff.notes.length ? (
        <section>
          <h3 className="lf-section-title">Notes</h3>
          <ul className="lf-changes">
            {diff.notes.map((note) => (
              <li key={note.id} className={`lf-change lf-change--${note.status}`}>
                <span className={`lf-diff-badge lf-diff-badge--${note.status}`}>{note.status}</span> “{(note.after ?? note.before)!.text.slice(0, 80)}”
                <FieldChanges fields={note.fields} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
