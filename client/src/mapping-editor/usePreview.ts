/**
 * The live preview of a mapping: re-evaluated in the preview worker ~120 ms after the expression, the input
 * or the target last changed, bounded to 1 s (previewRunner.ts). The last result stays shown while the next
 * one is computed, so the output does not flicker while typing.
 */
import { useEffect, useState } from 'react';
import type { ExpressionLimits } from '../../../nodes/sdk/expression.js';
import type { PreviewResult } from './preview.js';
import { PreviewRunner, type PreviewWorker } from './previewRunner.js';
import type { TargetCheck } from './targetCheck.js';

export const PREVIEW_BOUND_MS = 1000;
const DEBOUNCE_MS = 120;

let runner: PreviewRunner | undefined;

/** The one preview runner of the tab (one worker, created on first use). */
function previewRunner(): PreviewRunner {
  runner ??= new PreviewRunner(
    () => new Worker(new URL('./evaluate.worker.ts', import.meta.url), { type: 'module', name: 'ledgerflow-mapping-preview' }) as unknown as PreviewWorker,
    PREVIEW_BOUND_MS,
  );
  return runner;
}

export interface PreviewState {
  phase: 'idle' | 'running' | 'done' | 'timeout' | 'failed';
  result?: PreviewResult;
  /** For `timeout` and `failed`. */
  message?: string;
  /** The expression the shown result belongs to (positions in it). */
  expression?: string;
  /** The target the shown result was checked against (its problems belong to it). */
  target?: TargetCheck;
}

/** `bindings` must keep its identity between renders (a new object re-evaluates). */
export function usePreview(
  expression: string,
  input: unknown,
  target: TargetCheck | undefined,
  limits: ExpressionLimits,
  bindings?: Record<string, unknown>,
): PreviewState {
  const [state, setState] = useState<PreviewState>({ phase: 'idle' });
  const { timeoutMs, maxDepth } = limits;
  useEffect(() => {
    if (input === undefined) {
      setState({ phase: 'idle' });
      return;
    }
    let cancelled = false;
    setState((previous) => ({ ...previous, phase: 'running' }));
    const timer = setTimeout(() => {
      const request = {
        expression,
        input,
        ...(target ? { target } : {}),
        ...(bindings ? { bindings } : {}),
        limits: { timeoutMs: Math.min(timeoutMs, PREVIEW_BOUND_MS - 100), maxDepth },
      };
      void previewRunner()
        .run(request)
        .then((outcome) => {
          if (cancelled || outcome.status === 'superseded') return;
          if (outcome.status === 'done') setState({ phase: 'done', result: outcome.result, expression, ...(target ? { target } : {}) });
          else if (outcome.status === 'timeout') setState({ phase: 'timeout', message: `timed out: no result within ${outcome.boundMs / 1000} s`, expression });
          else setState({ phase: 'failed', message: outcome.message, expression });
        });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [expression, input, target, timeoutMs, maxDepth, bindings]);
  return state;
}
