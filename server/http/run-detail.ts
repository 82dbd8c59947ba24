/**
 * The run detail answer of `GET /api/runs/:id`: the run record with every large value (the trigger input,
 * a step's input, one output port's payload) replaced by a `TruncatedValue` that says how big it was and
 * shows its beginning. The full value is read by id: `GET /api/runs/:id/input` and
 * `GET /api/runs/:id/steps/:seq` (history-api.ts). The designer and the history viewer never send run
 * data back; they only ask for it.
 */
import type { Json } from '../../nodes/sdk/message.js';
import type { RunRecord, StepRecord } from '../storage/types.js';

/** Values whose JSON is larger than this (bytes, UTF-8) are truncated by default. */
export const DEFAULT_MAX_VALUE_BYTES = 32 * 1024;
/** Characters of JSON kept as the preview of a truncated value. */
const PREVIEW_CHARS = 2000;

/** Stands in for a value too large to send inline. `where` says how to load it in full. */
export interface TruncatedValue {
  $truncated: {
    /** Size of the value's JSON in bytes (UTF-8). */
    bytes: number;
    /** The first characters of the value's JSON. */
    preview: string;
    /** `input` (the run's trigger input), or `step:<seq>:input` / `step:<seq>:output:<port>`. */
    where: string;
  };
}

export function isTruncated(value: unknown): value is TruncatedValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$truncated' in value;
}

/** `value` itself, or a TruncatedValue when its JSON is larger than `maxBytes`. */
export function truncateValue(value: Json, maxBytes: number, where: string): Json | TruncatedValue {
  if (value === null || typeof value !== 'object') {
    if (typeof value !== 'string' || value.length * 3 <= maxBytes) return value; // UTF-8: at most 3 bytes per UTF-16 unit
  }
  const text = JSON.stringify(value) ?? 'null';
  // text.length is a lower bound of the byte size; compute bytes only near the limit.
  if (text.length <= maxBytes / 3) return value;
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return value;
  return { $truncated: { bytes, preview: text.slice(0, PREVIEW_CHARS), where } };
}

/** A step with its large input and output payloads truncated. */
export function truncateStep(step: StepRecord, maxBytes: number): StepRecord {
  const input = truncateValue(step.input, maxBytes, `step:${step.seq}:input`);
  let output = step.output;
  if (output) {
    const next: Record<string, Json> = {};
    let changed = false;
    for (const [port, payload] of Object.entries(output)) {
      const kept = truncateValue(payload, maxBytes, `step:${step.seq}:output:${port}`);
      if (kept !== payload) changed = true;
      next[port] = kept as Json;
    }
    if (changed) output = next;
  }
  if (input === step.input && output === step.output) return step;
  return { ...step, input: input as Json, ...(output ? { output } : {}) };
}

/** The run record as the detail view gets it: values over `maxBytes` truncated (0: none). */
export function runDetail(record: RunRecord, maxBytes = DEFAULT_MAX_VALUE_BYTES): RunRecord {
  if (maxBytes <= 0) return record;
  return {
    ...record,
    input: truncateValue(record.input, maxBytes, 'input') as Json,
    steps: record.steps.map((step) => truncateStep(step, maxBytes)),
  };
}
