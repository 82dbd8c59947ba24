/**
 * Saving and publishing the open flow, and the status line the header shows for them.
 * Publishing saves pending edits first (the server publishes the saved draft); a 422 answer's issues go to
 * the problems panel.
 */
import { create } from 'zustand';
import { publishFlow, saveFlow } from '../api/flows.js';
import { errorMessage, ProblemError } from '../api/http.js';
import { useDocument } from '../document/documentStore.js';

export type PersistenceStatus = 'idle' | 'saving' | 'saved' | 'publishing' | 'published' | 'error';

interface PersistenceState {
  status: PersistenceStatus;
  message?: string;
  /** ISO 8601 time of the last successful save or publish. */
  at?: string;
  publishedVersion?: number;
  reset(publishedVersion?: number): void;
}

export const usePersistence = create<PersistenceState>((set) => ({
  status: 'idle',
  reset: (publishedVersion) => set({ status: 'idle', message: undefined, at: undefined, publishedVersion }),
}));

/** Saves the draft (`PUT /api/flows/:id`). Resolves true when saved. */
export async function saveDraft(): Promise<boolean> {
  const document = useDocument.getState();
  const flow = document.toFlow();
  if (!flow) return false;
  const revision = document.revision;
  usePersistence.setState({ status: 'saving', message: 'Saving…' });
  try {
    const saved = await saveFlow(flow);
    useDocument.getState().markSaved(revision, saved.issues ?? []);
    usePersistence.setState({ status: 'saved', message: 'Draft saved', at: saved.updatedAt ?? new Date().toISOString() });
    return true;
  } catch (error) {
    if (error instanceof ProblemError && error.issues.length) useDocument.getState().setServerIssues(error.issues);
    usePersistence.setState({ status: 'error', message: `Save failed: ${errorMessage(error)}` });
    return false;
  }
}

/** Saves pending edits, then publishes (`POST /api/flows/:id/publish`). Resolves true when published. */
export async function publishDraft(message: string): Promise<boolean> {
  const { meta, dirty } = useDocument.getState();
  if (!meta) return false;
  if (dirty && !(await saveDraft())) return false;
  usePersistence.setState({ status: 'publishing', message: 'Publishing…' });
  try {
    const published = await publishFlow(meta.id, message.trim() || undefined);
    useDocument.getState().setServerIssues([]);
    usePersistence.setState({
      status: 'published',
      message: `Published v${published.version}`,
      at: published.publishedAt,
      publishedVersion: published.version,
    });
    return true;
  } catch (error) {
    if (error instanceof ProblemError && error.issues.length) {
      useDocument.getState().setServerIssues(error.issues);
      usePersistence.setState({ status: 'error', message: `Not published: ${error.issues.length} problem${error.issues.length > 1 ? 's' : ''}` });
    } else usePersistence.setState({ status: 'error', message: `Publish failed: ${errorMessage(error)}` });
    return false;
  }
}
