/**
 * The `ledgerflow` command line.
 *   ledgerflow validate <flow files…>           check files; exit 1 if any has a problem
 *   ledgerflow run <flow file> --input <file>   run headless (stand-ins included), print the trace;
 *        [--trigger <nodeId>] [--quiet]          exit 0 only when the run succeeds
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { FlowValidationError, formatIssue } from '../nodes/sdk/errors.js';
import { loadFlowText, type Flow } from '../nodes/sdk/flow.js';
import type { Json } from '../nodes/sdk/message.js';
import { registry } from '../nodes/registry.js';
import { createLedgerflow } from './app.js';
import { compileFlow } from './runtime/compile.js';
import type { TraceEvent } from './storage/types.js';

const USAGE = `Usage:
  ledgerflow validate <flow files…>
  ledgerflow run <flow file> --input <json file> [--trigger <nodeId>] [--quiet]`;

type Out = (line: string) => void;

async function readFlow(file: string): Promise<Flow> {
  return loadFlowText(await readFile(file, 'utf8'), registry);
}

function reportError(out: Out, file: string, error: unknown): void {
  if (error instanceof FlowValidationError) {
    out(`✘ ${file}: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}`);
    for (const issue of error.issues) out(`    ${formatIssue(issue)}${issue.position !== undefined ? ` (expression position ${issue.position})` : ''}`);
  } else {
    out(`✘ ${file}: ${(error as Error).message}`);
  }
}

async function validate(files: string[], out: Out): Promise<number> {
  if (files.length === 0) {
    out(USAGE);
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const flow = await readFlow(file);
      compileFlow(flow, 0);
      out(`✔ ${file}: ${flow.id} (${flow.nodes.length} nodes, ${flow.edges.length} edges)`);
    } catch (error) {
      failed++;
      reportError(out, file, error);
    }
  }
  return failed ? 1 : 0;
}

function indent(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n      ');
}

function printTrace(event: TraceEvent, out: Out, quiet: boolean): void {
  if (event.kind === 'step.finished') {
    const { step } = event;
    const mark = step.status === 'succeeded' ? '✔' : '✘';
    out(`${mark} ${step.nodeId} (${step.nodeType}) attempt ${step.attempt}, ${step.durationMs ?? 0} ms`);
    if (step.error) {
      out(`    error ${step.error.code}: ${step.error.message}`);
      if (step.retryInMs !== undefined) out(`    retrying in ${step.retryInMs} ms`);
    }
    if (!quiet && step.output && !step.nodeType.startsWith('trigger.')) for (const [port, payload] of Object.entries(step.output)) out(`    ${port}: ${indent(payload)}`);
  } else if (event.kind === 'run.finished') {
    const { run } = event;
    out(`Run ${run.id} ${run.status} in ${run.durationMs ?? 0} ms (correlation id ${run.correlationId})`);
    if (run.error) out(`    failed at ${run.error.nodeId ?? '?'}: ${run.error.message}`);
  }
}

async function run(args: string[], out: Out): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && !['--input', '--trigger'].includes(args[i - 1] ?? ''));
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const inputFile = option('--input');
  if (!file || !inputFile) {
    out(USAGE);
    return 2;
  }
  let flow: Flow;
  let input: Json;
  try {
    flow = await readFlow(file);
    compileFlow(flow, 0);
  } catch (error) {
    reportError(out, file, error);
    return 1;
  }
  try {
    input = JSON.parse(await readFile(inputFile, 'utf8')) as Json;
  } catch (error) {
    out(`✘ ${inputFile}: not a readable JSON file (${(error as Error).message})`);
    return 1;
  }
  const quiet = args.includes('--quiet');
  const dataDir = await mkdtemp(join(tmpdir(), 'ledgerflow-cli-'));
  const ledgerflow = await createLedgerflow({
    dataDir,
    port: 0,
    seedFlowsDir: null,
    logger: pino({ level: process.env.LOG_LEVEL ?? 'silent' }),
    onTrace: (event) => printTrace(event, out, quiet),
  });
  try {
    await ledgerflow.listen();
    const trigger = option('--trigger');
    const compiled = compileFlow(flow, 0);
    const manual = compiled.triggers.find((t) => t.node.type === 'trigger.manual');
    const started = ledgerflow.executor.start({
      compiled,
      mode: 'cli',
      input,
      triggerNodeId: trigger ?? manual?.node.id ?? compiled.triggers[0]?.node.id,
    });
    const summary = await started.done;
    return summary.status === 'succeeded' ? 0 : 1;
  } catch (error) {
    out(`✘ ${(error as Error).message}`);
    return 1;
  } finally {
    await ledgerflow.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], out: Out = (line) => console.log(line)): Promise<number> {
  // A closed pipe (`ledgerflow run … | head`) is not an error of the run.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const [command, ...rest] = argv;
  if (command === 'validate') return validate(rest, out);
  if (command === 'run') return run(rest, out);
  out(USAGE);
  return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
}


