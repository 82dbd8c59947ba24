/** Hash routing: `#/` the flow list, `#/flows/<id>` the designer of one flow. */
import { useSyncExternalStore } from 'react';

export type Route = { screen: 'flows' } | { screen: 'designer'; flowId: string };

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function parseRoute(hash: string): Route {
  const match = /^#\/flows\/([^/?#]+)/.exec(hash);
  return match ? { screen: 'designer', flowId: decodeURIComponent(match[1]!) } : { screen: 'flows' };
}

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
