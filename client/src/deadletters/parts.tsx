/** Small pieces shared by the dead-letter list and detail: the status chip and business keys. */
import type { DeadLetter } from '../api/deadLetters.js';

export function StatusChip({ status }: { status: DeadLetter['status'] }) {
  return (
    <span className={`lf-chip lf-dl-status lf-dl-status--${status}`} data-testid="dl-status">
      {status}
    </span>
  );
}

/**
 * Business keys as `name value` lines. With `limit`, the first ones (a key whose value matches `highlight`
 * first) and a "+n more" line; every key is in the tooltip.
 */
export function BusinessKeys({ keys, limit, highlight }: { keys: Record<string, string>; limit?: number; highlight?: string }) {
  const needle = highlight?.trim().toLowerCase();
  const entries = Object.entries(keys).sort(([, a], [, b]) => Number(Boolean(needle && b.toLowerCase().includes(needle))) - Number(Boolean(needle && a.toLowerCase().includes(needle))));
  if (!entries.length) return <span className="lf-muted">—</span>;
  const shown = limit && entries.length > limit ? entries.slice(0, limit - 1) : entries;
  const all = entries.map(([name, value]) => `${name}: ${value}`).join('\n');
  return (
    <ul className="lf-dl-keys" title={all}>
      {shown.map(([name, value]) => (
        <li key={name} className={`lf-dl-keys__item${needle && value.toLowerCase().includes(needle) ? ' lf-dl-keys__item--match' : ''}`}>
          <span className="lf-dl-keys__name">{name}</span> <span className="lf-mono">{value}</span>
        </li>
      ))}
      {shown.length < entries.length ? <li className="lf-dl-keys__more">+{entries.length - shown.length} more</li> : null}
    </ul>
  );
}
