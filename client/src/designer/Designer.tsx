/**
 * The designer for one flow: loads the node catalog and the flow, follows the flow's live trace from the
 * moment it opens (so no event of a test run is missed), and lays out header, palette, canvas, inspector and
 * the bottom panel.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { loadFlow } from '../../../nodes/sdk/flow.js';
import { registry } from '../../../nodes/registry.js';
import { getFlow } from '../api/flows.js';
import { errorMessage } from '../api/http.js';
import { useCatalog } from '../catalog/catalogStore.js';
import { Canvas } from '../canvas/Canvas.js';
import { useDocument } from '../document/documentStore.js';
import { Inspector } from '../inspector/Inspector.js';
import { Palette } from '../palette/Palette.js';
import { followFlow } from '../runs/runController.js';
import { useRunInput } from '../runs/runInputStore.js';
import { useRun } from '../runs/runStore.js';
import { BottomPanel, type BottomTab } from './BottomPanel.js';
import { Header } from './Header.js';
import { usePersistence } from './persistence.js';
import { useDesignerKeys } from './useDesignerKeys.js';

type LoadState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'failed'; message: string };

function useOpenFlow(flowId: string): LoadState {
  const [state, setState] = useState<LoadState>({ phase: 'loading' });
  const catalogStatus = useCatalog((s) => s.status);
  useEffect(() => {
    void useCatalog.getState().load();
  }, []);
  useEffect(() => {
    if (catalogStatus !== 'ready' && catalogStatus !== 'failed') return;
    let cancelled = false;
    setState({ phase: 'loading' });
    getFlow(flowId)
      .then((document) => {
        if (cancelled) return;
        useDocument.getState().load(loadFlow(document.flow, registry));
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
  }, [flowId, catalogStatus]);
  return state;
}

export function Designer({ flowId }: { flowId: string }) {
  const state = useOpenFlow(flowId);
  const [tab, setTab] = useState<BottomTab>('run');
  useDesignerKeys();

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
      <div className="lf-designer" data-testid="designer">
        <Header onShowProblems={() => setTab('problems')} />
        <Palette />
        <main className="lf-workspace">
          <Canvas key={flowId} />
          <BottomPanel flowId={flowId} tab={tab} onTab={setTab} />
        </main>
        <Inspector />
      </div>
    </ReactFlowProvider>
  );
}
