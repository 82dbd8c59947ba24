import { afterEach, describe, expect, test, vi } from 'vitest';

const getFlow = vi.fn((id: string) => Promise.resolve({ flow: { id }, updatedAt: new Date().toISOString(), issues: [] }));
vi.mock('../api/flows.js', () => ({ getFlow: (id: string) => getFlow(id) }));
vi.mock('../catalog/catalogStore.js', () => ({ useCatalog: { getState: () => ({ load: () => Promise.resolve() }) } }));

const { openFlowDocument, prefetchDesigner } = await import('./prefetch.js');

describe('designer prefetch', () => {
  afterEach(() => {
    getFlow.mockClear();
    vi.useRealTimers();
  });

  test('the flow requested while the designer code loads is taken once; later opens fetch again', async () => {
    prefetchDesigner('a');
    prefetchDesigner('a');
    expect(getFlow).toHaveBeenCalledTimes(1);
    await openFlowDocument('a');
    expect(getFlow).toHaveBeenCalledTimes(1);
    await openFlowDocument('a');
    expect(getFlow).toHaveBeenCalledTimes(2);
  });

  test('a stale prefetch is never used', async () => {
    vi.useFakeTimers();
    prefetchDesigner('b');
    vi.advanceTimersByTime(6000);
    await openFlowDocument('b');
    expect(getFlow).toHaveBeenCalledTimes(2);
  });
});
