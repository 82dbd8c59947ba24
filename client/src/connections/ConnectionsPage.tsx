/**
 * `#/connections`: the connection profiles — base URL, authentication (bearer, basic, API key, OAuth2
 * client credentials) and webhook credentials per target system, secrets shown only as "set" — and, below,
 * each connection's hold, circuit and throttle state with hold / release (ConnectionGovernance).
 */
import { useCallback, useEffect, useState } from 'react';
import { listConnectionEntries, type ConnectionEntry, type ConnectionProfileView } from '../api/connectionProfiles.js';
import { errorMessage } from '../api/http.js';
import { AppHeader } from '../audiences/AppHeader.js';
import { Icon } from '../canvas/icons.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { ConnectionForm } from './ConnectionForm.js';
import { ConnectionGovernance } from './ConnectionGovernance.js';
import '../styles/connections.css';

const AUTH_LABEL: Record<string, string> = { none: 'none', bearer: 'bearer token', basic: 'basic', apiKey: 'API key', oauth2: 'OAuth2 client credentials' };

type Editing = { kind: 'new' } | { kind: 'edit'; name: string };

const none = <span className="lf-muted">—</span>;

/** A profile per row; a connection used by a flow but without a profile shows `no profile`. */
const PROFILE_COLUMNS: Array<Column<ConnectionEntry>> = [
  { header: 'Connection', cellClassName: 'lf-mono', cell: (entry) => entry.name },
  { header: 'System', cell: ({ profile: p }) => p?.system ?? none },
  { header: 'Base URL', cellClassName: 'lf-mono lf-connections-table__url', cell: ({ profile: p }) => p?.baseUrl ?? <span className="lf-muted">{p ? 'none' : 'no profile'}</span> },
  { header: 'Authentication', cell: ({ profile: p }) => (p ? AUTH_LABEL[p.auth.type] : none) },
  {
    header: 'Secrets',
    cellProps: () => ({ 'data-testid': 'secrets-state' }),
    cell: ({ profile: p }) =>
      p && Object.keys(p.secrets).length ? (
        Object.keys(p.secrets).map((path) => (
          <span key={path} className="lf-chip lf-chip--ok">
            {path} set
          </span>
        ))
      ) : (
        <span className="lf-muted">none</span>
      ),
  },
  { header: 'Webhooks', cell: ({ profile: p }) => (p?.secrets['webhook.secret'] ? (p.webhook?.username ? 'basic auth' : 'signed') : none) },
];

export function ConnectionsPage() {
  const [entries, setEntries] = useState<ConnectionEntry[]>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    try {
      setEntries(await listConnectionEntries());
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const editedEntry = editing?.kind === 'edit' ? entries?.find((e) => e.name === editing.name) : undefined;
  const saved = (profile: ConnectionProfileView) => {
    setNotice(`Saved ${profile.name}.`);
    setEditing({ kind: 'edit', name: profile.name });
    void load();
  };

  return (
    <div className="lf-page lf-connections-page">
      <AppHeader current="connections" />
      <main className="lf-page__body lf-page__body--wide">
        <div className="lf-row lf-row--between">
          <h1 className="lf-page__title">Connections</h1>
          <button type="button" className="lf-button lf-button--primary" onClick={() => setEditing({ kind: 'new' })} data-testid="new-connection">
            <Icon name="plus" size={14} /> New connection
          </button>
        </div>
        <p className="lf-muted">
          Nodes name a connection (e.g. <code>erp</code>); its profile gives them a base URL and credentials, stored encrypted and never shown again.
        </p>
        {notice ? <p className="lf-chip lf-chip--ok" data-testid="connections-notice">{notice}</p> : null}
        {error ? <p className="lf-field-error">Could not load connections: {error}</p> : null}
        {editing ? (
          <ConnectionForm
            key={editing.kind === 'edit' ? `${editing.name}:${editedEntry?.profile?.version ?? 0}` : 'new'}
            profile={editedEntry?.profile}
            {...(editing.kind === 'edit' && !editedEntry?.profile ? { name: editing.name } : {})}
            onSaved={saved}
            onDeleted={(name) => {
              setNotice(`Deleted ${name}.`);
              setEditing(undefined);
              void load();
            }}
            onCancel={() => setEditing(undefined)}
          />
        ) : null}
        {entries ? (
          <DataTable
            rows={entries}
            columns={PROFILE_COLUMNS}
            rowKey={(entry) => entry.name}
            rowProps={(entry) => ({ onClick: () => setEditing({ kind: 'edit', name: entry.name }), 'data-testid': `profile-${entry.name}` })}
            className="lf-table--clickable lf-connections-table"
            testId="profiles-table"
          />
        ) : !error ? (
          <p className="lf-muted">Loading…</p>
        ) : null}
        <h2 className="lf-section-title">Holds, circuits and throttles</h2>
        <ConnectionGovernance bare />
      </main>
    </div>
  );
}
