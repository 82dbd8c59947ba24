/** The header of the overview pages: brand, navigation, and the audience switch (who the screens are for). */
import { Icon } from '../canvas/icons.js';
import { DeadLetterBadge } from '../deadletters/DeadLetterBadge.js';
import { Segmented } from '../ui/Segmented.js';
import { AUDIENCES, useAudience } from './audience.js';

const NAV = [
  { href: '#/flows', label: 'Flows', screen: 'flows' },
  { href: '#/runs', label: 'Runs', screen: 'runs' },
  { href: '#/lineage', label: 'Lineage', screen: 'lineage' },
  { href: '#/reconciliation', label: 'Reconciliation', screen: 'reconciliation' },
  { href: '#/dashboard', label: 'Dashboard', screen: 'dashboard' },
  { href: '#/finance', label: 'Finance', screen: 'finance' },
  { href: '#/architecture', label: 'Architecture', screen: 'architecture' },
  { href: '#/dead-letters', label: 'Dead letters', screen: 'dead-letters' },
  { href: '#/connections', label: 'Connections', screen: 'connections' },
];

export function AudienceSwitch() {
  const audience = useAudience((s) => s.audience);
  const choose = useAudience((s) => s.choose);
  return <Segmented options={AUDIENCES} value={audience} onChange={choose} label="Show screens for" testId="audience-switch" optionTestId="audience-" />;
}

/** The links to the overview pages (also in the flow list's header). */
export function AppNav({ current }: { current: string }) {
  return (
    <nav className="lf-nav">
      {NAV.map((item) => (
        <a key={item.href} href={item.href} className={`lf-nav__link${item.screen === current ? ' lf-nav__link--active' : ''}`} data-testid={`nav-${item.screen}`}>
          {item.label}
          {item.screen === 'dead-letters' ? <DeadLetterBadge /> : null}
        </a>
      ))}
    </nav>
  );
}

export function AppHeader({ current }: { current: string }) {
  return (
    <header className="lf-header lf-header--page">
      <a className="lf-brand lf-brand--large lf-header__home" href="#/">
        <Icon name="flow" size={18} /> Ledgerflow
      </a>
      <AppNav current={current} />
      <div className="lf-header__spacer" />
      <AudienceSwitch />
    </header>
  );
}
