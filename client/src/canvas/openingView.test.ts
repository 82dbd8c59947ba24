import { describe, expect, test } from 'vitest';
import { OPEN_BIG_ZOOM, openingViewport } from './openingView.js';

describe('where a flow opens', () => {
  test('a flow that fits at a readable zoom is fitted and centred', () => {
    const view = openingViewport({ x: 0, y: 0, width: 1000, height: 300 }, 1100, 500);
    expect(view.zoom).toBeCloseTo(1100 / 1160, 5);
    expect(view.x).toBeCloseTo(550 - 500 * view.zoom, 5);
    expect(openingViewport({ x: 0, y: 0, width: 100, height: 50 }, 1200, 500).zoom).toBe(1);
  });

  test('a flow too big to read fitted opens on its start (top left) at a readable zoom', () => {
    const view = openingViewport({ x: -100, y: 50, width: 7500, height: 2600 }, 1228, 488);
    expect(view).toEqual({ x: 32 + 100 * OPEN_BIG_ZOOM, y: 32 - 50 * OPEN_BIG_ZOOM, zoom: OPEN_BIG_ZOOM });
    // A wide but flat one is centred vertically.
    expect(openingViewport({ x: 0, y: 0, width: 7500, height: 200 }, 1228, 488).y).toBeCloseTo(244 - 100 * OPEN_BIG_ZOOM, 5);
  });
});
