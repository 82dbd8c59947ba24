/**
 * Create or edit one connection profile: base URL, how Ledgerflow authenticates to the system, and the
 * credentials its webhooks must carry. Secrets are write-only (SecretField): saved values show as "set"
 * and are replaced only when a new one is typed; after saving, typed values are dropped from the page.
 */
import { useState, type FormEvent } from 'react';
import { deleteProfile, saveProfile, type ConnectionProfileView } from '../api/connectionProfiles.js';
import { errorMessage } from '../api/http.js';
import { AUTH_SECRET_FIELD, AUTH_SECRET_LABEL, bodyOf, draftOf, type AuthKind, type ProfileDraft, type SystemKind } from './profileDraft.js';
import { SecretField } from './SecretField.js';

const NAME = /^[a-z0-9][a-z0-9._-]*$/;

interface ConnectionFormProps {
  /** The stored profile; undefined for a new one (`name` may preset its name). */
  profile?: ConnectionProfileView;
  name?: string;
  onSaved(profile: ConnectionProfileView): void;
  onDeleted(name: string): void;
  onCancel(): void;
}

function Text({ label, value, onChange, testId, placeholder, mono }: { label: string; value: string; onChange(v: string): void; testId: string; placeholder?: string; mono?: boolean }) {
  return (
    <label className="lf-label">
      {label}
      <input className={`lf-input${mono ? ' lf-input--mono' : ''}`} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </label>
  );
}

export function ConnectionForm({ profile, name, onSaved, onDeleted, onCancel }: ConnectionFormProps) {
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(profile, name));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ProfileDraft>(key: K) => (value: ProfileDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const creating = !profile;
  const secretSet = (path: string) => Boolean(profile?.secrets[path]) && (path !== `auth.${AUTH_SECRET_FIELD[draft.auth]}` || profile?.auth.type === draft.auth);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!NAME.test(draft.name)) return setError('The name uses lower-case letters, digits, ".", "_" or "-" (e.g. erp).');
    setBusy(true);
    setError(undefined);
    try {
      const saved = await saveProfile(draft.name, bodyOf(draft));
      setDraft(draftOf(saved)); // typed secrets leave the page
      onSaved(saved);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!profile || !window.confirm(`Delete the profile "${profile.name}"? Flows using it lose its base URL and credentials.`)) return;
    try {
      await deleteProfile(profile.name);
      onDeleted(profile.name);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const authField = AUTH_SECRET_FIELD[draft.auth];
  return (
    <form className="lf-card lf-connection-form" onSubmit={(e) => void submit(e)} data-testid="connection-form" autoComplete="off">
      <h2 className="lf-card__title">{creating ? 'New connection' : `Connection ${profile.name}`}</h2>
      <div className="lf-connection-form__grid">
        {creating ? <Text label="Name (used by nodes)" value={draft.name} onChange={set('name')} testId="profile-name" placeholder="erp" mono /> : null}
        <label className="lf-label">
          System
          <select className="lf-input" value={draft.system} onChange={(e) => set('system')(e.target.value as SystemKind)} data-testid="profile-system">
            <option value="">—</option>
            <option value="salesforce">Salesforce</option>
            <option value="stripe">Stripe</option>
            <option value="netsuite">NetSuite</option>
            <option value="generic">Other REST API</option>
          </select>
        </label>
        <Text label="Base URL" value={draft.baseUrl} onChange={set('baseUrl')} testId="profile-base-url" placeholder="https://acct.suitetalk.api.netsuite.com/services/rest" mono />
        <Text label="Description" value={draft.description} onChange={set('description')} testId="profile-description" />
      </div>

      <fieldset className="lf-connection-form__section">
        <legend>Ledgerflow → system</legend>
        <label className="lf-label">
          Authentication
          <select className="lf-input" value={draft.auth} onChange={(e) => setDraft((d) => ({ ...d, auth: e.target.value as AuthKind, authSecret: undefined }))} data-testid="profile-auth">
            <option value="none">None</option>
            <option value="bearer">Bearer token</option>
            <option value="basic">Basic (user and password)</option>
            <option value="apiKey">API key</option>
            <option value="oauth2">OAuth2 client credentials</option>
          </select>
        </label>
        {draft.auth === 'basic' ? <Text label="User" value={draft.username} onChange={set('username')} testId="profile-username" /> : null}
        {draft.auth === 'apiKey' ? (
          <div className="lf-connection-form__grid">
            <label className="lf-label">
              Sent in
              <select className="lf-input" value={draft.apiKeyIn} onChange={(e) => set('apiKeyIn')(e.target.value as 'header' | 'query')} data-testid="profile-api-key-in">
                <option value="header">a header</option>
                <option value="query">the query string</option>
              </select>
            </label>
            <Text label="Header or parameter name" value={draft.apiKeyName} onChange={set('apiKeyName')} testId="profile-api-key-name" mono />
          </div>
        ) : null}
        {draft.auth === 'oauth2' ? (
          <div className="lf-connection-form__grid">
            <Text label="Token URL" value={draft.tokenUrl} onChange={set('tokenUrl')} testId="profile-token-url" mono />
            <Text label="Client id" value={draft.clientId} onChange={set('clientId')} testId="profile-client-id" mono />
            <Text label="Scope" value={draft.scope} onChange={set('scope')} testId="profile-scope" />
          </div>
        ) : null}
        {authField ? <SecretField label={AUTH_SECRET_LABEL[draft.auth]} isSet={secretSet(`auth.${authField}`)} value={draft.authSecret} onChange={set('authSecret')} testId="profile-auth-secret" /> : null}
      </fieldset>

      <fieldset className="lf-connection-form__section">
        <legend>System → Ledgerflow (webhooks)</legend>
        <Text label="User (basic auth only)" value={draft.webhookUser} onChange={set('webhookUser')} testId="profile-webhook-user" />
        <SecretField
          label="Signing secret or password"
          isSet={Boolean(profile?.secrets['webhook.secret'])}
          value={draft.webhookSecret}
          onChange={set('webhookSecret')}
          testId="profile-webhook-secret"
          help="Stripe: the endpoint's whsec_… secret. Webhook triggers name this connection in their Verify setting."
        />
      </fieldset>

      {error ? <p className="lf-field-error" data-testid="profile-error">{error}</p> : null}
      <div className="lf-row lf-row--end">
        {profile ? (
          <button type="button" className="lf-button lf-button--ghost lf-button--danger" onClick={() => void remove()} data-testid="profile-delete">
            Delete
          </button>
        ) : null}
        <button type="button" className="lf-button lf-button--ghost" onClick={onCancel}>
          Close
        </button>
        <button type="submit" className="lf-button lf-button--primary" disabled={busy} data-testid="profile-save">
          Save
        </button>
      </div>
    </form>
  );
}
