/** The problems list: client-side issues of the current draft plus the server's from the last save or publish. */
import { useMemo } from 'react';
import type { FlowIssue } from '../../../nodes/sdk/errors.js';
import { useDocument } from '../document/documentStore.js';
import { issueKey } from '../document/flowIssues.js';

export interface Problem extends FlowIssue {
  source: 'draft' | 'server';
}

export function useProblems(): Problem[] {
  const issues = useDocument((s) => s.issues);
  const serverIssues = useDocument((s) => s.serverIssues);
  return useMemo(() => {
    const seen = new Set(issues.map(issueKey));
    return [
      ...issues.map((issue) => ({ ...issue, source: 'draft' as const })),
      ...serverIssues.filter((issue) => !seen.has(issueKey(issue))).map((issue) => ({ ...issue, source: 'server' as const })),
    ];
  }, [issues, serverIssues]);
}

export function useProblemCount(): number {
  return useProblems().length;
}
