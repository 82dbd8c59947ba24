/**
 * The lines of the run log (run-log.ts): how a run's records are written, and how they are read back.
 *
 * One JSON object per line, `t` first:
 * - `{"t":"r",…}` a run started: its summary fields, `input` and `request` (RunRecord without `steps`);
 * - `{"t":"s",…}` a state of a step (StepRecord); the later line of the same `seq` wins;
 * - `{"t":"f","runId":…,…}` a run ended: the fields of its summary that changed.
 *
 * Payloads are written once per run. A payload already on disk for the run (the same object) is written as a
 * reference instead: `inputFrom` for the step's input, `outputFrom: { port: ref }` for its outputs, where a
 * reference is `run` (the run's input), `s<seq>.in` (the input of step `seq`) or `s<seq>.<port>` (its output
 * on that port). The trigger passes the run's input on, a mapping reads what the step before it produced, a
 * validator passes its input through: without references a run's payloads were written three or four times
 * (W1). Lines written before references existed carry their payloads in full and read the same.
 */
import type { Json } from '../../nodes/sdk/message.js';
import type { RunRecord, RunSummary, StepRecord } from './types.js';

/** The end of a run as recorded: the summary fields that change when it finishes. */
export type RunEnd = Pick<RunSummary, 'status' | 'finishedAt' | 'durationMs' | 'businessKeys' | 'error' | 'responseStatus'>;

/** A step line as written: a StepRecord whose payloads may be references. */
export type StepLine = { t: 's' } & Omit<StepRecord, 'input'> & { input?: Json; inputFrom?: string; outputFrom?: Record<string, string> };

export type LogLine = ({ t: 'r' } & Omit<RunRecord, 'steps'>) | StepLine | ({ t: 'f'; runId: string } & RunEnd);

/** The payloads of one run already written, by identity: object → its reference. */
export class WrittenPayloads {
  private readonly refs = new Map<object, string>();

  /** The reference of `value` when it is an object or array already written for this run. */
  refOf(value: Json | undefined): string | undefined {
    return value !== null && typeof value === 'object' ? this.refs.get(value) : undefined;
  }

  /** Notes that `value` is on disk under `ref` (the first place it was written is kept). */
  add(value: Json | undefined, ref: string): void {
    if (value !== null && typeof value === 'object' && !this.refs.has(value)) this.refs.set(value, ref);
  }
}

/** `{"t":"<t>",` + the rest of `JSON.stringify(value)`: the line prefix without copying the record. */
function tagged(t: string, value: object): string {
  const json = JSON.stringify(value);
  return json.length > 2 ? `{"t":"${t}",${json.slice(1)}\n` : `{"t":"${t}"}\n`;
}

/** The text of a run's start line (`run` without steps); registers its input as `run`. */
export function runLineText(run: Omit<RunRecord, 'steps'>, written: WrittenPayloads): string {
  written.add(run.input, 'run');
  return tagged('r', run);
}

/**
 * The text of a step line, its payloads already on disk for the run written as references; registers the
 * payloads it writes. `step` is not changed.
 */
export function stepLineText(step: StepRecord, written: WrittenPayloads): string {
  const inputFrom = written.refOf(step.input);
  let outputFrom: Record<string, string> | undefined;
  let output: Record<string, Json> | undefined;
  if (step.output) {
    for (const port in step.output) {
      const value = step.output[port];
      const ref = value === step.input && inputFrom === undefined ? `s${step.seq}.in` : written.refOf(value);
      if (ref) (outputFrom ??= {})[port] = ref;
      else (output ??= {})[port] = value as Json;
    }
  }
  written.add(step.input, `s${step.seq}.in`);
  if (step.output) for (const port in step.output) written.add(step.output[port], `s${step.seq}.${port}`);
  if (inputFrom === undefined && outputFrom === undefined) return tagged('s', step);
  const { input, output: _output, ...rest } = step;
  const line: Omit<StepLine, 't'> = rest;
  if (inputFrom !== undefined) line.inputFrom = inputFrom;
  else line.input = input;
  if (output) line.output = output;
  if (outputFrom) line.outputFrom = outputFrom;
  return tagged('s', line);
}

/**
 * The line of a record that could not be serialised (a payload nested too deep for the stack): the record
 * without its payloads (input, request, output, error details) and `unrecordable` saying why.
 */
export function unrecordableLineText(line: { t: 'r'; run: Omit<RunRecord, 'steps'> } | { t: 's'; step: StepRecord } | { t: 'f'; runId: string; end: RunEnd }, reason: string): string {
  if (line.t === 'r') {
    const { input: _input, request: _request, ...run } = line.run;
    return tagged('r', { ...run, input: null, unrecordable: reason });
  }
  if (line.t === 's') {
    const { input: _input, output: _output, error, ...step } = line.step;
    return tagged('s', { ...step, input: null, ...(error ? { error: { code: error.code, message: error.message } } : {}), unrecordable: reason });
  }
  const { error, ...end } = line.end;
  return tagged('f', { runId: line.runId, ...end, ...(error ? { error: { code: error.code, message: error.message } } : {}), unrecordable: reason });
}

/** The text of a run's end line. */
export function endLineText(runId: string, end: RunEnd): string {
  return tagged('f', { runId, ...end });
}

/**
 * Reads the lines of one run, in the order they were written, back into its record: the later state of a
 * step wins, references are resolved.
 */
export class RunReader {
  private run: Omit<RunRecord, 'steps'> | undefined;
  private readonly steps = new Map<number, StepRecord>();
  private readonly payloads = new Map<string, Json>();
  private end: RunEnd | undefined;

  add(line: LogLine): void {
    if (line.t === 'r') {
      const { t: _t, ...run } = line;
      this.run = run;
      this.payloads.set('run', run.input);
    } else if (line.t === 's') {
      const { t: _t, inputFrom, outputFrom, ...rest } = line;
      const earlier = this.steps.get(rest.seq);
      // A line with neither input nor a reference keeps the input of the step's earlier line.
      const input = inputFrom !== undefined ? this.payloads.get(inputFrom) : 'input' in rest ? rest.input : earlier?.input;
      const step = { ...rest, input: input as Json } as StepRecord;
      this.payloads.set(`s${step.seq}.in`, step.input);
      if (outputFrom) {
        step.output = { ...rest.output };
        for (const port in outputFrom) step.output[port] = this.payloads.get(outputFrom[port]!) as Json;
      }
      this.steps.set(step.seq, step);
      if (step.output) for (const port in step.output) this.payloads.set(`s${step.seq}.${port}`, step.output[port]!);
    } else {
      const { t: _t, runId: _runId, ...end } = line;
      this.end = { ...this.end, ...end } as RunEnd;
    }
  }

  /** The record read, with `summary` (the key directory's, newer than the lines) laid over it. */
  record(summary: RunSummary): RunRecord | undefined {
    if (!this.run) return undefined;
    return { ...this.run, ...this.end, ...summary, input: this.run.input, steps: [...this.steps.values()].sort((a, b) => a.seq - b.seq) };
  }
}
