/**
 * The mapping preview's worker: evaluates one preview per message (preview.ts) off the UI thread. The page
 * terminates it when an evaluation runs past its bound (previewRunner.ts), so a runaway expression never
 * freezes the designer.
 */
import { evaluatePreview, type PreviewRequest } from './preview.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; request: PreviewRequest }>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, request } = event.data;
  void evaluatePreview(request).then((result) => scope.postMessage({ id, result }));
};
