/**
 * The dead-letter queue as a table: a check box to select parked letters (and all shown), when it was parked,
 * the flow, the failing node by name (its id in the tooltip), the error in words after its HTTP status or
 * code, the business keys (those matching the search first) and its age. A click on a row opens the letter.
 */
import type { MouseEvent } from 'react';
import type { DeadLetter } from '../api/deadLetters.js';
import { useNodeNames } from '../history/flowVersions.js';
import { ageLevel, formatAge } from '../operations/format.js';
import { describeError } from '../runs/errorText.js';
import { formatTime } from '../runs/format.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { BusinessKeys, StatusChip } from './parts.js';

interface LetterTableProps {
  letters: DeadLetter[];
  /** Flow id → name. */
  flowName: ReadonlyMap<string, string>;
  /** Ids of the selected letters (parked ones only). */
  selected: ReadonlySet<string>;
  onSelect(selected: Set<string>): void;
  /** The search text, whose matching business keys come first. */
  highlight?: string;
  /** ms since the epoch the ages are counted to. */
  now: number;
}

const open = (id: string) => (window.location.hash = `#/dead-letters/${encodeURIComponent(id)}`);

export function LetterTable({ letters, flowName, selected, onSelect, highlight, now }: LetterTableProps) {
  const nodeName = useNodeNames(letters);
  const parkedShown = letters.filter((l) => l.status === 'parked');
  const allSelected = parkedShown.length > 0 && parkedShown.every((l) => selected.has(l.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };

  const columns: Array<Column<DeadLetter>> = [
    {
      key: 'select',
      header: (
        <input
          type="checkbox"
          checked={allSelected}
          disabled={!parkedShown.length}
          onChange={() => onSelect(allSelected ? new Set() : new Set(parkedShown.map((l) => l.id)))}
          aria-label="Select every parked letter shown"
          data-testid="dl-select-all"
        />
      ),
      className: 'lf-dl-table__check',
      cellProps: () => ({ onClick: (e: MouseEvent) => e.stopPropagation() }),
      cell: (letter) => (
        <input
          type="checkbox"
          checked={selected.has(letter.id)}
          disabled={letter.status !== 'parked'}
          onChange={() => toggle(letter.id)}
          aria-label={`Select ${letter.id}`}
          data-testid={`dl-select-${letter.id}`}
        />
      ),
    },
    {
      header: 'Parked at',
      cellClassName: 'lf-nowrap',
      cell: (letter) => (
        <>
          <a href={`#/dead-letters/${encodeURIComponent(letter.id)}`} onClick={(e) => e.stopPropagation()}>
            {formatTime(letter.parkedAt)}
          </a>
          {letter.status !== 'parked' ? <StatusChip status={letter.status} /> : null}
        </>
      ),
    },
    {
      header: 'Flow',
      cellClassName: 'lf-nowrap',
      cell: (letter) => (
        <>
          <div className="lf-dl-table__flow">{flowName.get(letter.flowId) ?? letter.flowId}</div>
          <div className="lf-muted lf-small">v{letter.flowVersion}</div>
        </>
      ),
    },
    {
      header: 'Failing node',
      cellClassName: 'lf-nowrap',
      cellProps: (letter) => ({ title: letter.nodeId ? `Node id: ${letter.nodeId}` : undefined, 'data-node-id': letter.nodeId }),
      cell: (letter) => (letter.nodeId ? nodeName(letter.flowId, letter.flowVersion, letter.nodeId) : '—'),
    },
    {
      header: 'Error',
      cellProps: (letter) => ({ title: letter.error.message }),
      cell: (letter) => (
        <div className="lf-dl-table__error">
          <span className="lf-code-chip lf-code-chip--danger">{letter.error.status ?? letter.error.code}</span>
          <span className="lf-clamp lf-clamp--2">{describeError(letter.error).message}</span>
        </div>
      ),
    },
    { header: 'Business keys', cell: (letter) => <BusinessKeys keys={letter.businessKeys} limit={3} highlight={highlight} /> },
    {
      header: 'Age',
      numeric: true,
      cellProps: (letter) => ({ className: `lf-nowrap lf-age lf-age--${ageLevel(now - Date.parse(letter.parkedAt))}` }),
      cell: (letter) => formatAge(now - Date.parse(letter.parkedAt)),
    },
  ];

  return (
    <DataTable
      rows={letters}
      columns={columns}
      rowKey={(letter) => letter.id}
      rowProps={(letter) => ({
        className: selected.has(letter.id) ? 'lf-table__row--active' : undefined,
        onClick: () => open(letter.id),
        'data-testid': `dl-row-${letter.id}`,
        'data-status': letter.status,
      })}
      className="lf-dl-table"
      testId="dl-table"
    />
  );
}
