/** Creates a flow (`PUT /api/flows/:id`) with a manual trigger to start from, then opens it. */
import { useState, type FormEvent } from 'react';
import { createFlow } from '../api/flows.js';
import { errorMessage } from '../api/http.js';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export function NewFlowForm({ takenIds, onCancel }: { takenIds: ReadonlySet<string>; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const flowId = idEdited ? id : slug(name);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Give the flow a name.');
    if (!ID_PATTERN.test(flowId)) return setError('The id uses letters, digits, "_", "-" or "." and starts with a letter or digit.');
    if (takenIds.has(flowId)) return setError(`A flow with id "${flowId}" exists already.`);
    setBusy(true);
    try {
      await createFlow({
        id: flowId,
        name: name.trim(),
        nodes: [{ id: 'start', type: 'trigger.manual', name: 'Start', position: { x: 0, y: 0 }, config: {} }],
        edges: [],
      });
      window.location.hash = `#/flows/${encodeURIComponent(flowId)}`;
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <form className="lf-card lf-new-flow" onSubmit={(e) => void submit(e)} data-testid="new-flow-form">
      <h2 className="lf-card__title">New flow</h2>
      <label className="lf-label" htmlFor="new-flow-name">
        Name
      </label>
      <input id="new-flow-name" className="lf-input" value={name} onChange={(e) => setName(e.target.value)} placeholder="Salesforce opportunity to subscription" autoFocus data-testid="new-flow-name" />
      <label className="lf-label" htmlFor="new-flow-id">
        Id (file name in flows/)
      </label>
      <input
        id="new-flow-id"
        className="lf-input lf-input--mono"
        value={flowId}
        onChange={(e) => {
          setIdEdited(true);
          setId(e.target.value);
        }}
        data-testid="new-flow-id"
      />
      {error ? <p className="lf-field-error">{error}</p> : null}
      <div className="lf-row lf-row--end">
        <button type="button" className="lf-button lf-button--ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="lf-button lf-button--primary" disabled={busy} data-testid="create-flow">
          Create and open
        </button>
      </div>
    </form>
  );
}
