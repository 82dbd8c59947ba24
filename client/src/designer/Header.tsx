/**
 * The designer header: back to the flow list, the flow's name (editable), save and publish, the status of
 * the last save/publish, the issue count and the stand-ins badge.
 */
import { useCatalog } from '../catalog/catalogStore.js';
import { Icon } from '../canvas/icons.js';
import { useDocument } from '../document/documentStore.js';
import { useProblemCount } from '../problems/useProblems.js';
import { formatTime } from '../runs/format.js';
import { saveDraft, usePersistence } from './persistence.js';
import { PublishButton } from './PublishButton.js';
import { ThemeToggle } from './ThemeToggle.js';

export function Header({ onShowProblems }: { onShowProblems: () => void }) {
  const meta = useDocument((s) => s.meta);
  const dirty = useDocument((s) => s.dirty);
  const canUndo = useDocument((s) => s.past.length > 0);
  const canRedo = useDocument((s) => s.future.length > 0);
  const { renameFlow, undo, redo } = useDocument.getState();
  const issueCount = useProblemCount();
  const sandbox = useCatalog((s) => s.health?.sandbox);
  const { status, message, at, publishedVersion } = usePersistence();
  const busy = status === 'saving' || status === 'publishing';

  return (
    <header className="lf-header">
      <a
        className="lf-header__back"
        href="#/"
        title="All flows"
        onClick={(event) => {
          if (useDocument.getState().dirty && !window.confirm('Leave this flow? Unsaved changes will be lost.')) event.preventDefault();
        }}
      >
        <Icon name="back" size={16} />
        <span className="lf-brand">Ledgerflow</span>
      </a>
      <input
        className="lf-header__name"
        value={meta?.name ?? ''}
        onChange={(e) => renameFlow(e.target.value)}
        aria-label="Flow name"
        data-testid="flow-name"
      />
      <span className="lf-chip lf-mono lf-header__id" title={`Flow id ${meta?.id ?? ''}`}>
        {meta?.id}
      </span>
      {publishedVersion ? <span className="lf-chip" title="Latest published version">v{publishedVersion}</span> : null}
      {sandbox ? (
        <span className="lf-chip lf-chip--sandbox" data-testid="sandbox-badge" title="/sandbox/... URLs are served by built-in stand-ins for the CRM, billing and ERP">
          sandbox stand-ins
        </span>
      ) : null}
      <div className="lf-header__spacer" />
      <span className={`lf-save-status lf-save-status--${status}`} data-testid="save-status" data-status={status}>
        {dirty && !busy ? 'Unsaved changes' : message ? `${message}${at && !busy && status !== 'error' ? ` · ${formatTime(at)}` : ''}` : ''}
      </span>
      <button
        type="button"
        className={`lf-chip lf-chip--button ${issueCount ? 'lf-chip--danger' : 'lf-chip--ok'}`}
        onClick={onShowProblems}
        data-testid="issue-count"
        data-count={issueCount}
        title="Show problems"
      >
        {issueCount ? `${issueCount} problem${issueCount > 1 ? 's' : ''}` : 'No problems'}
      </button>
      <ThemeToggle />
      <div className="lf-button-group">
        <button type="button" className="lf-button lf-button--ghost" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="undo">
          <Icon name="undo" size={15} />
        </button>
        <button type="button" className="lf-button lf-button--ghost" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" data-testid="redo">
          <Icon name="redo" size={15} />
        </button>
      </div>
      <button type="button" className="lf-button" onClick={() => void saveDraft()} disabled={busy} data-testid="save" title="Save draft (Ctrl+S)">
        <Icon name="save" size={14} /> Save draft
      </button>
      <PublishButton issueCount={issueCount} />
    </header>
  );
}
