/** The designer application: the flow list or one flow's designer, chosen by the URL hash. */
import { lazy, Suspense } from 'react';
import { useAudience } from './audiences/audience.js';
import { prefetchDesigner } from './designer/prefetch.js';
import { FlowList } from './flows/FlowList.js';
import { useHashRoute } from './useHashRoute.js';

// History, dashboard and audience pages load on first visit (React Flow, uPlot).
const RunsPage = lazy(() => import('./history/RunsPage.js').then((m) => ({ default: m.RunsPage })));
const RunDetailPage = lazy(() => import('./history/RunDetailPage.js').then((m) => ({ default: m.RunDetailPage })));
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
const FinancePage = lazy(() => import('./audiences/FinancePage.js').then((m) => ({ default: m.FinancePage })));
const ArchitecturePage = lazy(() => import('./audiences/ArchitecturePage.js').then((m) => ({ default: m.ArchitecturePage })));

function Overview({ screen }: { screen: 'dashboard' | 'finance' | 'architecture' }) {
  const Page = screen === 'dashboard' ? DashboardPage : screen === 'finance' ? FinancePage : ArchitecturePage;
  return (
    <Suspense fallback={<div className="lf-screen-message">Loading…</div>}>
      <Page />
    </Suspense>
  );
}

// Dead letters (CodeMirror) and operations load on first visit too.
const DeadLettersPage = lazy(() => import('./deadletters/DeadLettersPage.js').then((m) => ({ default: m.DeadLettersPage })));
const OperationsPage = lazy(() => import('./operations/OperationsPage.js').then((m) => ({ default: m.OperationsPage })));
const ConnectionsPage = lazy(() => import('./connections/ConnectionsPage.js').then((m) => ({ default: m.ConnectionsPage })));
const LineagePage = lazy(() => import('./lineage/LineagePage.js').then((m) => ({ default: m.LineagePage })));
const ReconciliationPage = lazy(() => import('./reconciliation/ReconciliationPage.js').then((m) => ({ default: m.ReconciliationPage })));

// The designer (React Flow, CodeMirror, forms) loads when a flow is opened, not with the flow list.
const Designer = lazy(() => import('./designer/Designer.js').then((m) => ({ default: m.Designer })));

export function App() {
  const route = useHashRoute();
  const audience = useAudience((s) => s.audience);
  if (route.screen === 'home') {
    if (audience === 'finance') return <Overview screen="finance" />;
    if (audience === 'support') return <Overview screen="dashboard" />;
    if (audience === 'architect') return <Overview screen="architecture" />;
    return <FlowList />;
  }
  if (route.screen === 'flows') return <FlowList />;
  if (route.screen === 'dashboard' || route.screen === 'finance' || route.screen === 'architecture') return <Overview screen={route.screen} />;
  if (route.screen === 'dead-letters' || route.screen === 'operations') {
    return (
      <Suspense fallback={<div className="lf-screen-message">Loading…</div>}>
        {route.screen === 'operations' ? <OperationsPage /> : <DeadLettersPage letterId={route.letterId} />}
      </Suspense>
    );
  }
  if (route.screen === 'connections') {
    return (
      <Suspense fallback={<div className="lf-screen-message">Loading…</div>}>
        <ConnectionsPage />
      </Suspense>
    );
  }
  if (route.screen === 'lineage' || route.screen === 'reconciliation') {
    return (
      <Suspense fallback={<div className="lf-screen-message">Loading…</div>}>
        {route.screen === 'lineage' ? <LineagePage id={route.id} /> : <ReconciliationPage reportId={route.reportId} />}
      </Suspense>
    );
  }
  if (route.screen === 'runs' || route.screen === 'run') {
    return (
      <Suspense fallback={<div className="lf-screen-message">Loading…</div>}>
        {route.screen === 'runs' ? <RunsPage query={route.query} /> : <RunDetailPage key={route.runId} runId={route.runId} />}
      </Suspense>
    );
  }
  // The catalog and the flow start loading while the designer's code downloads (idempotent per flow).
  prefetchDesigner(route.flowId);
  return (
    <Suspense fallback={<div className="lf-screen-message">Loading the designer…</div>}>
      <Designer key={route.flowId} flowId={route.flowId} />
    </Suspense>
  );
}
