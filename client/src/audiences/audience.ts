/**
 * The audience the screens open for: finance operations, integration support or architects (issue 5,
 * item 5). Same data, different first screen: `#/` shows the chosen audience's home. Kept in localStorage;
 * with none chosen `#/` is the flow list.
 */
import { create } from 'zustand';

export type Audience = 'finance' | 'support' | 'architect';

export const AUDIENCES: Array<{ id: Audience; label: string; home: string; title: string }> = [
  { id: 'finance', label: 'Finance ops', home: '#/finance', title: 'Unposted invoices and revenue event aging' },
  { id: 'support', label: 'Integration support', home: '#/dashboard', title: 'Latency, failures, dead letters and backlog' },
  { id: 'architect', label: 'Architects', home: '#/architecture', title: 'Flows, versions and the systems they touch' },
];

const KEY = 'ledgerflow.audience';

function stored(): Audience | undefined {
  try {
    const value = globalThis.localStorage?.getItem(KEY);
    return AUDIENCES.some((a) => a.id === value) ? (value as Audience) : undefined;
  } catch {
    return undefined;
  }
}

interface AudienceState {
  audience: Audience | undefined;
  choose(audience: Audience): void;
}

export const useAudience = create<AudienceState>((set) => ({
  audience: stored(),
  choose(audience) {
    try {
      globalThis.localStorage?.setItem(KEY, audience);
    } catch {
      // private mode: the choice lasts for this tab
    }
    set({ audience });
    window.location.hash = AUDIENCES.find((a) => a.id === audience)!.home;
  },
}));
