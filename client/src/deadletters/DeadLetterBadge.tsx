/** The parked dead-letter count next to "Dead letters" in the header navigation; nothing when none is parked. */
import { useEffect } from 'react';
import { formatAge } from '../operations/format.js';
import { useDeadLetterCount, watchDeadLetterCount } from './deadLetterCount.js';
import '../styles/operations.css';

export function DeadLetterBadge() {
  const parked = useDeadLetterCount((s) => s.parked);
  const oldest = useDeadLetterCount((s) => s.oldestAgeMs);
  useEffect(() => watchDeadLetterCount(), []);
  if (!parked) return null;
  return (
    <span
      className="lf-nav-badge"
      data-testid="dead-letter-badge"
      data-count={parked}
      title={`${parked} parked dead letter${parked === 1 ? '' : 's'}${oldest ? `, the oldest parked ${formatAge(oldest)} ago` : ''}`}
    >
      {parked > 999 ? '999+' : parked}
    </span>
  );
}
