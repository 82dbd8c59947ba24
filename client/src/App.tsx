/** The designer application: the flow list or one flow's designer, chosen by the URL hash. */
import { lazy, Suspense } from 'react';
import { FlowList } from './flows/FlowList.js';
import { useHashRoute } from './useHashRoute.js';

// The designer (React Flow, CodeMirror, forms) loads when a flow is opened, not with the flow list.
const Designer = lazy(() => import('./designer/Designer.js').then((m) => ({ default: m.Designer })));

export function App() {
  const route = useHashRoute();
  if (route.screen === 'flows') return <FlowList />;
  return (
    <Suspense fallback={<div className="lf-screen-message">Loading the designer…</div>}>
      <Designer key={route.flowId} flowId={route.flowId} />
    </Suspense>
  );
}
