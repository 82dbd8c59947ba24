/**
 * The panel under the canvas: problems, test run and run history as tabs. All three stay mounted (inactive
 * ones hidden) so a tab switch keeps the input being prepared and the list scroll position.
 */
import { useProblemCount } from '../problems/useProblems.js';
import { ProblemsPanel } from '../problems/ProblemsPanel.js';
import { RunHistory } from '../runs/RunHistory.js';
import { RunPanel } from '../runs/RunPanel.js';

export type BottomTab = 'problems' | 'run' | 'runs';

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
  ];
  return (
    <section className="lf-bottom">
      <div className="lf-tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`lf-tab${tab === t.id ? ' lf-tab--active' : ''}${t.id === 'problems' && problemCount ? ' lf-tab--alert' : ''}`}
            onClick={() => onTab(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="lf-bottom__body" hidden={tab !== 'run'}>
        <RunPanel flowId={flowId} />
      </div>
      <div className="lf-bottom__body" hidden={tab !== 'problems'}>
        <ProblemsPanel />
      </div>
      <div className="lf-bottom__body" hidden={tab !== 'runs'}>
        <RunHistory flowId={flowId} active={tab === 'runs'} />
      </div>
    </section>
  );
}
