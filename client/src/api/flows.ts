/** Flows: list, load, save the draft, publish (docs/api.md, "flows" rows). */
import type { FlowIssue } from '../../../nodes/sdk/errors.js';
import type { Flow } from '../../../nodes/sdk/flow.js';
import type { Json } from '../../../nodes/sdk/message.js';
import type { FlowSummary, PublishedVersion } from '../../../server/storage/types.js';
import { requestJson } from './http.js';

export interface FlowDocument {
  flow: Flow;
  /** ISO 8601. */
  updatedAt: string;
  /** What stops publishing, as the server sees it. */
  issues: FlowIssue[];
  publishedVersion?: number;
}

export interface PublishResult {
  version: number;
  publishedAt: string;
  flowId: string;
}

const flowUrl = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

export const listFlows = () => requestJson<FlowSummary[]>('GET', '/api/flows');

export const getFlow = (id: string) => requestJson<FlowDocument>('GET', flowUrl(id));

/** Saves the draft. @throws ProblemError 400 when the flow is structurally invalid, 409 on an id mismatch. */
export const saveFlow = (flow: Flow) => requestJson<FlowDocument>('PUT', flowUrl(flow.id), flow);

/**
 * Creates a flow from a minimal document (no settings, type versions or schemaVersion needed: the server
 * migrates and normalises it on PUT).
 */
export const createFlow = (draft: { id: string; name: string; nodes: unknown[]; edges: unknown[] }) =>
  requestJson<FlowDocument>('PUT', flowUrl(draft.id), draft);

/** Freezes the saved draft as the next version. @throws ProblemError 422 with `issues` when it cannot be published. */
export const publishFlow = (id: string, message?: string) =>
  requestJson<PublishResult>('POST', `${flowUrl(id)}/publish`, message ? { message } : {});

/** A published version without its flow: number, message, ISO 8601 publish time. */
export type VersionSummary = Omit<PublishedVersion, 'flow'>;

/** Published versions, oldest first. */
export const listVersions = (id: string) => requestJson<VersionSummary[]>('GET', `${flowUrl(id)}/versions`);

/** One published version with its frozen flow. @throws ProblemError 404 when there is no such version. */
export const getVersion = (id: string, version: number) => requestJson<PublishedVersion>('GET', `${flowUrl(id)}/versions/${version}`);

/** Runs `flow` (the unsaved draft) on `input`; follow the live trace for the result. */
export const startTestRun = (id: string, input: Json, flow: Flow) =>
  requestJson<{ runId: string }>('POST', `${flowUrl(id)}/test-run`, { input, flow });
