/**
 * Import a flow file into the open flow: the file is loaded as the server loads one (flowFile.ts); if it
 * cannot be, every error is listed with its JSON path; if it can, a summary and its problems are shown and
 * it replaces the draft (one undo step, saved at once). The flow keeps its id.
 */
import { useState, type ChangeEvent } from 'react';
import { formatJsonPath, type FlowIssue } from '../../../nodes/sdk/errors.js';
import { useModal } from '../designer/layoutStore.js';
import { saveDraft } from '../designer/persistence.js';
import { useDocument } from '../document/documentStore.js';
import { DialogFoot, DialogHead, OverlayDialog } from '../ui/Dialog.js';
import { readFlowFile, type ImportResult } from './flowFile.js';

function IssueList({ issues, testId }: { issues: FlowIssue[]; testId: string }) {
  return (
    <ul className="lf-problems lf-problems--boxed" data-testid={testId}>
      {issues.map((issue, i) => (
        <li key={i} className="lf-problem lf-problem--static">
          <span className={`lf-problem__code lf-problem__code--${issue.code}`}>{issue.code}</span>
          <span className="lf-problem__path lf-mono">{formatJsonPath(issue.path)}</span>
          <span className="lf-problem__message">{issue.message}</span>
        </li>
      ))}
    </ul>
  );
}

export function ImportDialog({ onClose }: { onClose(): void }) {
  useModal();
  const flowId = useDocument((s) => s.meta?.id);
  const [file, setFile] = useState<{ name: string; result: ImportResult }>();

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    setFile({ name: chosen.name, result: readFlowFile(await chosen.text()) });
  };

  const apply = async () => {
    if (!file?.result.ok) return;
    useDocument.getState().replaceFlow(file.result.flow, `Import ${file.name}`);
    onClose();
    await saveDraft();
  };

  const result = file?.result;
  return (
    <OverlayDialog labelledBy="import-title" onClose={onClose} testId="import-dialog">
      <DialogHead icon="upload" title="Import a flow file" titleId="import-title" onClose={onClose} />
      <div className="lf-dialog__body">
        <p className="lf-help">
          Choose a <span className="lf-mono">.flow.json</span> file. It replaces the draft of <span className="lf-mono">{flowId}</span> (undo brings the
          draft back); published versions are not touched.
        </p>
        <input type="file" accept=".json,application/json" className="lf-input" onChange={(e) => void pick(e)} data-testid="import-file" />
        {result && !result.ok ? (
          <>
            <p className="lf-problem-text" data-testid="import-refused">
              {file.name} cannot be imported: {result.errors.length} error{result.errors.length > 1 ? 's' : ''}.
            </p>
            <IssueList issues={result.errors} testId="import-errors" />
          </>
        ) : null}
        {result?.ok ? (
          <>
            <p data-testid="import-summary">
              <strong>{result.flow.name}</strong> · {result.flow.nodes.length} nodes · {result.flow.edges.length} connections
              {result.flow.id !== flowId ? (
                <span className="lf-muted">
                  {' '}
                  (file id <span className="lf-mono">{result.flow.id}</span>, imported as <span className="lf-mono">{flowId}</span>)
                </span>
              ) : null}
            </p>
            {result.warnings.length ? (
              <>
                <p className="lf-muted">
                  It opens with {result.warnings.length} problem{result.warnings.length > 1 ? 's' : ''} to fix before it can be published:
                </p>
                <IssueList issues={result.warnings} testId="import-warnings" />
              </>
            ) : null}
          </>
        ) : null}
      </div>
      <DialogFoot onCancel={onClose}>
        <button type="button" className="lf-button lf-button--primary" disabled={!result?.ok} onClick={() => void apply()} data-testid="import-confirm">
          Replace the draft
        </button>
      </DialogFoot>
    </OverlayDialog>
  );
}
