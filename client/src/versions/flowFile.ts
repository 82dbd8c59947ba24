/**
 * Flow files in and out of the designer. Export writes `<id>.flow.json` (or `<id>.v<n>.flow.json`) in the
 * repository's stable key order (`stringifyFlow`). Import reads a file the way the server loads one:
 * migrate → normalise → parse (`loadFlowText`); structural errors stop it, each with its JSON path; the
 * semantic checks (`validateFlow`: unknown types, bad configs, broken edges) are reported but do not stop
 * it, since a draft with problems can be opened and fixed.
 */
import { FlowValidationError, type FlowIssue } from '../../../nodes/sdk/errors.js';
import { loadFlowText, stringifyFlow, validateFlow, type Flow } from '../../../nodes/sdk/flow.js';
import { registry } from '../../../nodes/registry.js';

/** Starts a download of `flow` as a `.flow.json` file. */
export function downloadFlow(flow: Flow, version?: number): string {
  const name = `${flow.id}${version ? `.v${version}` : ''}.flow.json`;
  const url = URL.createObjectURL(new Blob([stringifyFlow(flow)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export type ImportResult =
  | { ok: true; flow: Flow; warnings: FlowIssue[] }
  | { ok: false; errors: FlowIssue[] };

/** Loads the text of a flow file; never throws. */
export function readFlowFile(text: string): ImportResult {
  try {
    const flow = loadFlowText(text, registry);
    return { ok: true, flow, warnings: validateFlow(flow, registry) };
  } catch (error) {
    if (error instanceof FlowValidationError) return { ok: false, errors: error.issues };
    return { ok: false, errors: [{ code: 'unreadable', path: [], message: error instanceof Error ? error.message : String(error) }] };
  }
}
