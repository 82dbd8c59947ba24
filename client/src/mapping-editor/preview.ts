/**
 * One evaluation of the mapping preview: compile the expression through the node SDK (Ledgerflow's
 * functions, plain-JSON results, explained errors), evaluate it on the sample input, collect the SDK's
 * warnings (case M7's `!=` on a missing field, case M2's dropped keys) and check the output against the
 * target (targetCheck.ts). Runs inside the preview worker (evaluate.worker.ts); pure, so it is tested in Node.
 */
import { ExpressionError } from '../../../nodes/sdk/errors.js';
import { compileExpression, type ExpressionLimits, type ExpressionWarning } from '../../../nodes/sdk/expression.js';
import type { Json } from '../../../nodes/sdk/message.js';
import type { SchemaProblem } from '../../../nodes/validate.schema.js';
import { plainExpressionMessage } from '../runs/errorText.js';
import { checkTarget, type TargetCheck } from './targetCheck.js';

export interface PreviewRequest {
  expression: string;
  /** What the expression is evaluated against, usually a message `{ payload, meta }`. */
  input: unknown;
  target?: TargetCheck;
  limits: ExpressionLimits;
  /** Variables the node binds when it runs (transform.jsonata: `$idempotencyKey`). */
  bindings?: Record<string, unknown>;
}

export interface PreviewError {
  /** In words for an analyst: JSONata's prefix (phase, position, token) and code taken off (runs/errorText.ts). */
  message: string;
  phase: 'syntax' | 'evaluation';
  /** 0-based offset of the failing token in the expression. */
  position?: number;
  token?: string;
  /** JSONata's error code, e.g. `T2010`. */
  code?: string;
}

export interface PreviewResult {
  /** `empty`: the expression gave nothing (no value at all). */
  status: 'ok' | 'empty' | 'error';
  output?: Json;
  error?: PreviewError;
  warnings: ExpressionWarning[];
  /** Problems of the output against the target, with paths inside the output. */
  problems: SchemaProblem[];
  /** Time spent evaluating, in ms. */
  durationMs: number;
}

function toPreviewError(error: unknown, phase: PreviewError['phase']): PreviewError {
  if (error instanceof ExpressionError) {
    const { position, token, jsonataCode } = error.details;
    // D1012: JSONata's own evaluation timeout; U1001: the SDK's name for the same.
    const timedOut = jsonataCode === 'D1012' || jsonataCode === 'U1001';
    return {
      message: timedOut ? 'timed out: the expression ran longer than its time limit (does it loop?)' : plainExpressionMessage(error.message, jsonataCode),
      phase,
      ...(position !== undefined ? { position } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(jsonataCode ? { code: jsonataCode } : {}),
    };
  }
  return { message: error instanceof Error ? error.message : String(error), phase };
}

/** Evaluates one preview. Never throws: failures come back as `status: 'error'`. */
export async function evaluatePreview(request: PreviewRequest): Promise<PreviewResult> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  let compiled: ReturnType<typeof compileExpression>;
  try {
    compiled = compileExpression(request.expression, undefined, request.limits);
  } catch (error) {
    return { status: 'error', error: toPreviewError(error, 'syntax'), warnings: [], problems: [], durationMs: elapsed() };
  }
  const staticWarnings = safeWarnings(() => compiled.warnings());
  let output: Json | undefined;
  try {
    output = await compiled.evaluate(request.input, request.bindings);
  } catch (error) {
    return { status: 'error', error: toPreviewError(error, 'evaluation'), warnings: staticWarnings, problems: [], durationMs: elapsed() };
  }
  const durationMs = elapsed();
  const warnings = output === undefined ? staticWarnings : safeWarnings(() => compiled.warnings(output));
  const problems = request.target ? await checkTarget(output, request.target) : [];
  return { status: output === undefined ? 'empty' : 'ok', ...(output !== undefined ? { output } : {}), warnings, problems, durationMs };
}

function safeWarnings(read: () => ExpressionWarning[]): ExpressionWarning[] {
  try {
    return read();
  } catch {
    return [];
  }
}
