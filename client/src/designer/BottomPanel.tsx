/**
 * The panel under the canvas: problems, test run, run history and versions as tabs. They stay mounted
 * (inactive ones hidden) so a tab switch keeps the input being prepared and the list scroll position.
 * The panel folds to its tab bar (chevron or Ctrl+J); choosing a tab unfolds it.
 */
import { Suspense } from 'react';
import { useProblemCount } from '../problems/useProblems.js';
import { ProblemsPanel } from '../problems/ProblemsPanel.js';
import { Icon } from '../canvas/icons.js';
import { useLayout } from './layoutStore.js';
import { RunHistory, RunPanel, VersionsPanel } from './lazyParts.js';
import { useAfterFirstPaint } from './useAfterFirstPaint.js';

export type BottomTab = 'problems' | 'run' | 'runs' | 'versions';

interface BottomPanelProps {
  flowId: string;
  tab: BottomTab;
  onTab: (tab: BottomTab) => void;
}

export function BottomPanel({ flowId, tab, onTab }: BottomPanelProps) {
  const problemCount = useProblemCount();
  const tabs: Array<{ id: BottomTab; label: string }> = [
    { id: 'run', label: 'Test run' },
    { id: 'problems', label: `Problems${problemCount ? ` (${problemCount})` : ''}` },
    { id: 'runs', label: 'Runs' },
    { id: 'versions', label: 'Versions' },
  ];
  const folded = useLayout((s) => s.bottomCollapsed);
  // The tabs' contents (a code editor among them) mount once the canvas is on screen.
  const painted = useAfterFirstPaint();
  const setFolded = useLayout((s) => s.setBottomCollapsed);
  return (
    <section className={`lf-bottom${folded ? ' lf-bottom--folded' : ''}`}>
      <div className="lf-tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`lf-tab${tab === t.id ? ' lf-tab--active' : ''}${t.id === 'problems' && problemCount ? ' lf-tab--alert' : ''}`}
            onClick={() => {
              onTab(t.id);
              setFolded(false);
            }}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
        <button
          type="button"
          className="lf-icon-button lf-tabs__fold"
          onClick={() => setFolded(!folded)}
          title={folded ? 'Unfold the panel (Ctrl+J)' : 'Fold the panel (Ctrl+J)'}
          aria-expanded={!folded}
          data-testid="bottom-fold"
        >
          <Icon name="chevron" size={16} className={folded ? 'lf-rotate-180' : undefined} />
        </button>
      </div>
      {painted ? (
        <Suspense fallback={<p className="lf-muted lf-bottom__loading">Loading…</p>}>
          <div className="lf-bottom__body" hidden={tab !== 'run'}>
            <RunPanel flowId={flowId} />
          </div>
          <div className="lf-bottom__body" hidden={tab !== 'problems'}>
            <ProblemsPanel />
          </div>
          <div className="lf-bottom__body" hidden={tab !== 'runs'}>
            <RunHistory flowId={flowId} active={tab === 'runs'} />
          </div>
          <div className="lf-bottom__body" hidden={tab !== 'versions'}>
            <VersionsPanel flowId={flowId} active={tab === 'versions'} />
          </div>
        </Suspense>
      ) : null}
    </section>
  );
}
