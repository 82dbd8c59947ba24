/**
 * The first screens of the three audiences, computed from the same stores (issue 5, item 5):
 * - finance operations: unposted invoices (runs of ERP-posting flows that failed and are parked, or are
 *   still running past a threshold) and revenue event aging (every open event by age band);
 * - architects: flows, their versions, and which systems each flow reads and writes (per connection);
 * - integration support reads the dashboard (stats.ts).
 *
 * A flow *posts to the ERP* when a published http.request node of it writes (POST/PUT/PATCH) to a
 * connection named like an ERP (`erp`, `netsuite`), or when its id or name says invoice.
 */
import type { Flow } from '../../nodes/sdk/flow.js';
import type { SerializedError } from '../../nodes/sdk/errors.js';
import type { DeadLetter, RunSummary } from '../storage/types.js';
import { agingBands } from './stats.js';
import { connectionFromUrl } from '../../nodes/http.request.js';

const ERP = /erp|netsuite|sap|dynamics/i;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface FlowConnection {
  connection: string;
  /** HTTP methods the flow uses on it. */
  methods: string[];
  nodeIds: string[];
}

/** The systems a flow calls, from its http.request nodes (`config.connection`, else from the URL). */
export function flowConnections(flow: Flow): FlowConnection[] {
  const byName = new Map<string, FlowConnection>();
  for (const node of flow.nodes) {
    if (node.type !== 'http.request') continue;
    const config = node.config as { url?: string; method?: string; connection?: string };
    const name = config.connection ?? connectionFromUrl(String(config.url ?? ''));
    const entry = byName.get(name) ?? { connection: name, methods: [], nodeIds: [] };
    const method = config.method ?? 'POST';
    if (!entry.methods.includes(method)) entry.methods.push(method);
    entry.nodeIds.push(node.id);
    byName.set(name, entry);
  }
  return [...byName.values()];
}

export function postsToErp(flow: Flow): boolean {
  if (/invoice/i.test(flow.id) || /invoice/i.test(flow.name)) return true;
  return flowConnections(flow).some((c) => ERP.test(c.connection) && c.methods.some((m) => WRITES.has(m)));
}

export interface UnpostedItem {
  runId: string;
  flowId: string;
  /** `parked`: failed and in the dead-letter queue; `stuck`: still running after `stuckAfterMs`. */
  state: 'parked' | 'stuck';
  since: string;
  ageMs: number;
  businessKeys: Record<string, string>;
  correlationId: string;
  nodeId?: string;
  error?: SerializedError;
}

export interface FinanceView {
  postingFlows: Array<{ flowId: string; name: string }>;
  unposted: UnpostedItem[];
  /** Every open revenue event (parked or running, all flows) by age. */
  aging: Array<{ band: string; count: number }>;
  openEvents: number;
}

/**
 * @param letters parked dead letters (any flow).
 * @param running runs still running (any flow).
 */
export function financeView(
  flows: Flow[],
  letters: DeadLetter[],
  running: ReadonlyArray<Readonly<RunSummary>>,
  options: { now: number; stuckAfterMs?: number },
): FinanceView {
  const posting = flows.filter(postsToErp);
  const postingIds = new Set(posting.map((f) => f.id));
  const stuckAfterMs = options.stuckAfterMs ?? 5 * 60_000;
  const unposted: UnpostedItem[] = [];
  for (const letter of letters) {
    if (letter.status !== 'parked' || !postingIds.has(letter.flowId)) continue;
    unposted.push({
      runId: letter.id,
      flowId: letter.flowId,
      state: 'parked',
      since: letter.parkedAt,
      ageMs: options.now - Date.parse(letter.parkedAt),
      businessKeys: letter.businessKeys,
      correlationId: letter.correlationId,
      ...(letter.nodeId ? { nodeId: letter.nodeId } : {}),
      error: letter.error,
    });
  }
  for (const run of running) {
    if (!postingIds.has(run.flowId) || (run.mode !== 'published' && run.mode !== 'replay')) continue;
    const ageMs = options.now - Date.parse(run.startedAt);
    if (ageMs < stuckAfterMs) continue;
    unposted.push({ runId: run.id, flowId: run.flowId, state: 'stuck', since: run.startedAt, ageMs, businessKeys: run.businessKeys, correlationId: run.correlationId });
  }
  unposted.sort((a, b) => b.ageMs - a.ageMs);
  const open = [...letters.filter((l) => l.status === 'parked').map((l) => l.parkedAt), ...running.filter((r) => r.mode === 'published' || r.mode === 'replay').map((r) => r.startedAt)];
  return {
    postingFlows: posting.map((f) => ({ flowId: f.id, name: f.name })),
    unposted,
    aging: agingBands(open, options.now),
    openEvents: open.length,
  };
}
