/**
 * `#/operations`: what needs a hand now. Parked dead letters at a glance, and the governance of every
 * connection (holds, circuit breakers, throttles), refreshed every few seconds.
 */
import { useEffect } from 'react';
import { AppHeader } from '../audiences/AppHeader.js';
import { Icon } from '../canvas/icons.js';
import { ConnectionGovernance } from '../connections/ConnectionGovernance.js';
import { useDeadLetterCount, watchDeadLetterCount } from '../deadletters/deadLetterCount.js';
import { formatAge } from './format.js';
import '../styles/operations.css';

export function OperationsPage() {
  const parked = useDeadLetterCount((s) => s.parked);
  const oldest = useDeadLetterCount((s) => s.oldestAgeMs);
  useEffect(() => watchDeadLetterCount(), []);
  return (
    <div className="lf-page lf-ops-page">
      <AppHeader current="operations" />
      <main className="lf-page__body lf-page__body--wide">
        <h1 className="lf-page__title">Operations</h1>
        <a href="#/dead-letters" className={`lf-ops-summary${parked ? ' lf-ops-summary--alert' : ''}`} data-testid="ops-dead-letters">
          <span className="lf-ops-summary__icon">
            <Icon name={parked ? 'alert' : 'check'} size={18} />
          </span>
          <span>
            <strong>{parked === undefined ? '…' : parked ? `${parked} parked dead letter${parked === 1 ? '' : 's'}` : 'No parked dead letters'}</strong>
            <span className="lf-muted">
              {parked ? ` · the oldest parked ${formatAge(oldest ?? 0)} ago. Inspect, fix the payload, replay or discard.` : ' · every failed run was handled.'}
            </span>
          </span>
          <Icon name="chevron-right" size={14} />
        </a>
        <ConnectionGovernance />
      </main>
    </div>
  );
}
