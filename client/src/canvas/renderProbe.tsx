/**
 * Bench-only render counting for W4 (/work/shared/bench/README.md, test/bench/w4.ts): in a build made
 * with `VITE_LF_PROFILE=1` (React's profiling build, see vite.config.ts) every node card is wrapped in a
 * React <Profiler>, and each render of a card adds one to `window.__lfNodeRenders`. In normal builds
 * `PROFILE` is false and the wrapper compiles away.
 */
import { Profiler, type ProfilerOnRenderCallback, type ReactNode } from 'react';

export const PROFILE = import.meta.env.VITE_LF_PROFILE === '1';

export interface NodeRenderCounter {
  /** Renders of node cards since the page loaded (mount and update). */
  total: number;
  /** The same, per node id. */
  byNode: Record<string, number>;
}

declare global {
  interface Window {
    __lfNodeRenders?: NodeRenderCounter;
  }
}

const onRender: ProfilerOnRenderCallback = (id) => {
  const counter = (window.__lfNodeRenders ??= { total: 0, byNode: {} });
  counter.total++;
  counter.byNode[id] = (counter.byNode[id] ?? 0) + 1;
};

export function NodeRenderProbe({ id, children }: { id: string; children: ReactNode }) {
  return PROFILE ? (
    <Profiler id={id} onRender={onRender}>
      {children}
    </Profiler>
  ) : (
    children
  );
}
