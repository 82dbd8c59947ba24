/**
 * Hash routing: `#/` the chosen audience's first screen (the flow list when none is chosen), `#/flows` the
 * flow list, `#/flows/<id>` the designer of one flow, `#/runs?<filters>` run history, `#/runs/<id>` one
 * run, `#/dashboard`, `#/finance`, `#/architecture`, `#/dead-letters` the dead-letter queue,
 * `#/dead-letters/<id>` one letter, `#/operations` connection governance, `#/connections` connection profiles, `#/lineage?id=<id>` the lineage of
 * any id, `#/reconciliation` reconciliation reports (`#/reconciliation/<report id>` one of them).
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { screen: 'flows' }
  | { screen: 'home' }
  | { screen: 'designer'; flowId: string }
  | { screen: 'runs'; query: URLSearchParams }
  | { screen: 'run'; runId: string }
  | { screen: 'dashboard' }
  | { screen: 'finance' }
  | { screen: 'architecture' }
  | { screen: 'dead-letters'; letterId?: string }
  | { screen: 'operations' }
  | { screen: 'connections' }
  | { screen: 'lineage'; id: string }
  | { screen: 'reconciliation'; reportId?: string };

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function parseRoute(hash: string): Route {
  const match = /^#\/flows\/([^/?#]+)/.exec(hash);
  if (match) return { screen: 'designer', flowId: decodeURIComponent(match[1]!) };
  const run = /^#\/runs\/([^/?#]+)/.exec(hash);
  if (run) return { screen: 'run', runId: decodeURIComponent(run[1]!) };
  const letter = /^#\/dead-letters(?:\/([^/?#]+))?\/?(?:\?.*)?$/.exec(hash);
  if (letter) return letter[1] ? { screen: 'dead-letters', letterId: decodeURIComponent(letter[1]) } : { screen: 'dead-letters' };
  if (/^#\/operations\/?(?:\?.*)?$/.test(hash)) return { screen: 'operations' };
  if (/^#\/connections\/?(?:\?.*)?$/.test(hash)) return { screen: 'connections' };
  const lineage = /^#\/lineage\/?(?:\?(.*))?$/.exec(hash);
  if (lineage) return { screen: 'lineage', id: new URLSearchParams(lineage[1] ?? '').get('id')?.trim() ?? '' };
  const recon = /^#\/reconciliation(?:\/([^/?#]+))?\/?(?:\?.*)?$/.exec(hash);
  if (recon) return recon[1] ? { screen: 'reconciliation', reportId: decodeURIComponent(recon[1]) } : { screen: 'reconciliation' };
  const page = /^#\/(runs|dashboard|finance|architecture|flows)\/?(?:\?(.*))?$/.exec(hash);
  if (page?.[1] === 'runs') return { screen: 'runs', query: new URLSearchParams(page[2] ?? '') };
  if (page) return { screen: page[1] } as Route;
  return { screen: 'home' };
}

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
