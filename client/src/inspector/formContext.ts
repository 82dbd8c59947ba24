/** What the config form passes its widgets: the node's issues by rjsf field id (`root_routes_0_condition`). */
import type { FlowIssue } from '../../../nodes/sdk/errors.js';

export interface FieldIssue {
  message: string;
  /** 0-based offset in a JSONata expression. */
  position?: number;
}

export interface ConfigFormContext {
  fieldIssues: Record<string, FieldIssue>;
}

/** Maps issues at `nodes[i].config.<path>` to rjsf ids (`root_<path joined by _>`). */
export function fieldIssuesOf(issues: readonly FlowIssue[], nodeId: string): Record<string, FieldIssue> {
  const out: Record<string, FieldIssue> = {};
  for (const issue of issues) {
    if (issue.nodeId !== nodeId || issue.path[0] !== 'nodes' || issue.path[2] !== 'config') continue;
    const id = ['root', ...issue.path.slice(3)].join('_');
    if (out[id]) continue;
    out[id] = { message: issue.message, ...(issue.position !== undefined ? { position: issue.position } : {}) };
  }
  return out;
}
