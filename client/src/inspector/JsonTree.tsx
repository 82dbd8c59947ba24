/** A collapsible, read-only JSON view: objects and arrays fold, long payloads open two levels deep. */
import { memo, useState } from 'react';

interface JsonTreeProps {
  value: unknown;
  name?: string;
  depth?: number;
  /** Levels open at first. */
  openDepth?: number;
}

function preview(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).length}}`;
  return '';
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="lf-json__null">null</span>;
  if (typeof value === 'string') return <span className="lf-json__string">"{value}"</span>;
  if (typeof value === 'number') return <span className="lf-json__number">{value}</span>;
  if (typeof value === 'boolean') return <span className="lf-json__atom">{String(value)}</span>;
  return <span className="lf-json__null">undefined</span>;
}

export const JsonTree = memo(function JsonTree({ value, name, depth = 0, openDepth = 2 }: JsonTreeProps) {
  const [open, setOpen] = useState(depth < openDepth);
  const label = name !== undefined ? <span className="lf-json__key">{name}: </span> : null;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="lf-json__row">
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return (
    <div className="lf-json__row">
      <button type="button" className="lf-json__toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="lf-json__caret">{open ? '▾' : '▸'}</span>
        {label}
        <span className="lf-json__preview">{preview(value)}</span>
      </button>
      {open ? (
        <div className="lf-json__children">
          {entries.map(([key, child]) => (
            <JsonTree key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
          ))}
        </div>
      ) : null}
    </div>
  );
});
