/**
 * The designer for one flow: loads the node catalog and the flow, follows the flow's live trace from the
 * moment it opens (so no event of a test run is missed), and lays out header, palette, canvas, inspector and
 * the bottom panel.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { Suspense, useEffect, useState } from 'react';
import { loadFlow } from '../../../nodes/sdk/flow.js';
import { registry } from '../../../nodes/registry.js';
import { errorMessage } from '../api/http.js';
import { useCatalog } from '../catalog/catalogStore.js';
import { Canvas } from '../canvas/Canvas.js';
import { useDocument } from '../document/documentStore.js';
import { Palette } from '../palette/Palette.js';
import { followFlow } from '../runs/runController.js';
import { useRunInput } from '../runs/runInputStore.js';
import { useRun } from '../runs/runStore.js';
import { BottomPanel, type BottomTab } from './BottomPanel.js';
import { Header } from './Header.js';
import { Inspector } from './lazyParts.js';
import { useLayout } from './layoutStore.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { usePersistence } from './persistence.js';
import { openFlowDocument } from './prefetch.js';
import { useDesignerKeys } from './useDesignerKeys.js';

type LoadState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'failed'; message: string };

/** Resolves once the node catalog has loaded (or failed to). */
function catalogSettled(): Promise<void> {
  void useCatalog.getState().load();
  return new Promise((resolve) => {
    const settled = () => ['ready', 'failed'].includes(useCatalog.getState().status);
    if (settled()) return resolve();
    const stop = useCatalog.subscribe(() => {
      if (!settled()) return;
      stop();
      resolve();
    });
  });
}

function useOpenFlow(flowId: string): LoadState {
  const [state, setState] = useState<LoadState>({ phase: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setState({ phase: 'loading' });
    // The flow and the catalog load side by side; the canvas is built when both are here.
    Promise.all([openFlowDocument(flowId), catalogSettled()])
      .then(([document]) => {
        if (cancelled) return;
        // Draw first, check configs and expressions right after (a big flow is on screen sooner).
        useDocument.getState().load(loadFlow(document.flow, registry), { deferChecks: true });
        useDocument.getState().setServerIssues(document.issues ?? []);
        usePersistence.getState().reset(document.publishedVersion);
        useRun.getState().reset();
        useRunInput.setState({ sample: '', text: '{}' });
        setState({ phase: 'ready' });
      })
      .catch((error: unknown) => !cancelled && setState({ phase: 'failed', message: errorMessage(error) }));
    return () => {
      cancelled = true;
    };
  }, [flowId]);
  return state;
}

export function Designer({ flowId }: { flowId: string }) {
  const state = useOpenFlow(flowId);
  const [tab, setTab] = useState<BottomTab>('run');
  useDesignerKeys();
  const paletteCollapsed = useLayout((s) => s.paletteCollapsed);
  const bottomCollapsed = useLayout((s) => s.bottomCollapsed);
  const helpOpen = useLayout((s) => s.helpOpen);
  // The inspector takes room only when pinned or when something is selected.
  const inspectorPinned = useLayout((s) => s.inspectorPinned);
  // Opened by a selection once a drag is over (not mid-drag: the canvas would narrow under the pointer).
  const somethingSelected = useDocument((s) => s.selectionCount > 0 && !s.gesturing);
  const inspectorShown = inspectorPinned || somethingSelected;

  useEffect(() => {
    const live = followFlow(flowId);
    return live.stop;
  }, [flowId]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (useDocument.getState().dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  if (state.phase === 'loading') return <div className="lf-screen-message">Loading {flowId}…</div>;
  if (state.phase === 'failed') {
    return (
      <div className="lf-screen-message">
        <p className="lf-problem-text">Could not open {flowId}: {state.message}</p>
        <a href="#/">Back to the flows</a>
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <div
        className={[
          'lf-designer',
          paletteCollapsed ? 'lf-designer--palette-rail' : '',
          inspectorShown ? '' : 'lf-designer--no-inspector',
          bottomCollapsed ? 'lf-designer--bottom-folded' : '',
        ].filter(Boolean).join(' ')}
        data-testid="designer"
      >
        <Header
          onShowProblems={() => {
            setTab('problems');
            useLayout.getState().setBottomCollapsed(false);
          }}
        />
        <Palette />
        <main className="lf-workspace">
          <Canvas key={flowId} />
          <BottomPanel flowId={flowId} tab={tab} onTab={setTab} />
        </main>
        {inspectorShown ? (
          <Suspense fallback={<aside className="lf-inspector" aria-busy="true" />}>
            <Inspector />
          </Suspense>
        ) : null}
        {helpOpen ? <ShortcutsHelp onClose={() => useLayout.getState().setHelpOpen(false)} /> : null}
      </div>
    </ReactFlowProvider>
  );
}
