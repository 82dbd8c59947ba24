/** The preview runner: answers come back per request, a runaway evaluation is cut off and the worker recreated. */
import { describe, expect, test, vi } from 'vitest';
import { evaluatePreview, type PreviewRequest } from './preview.js';
import { PreviewRunner, type PreviewWorker } from './previewRunner.js';

/** A worker that evaluates in this thread, or never answers when the expression says `hang`. */
function fakeWorker(created: { count: number; terminated: number }): PreviewWorker {
  created.count++;
  const worker: PreviewWorker = {
    onmessage: null,
    onerror: null,
    postMessage({ id, request }) {
      if (request.expression === 'hang') return;
      void evaluatePreview(request).then((result) => worker.onmessage?.({ data: { id, result } } as MessageEvent));
    },
    terminate: () => void created.terminated++,
  };
  return worker;
}

const request = (expression: string): PreviewRequest => ({ expression, input: { a: 1 }, limits: { timeoutMs: 1000, maxDepth: 100 } });

describe('PreviewRunner', () => {
  test('evaluates a request in the worker', async () => {
    const created = { count: 0, terminated: 0 };
    const runner = new PreviewRunner(() => fakeWorker(created));
    const outcome = await runner.run(request('a + 1'));
    expect(outcome).toMatchObject({ status: 'done', result: { status: 'ok', output: 2 } });
    runner.dispose();
  });

  test('a request that does not answer within the bound times out; the worker is replaced', async () => {
    vi.useFakeTimers();
    try {
      const created = { count: 0, terminated: 0 };
      const runner = new PreviewRunner(() => fakeWorker(created), 1000);
      const hung = runner.run(request('hang'));
      await vi.advanceTimersByTimeAsync(1001);
      expect(await hung).toEqual({ status: 'timeout', boundMs: 1000 });
      expect(created.terminated).toBe(1);
      vi.useRealTimers();
      const next = await runner.run(request('a * 5'));
      expect(next).toMatchObject({ status: 'done', result: { output: 5 } });
      expect(created.count).toBe(2);
      runner.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  test('while one evaluation runs, only the latest request waits', async () => {
    const created = { count: 0, terminated: 0 };
    const runner = new PreviewRunner(() => fakeWorker(created));
    const first = runner.run(request('a'));
    const second = runner.run(request('a + 10'));
    const third = runner.run(request('a + 20'));
    expect(await second).toEqual({ status: 'superseded' });
    expect(await first).toMatchObject({ status: 'done', result: { output: 1 } });
    expect(await third).toMatchObject({ status: 'done', result: { output: 21 } });
    runner.dispose();
  });
});
