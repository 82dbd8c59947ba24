/**
 * The designer's heavy parts that are not needed to see a flow, loaded on demand: the inspector (config
 * forms: rjsf, the mapper and mapping editor) and the bottom panel's tabs (CodeMirror, run history,
 * versions). `preloadDesignerParts()` fetches them in the background once the canvas is drawn, so the
 * first click on a node rarely waits for them.
 */
import { lazy } from 'react';

const loadInspector = () => import('../inspector/Inspector.js');
const loadRunPanel = () => import('../runs/RunPanel.js');
const loadRunHistory = () => import('../runs/RunHistory.js');
const loadVersions = () => import('../versions/VersionsPanel.js');

export const Inspector = lazy(() => loadInspector().then((m) => ({ default: m.Inspector })));
export const RunPanel = lazy(() => loadRunPanel().then((m) => ({ default: m.RunPanel })));
export const RunHistory = lazy(() => loadRunHistory().then((m) => ({ default: m.RunHistory })));
export const VersionsPanel = lazy(() => loadVersions().then((m) => ({ default: m.VersionsPanel })));

let preloaded = false;

export function preloadDesignerParts(): void {
  if (preloaded) return;
  preloaded = true;
  for (const load of [loadRunPanel, loadInspector, loadRunHistory, loadVersions]) void load().catch(() => undefined);
}
