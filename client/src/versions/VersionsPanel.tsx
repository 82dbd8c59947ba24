/**
 * The versions tab: every published version (newest first) with its message and time, and per version:
 * compare (with the draft, or with the version before), restore as the draft (a new draft, saved at once,
 * undoable), export. Above them the draft itself: export it, import a file over it, compare any two.
 */
import { useCallback, useEffect, useState } from 'react';
import { listVersions, getVersion, type VersionSummary } from '../api/flows.js';
import { errorMessage } from '../api/http.js';
import { Icon } from '../canvas/icons.js';
import { saveDraft, usePersistence } from '../designer/persistence.js';
import { useDocument } from '../document/documentStore.js';
import { formatTime } from '../runs/format.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { DiffDialog, type VersionRef } from './DiffDialog.js';
import { downloadFlow } from './flowFile.js';
import { ImportDialog } from './ImportDialog.js';

export function VersionsPanel({ flowId, active }: { flowId: string; active: boolean }) {
  const [versions, setVersions] = useState<VersionSummary[]>();
  const [error, setError] = useState<string>();
  const [compare, setCompare] = useState<{ from: VersionRef; to: VersionRef }>();
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string>();
  const publishedVersion = usePersistence((s) => s.publishedVersion);

  const reload = useCallback(() => {
    listVersions(flowId)
      .then((list) => {
        setVersions(list);
        setError(undefined);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [flowId]);

  useEffect(() => {
    if (active) reload();
  }, [active, reload, publishedVersion]);

  const restore = async (version: number) => {
    try {
      const frozen = await getVersion(flowId, version);
      useDocument.getState().replaceFlow(frozen.flow, `Restore v${version}`);
      const saved = await saveDraft();
      setNotice(saved ? `The draft is now v${version} (saved). Undo brings the previous draft back.` : `v${version} restored into the draft, but saving failed.`);
    } catch (e) {
      setNotice(`Could not restore v${version}: ${errorMessage(e)}`);
    }
  };

  const exportVersion = async (version: number) => {
    try {
      downloadFlow((await getVersion(flowId, version)).flow, version);
    } catch (e) {
      setNotice(`Could not export v${version}: ${errorMessage(e)}`);
    }
  };

  const newestFirst = versions ? [...versions].reverse() : [];
  const latest = newestFirst[0]?.version;
  const columns: Array<Column<VersionSummary>> = [
    {
      header: 'Version',
      cell: (v) => (
        <>
          <span className="lf-chip">v{v.version}</span>
          {v.version === latest ? <span className="lf-muted"> live</span> : null}
        </>
      ),
    },
    { header: 'Message', cell: (v) => v.message ?? <span className="lf-muted">no message</span> },
    { header: 'Published', cellClassName: 'lf-muted', cell: (v) => formatTime(v.publishedAt) },
    {
      header: 'Actions',
      numeric: true,
      cellClassName: 'lf-versions__actions',
      cell: (v) => (
        <>
          {v.version > 1 ? (
            <button type="button" className="lf-button lf-button--ghost" onClick={() => setCompare({ from: v.version - 1, to: v.version })} data-testid={`compare-${v.version}`} title={`What changed from v${v.version - 1} to v${v.version}`}>
              <Icon name="compare" size={14} /> Changes
            </button>
          ) : null}
          <button type="button" className="lf-button lf-button--ghost" onClick={() => void restore(v.version)} data-testid={`restore-${v.version}`} title={`Make v${v.version} the draft again`}>
            <Icon name="restore" size={14} /> Restore
          </button>
          <button type="button" className="lf-button lf-button--ghost" onClick={() => void exportVersion(v.version)} data-testid={`export-${v.version}`} title={`Download v${v.version} as a .flow.json file`}>
            <Icon name="download" size={14} />
          </button>
        </>
      ),
    },
  ];
  return (
    <div className="lf-versions" data-testid="versions">
      <div className="lf-versions__bar">
        <span className="lf-versions__draft">
          <strong>Draft</strong> <span className="lf-muted">what you are editing</span>
        </span>
        <button type="button" className="lf-button" onClick={() => setCompare({ from: latest ?? 'draft', to: 'draft' })} disabled={!latest} data-testid="compare-draft">
          <Icon name="compare" size={14} /> Compare with v{latest ?? '…'}
        </button>
        <button type="button" className="lf-button" onClick={() => setCompare({ from: newestFirst[1]?.version ?? latest!, to: latest! })} disabled={!latest} data-testid="compare-versions">
          <Icon name="compare" size={14} /> Compare versions
        </button>
        <div className="lf-header__spacer" />
        <button type="button" className="lf-button" onClick={() => downloadFlow(useDocument.getState().toFlow()!)} data-testid="export-draft" title="Download the draft as a .flow.json file">
          <Icon name="download" size={14} /> Export
        </button>
        <button type="button" className="lf-button" onClick={() => setImporting(true)} data-testid="import-open" title="Replace the draft with a .flow.json file">
          <Icon name="upload" size={14} /> Import
        </button>
      </div>
      {notice ? (
        <p className="lf-versions__notice" data-testid="versions-notice">
          {notice}
        </p>
      ) : null}
      {error ? <p className="lf-problem-text">Could not load the versions: {error}</p> : null}
      {versions && !versions.length ? <p className="lf-muted lf-versions__empty">Nothing published yet: publish the draft to freeze it as v1.</p> : null}
      {newestFirst.length ? (
        <DataTable rows={newestFirst} columns={columns} rowKey={(v) => String(v.version)} rowProps={(v) => ({ 'data-testid': `version-${v.version}` })} testId="version-list" />
      ) : null}
      {compare && versions ? <DiffDialog flowId={flowId} versions={versions} from={compare.from} to={compare.to} onClose={() => setCompare(undefined)} /> : null}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </div>
  );
}
