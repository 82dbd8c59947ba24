/**
 * The chaos run behind `npm run chaos`: distinct Stripe invoice.paid events, each delivered several times
 * concurrently and out of order (as providers redeliver), to the stripe-invoice-to-erp flow of a Ledgerflow
 * process that is killed with SIGKILL and restarted mid-way, in front of an ERP that throttles (429 +
 * Retry-After), goes down for a window (503), commits and answers too late, and is slow.
 * It reports events sent, runs, ERP postings, duplicate postings, lost events and dead letters.
 * Every loop is bounded by `timeLimitMs`; every process it starts is stopped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startChildServer, type ChildServer } from '../support/child-server.js';
import { invoiceFlow, invoicePaidEvent } from '../support/invoice-flow.js';
import { seeded, startErpChaos } from './erp-chaos.js';

export interface ChaosOptions {
  events: number;
  /** Deliveries of each event (all at about the same time, shuffled). */
  copies: number;
  rate429: number;
  outageMs: number;
  kills: number;
  commitThenTimeoutRate: number;
  slowRate: number;
  seed: number;
  concurrency: number;
  timeLimitMs: number;
  log: (message: string) => void;
}

export interface ChaosResult {
  events_sent: number;
  deliveries: number;
  runs: number;
  duplicate_runs: number;
  erp_postings: number;
  duplicate_postings: number;
  lost_events: number;
  dead_letters: number;
  kills: number;
  /** Whether the ERP outage window was opened during the deliveries. */
  outage_started: boolean;
  erp_requests: number;
  erp_429: number;
  erp_503: number;
  erp_late: number;
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const deadline = started + options.timeLimitMs;
  const random = seeded(options.seed);
  const erp = await startErpChaos({ rate429: options.rate429, commitThenTimeoutRate: options.commitThenTimeoutRate, lateMs: 2500, slowRate: options.slowRate, random });
  const dataDir = await mkdtemp(join(tmpdir(), 'ledgerflow-chaos-'));
  const env = { LEDGERFLOW_DATA: dataDir, LOG_LEVEL: 'error', PORT: String(await freePort()) };
  let server: ChildServer | undefined = await startChildServer(env);
  const url = server.url;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
  };
  try {
    const flow = invoiceFlow({
      id: 'chaos-invoices',
      webhookPath: 'chaos/invoices',
      erpUrl: erp.url,
      responseMode: 'accepted',
      timeoutMs: 1500,
      retry: { maxAttempts: 20, initialDelayMs: 250, multiplier: 2, maxDelayMs: 8000, jitter: 0.2, retryableStatuses: [408, 429, 500, 502, 503, 504] },
    });
    if ((await api('PUT', `/api/flows/${flow.id}`, flow)).status !== 200) throw new Error('could not save the chaos flow');
    if ((await api('POST', `/api/flows/${flow.id}/publish`, {})).status !== 201) throw new Error('could not publish the chaos flow');
    await api('PUT', '/api/connections/erp/limits', { failureThreshold: 10, halfOpenAfterMs: 3000 });

    const ids = Array.from({ length: options.events }, (_, i) => `chaos-${i + 1}`);
    const deliveries = ids.flatMap((id) => Array.from({ length: options.copies }, () => id));
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }
    const killPoints = Array.from({ length: options.kills }, (_, k) => Math.floor(deliveries.length * (0.25 + (0.5 * (k + random())) / options.kills))).sort((a, b) => a - b);
    const outagePoint = Math.floor(deliveries.length * 0.4);
    let acked = 0;
    let next = 0;
    let kills = 0;
    let restarting: Promise<void> | undefined;
    let outageStarted = false;

    const maybeDisrupt = () => {
      if (!outageStarted && acked >= outagePoint && options.outageMs > 0) {
        outageStarted = true;
        options.log(`ERP outage for ${options.outageMs / 1000} s`);
        erp.outage(options.outageMs);
      }
      if (!restarting && kills < killPoints.length && acked >= killPoints[kills]!) {
        kills++;
        options.log(`SIGKILL ${kills} after ${acked} acknowledged deliveries`);
        const victim = server!;
        server = undefined;
        restarting = victim.kill('SIGKILL').then(async () => {
          server = await startChildServer(env);
          restarting = undefined;
          options.log('restarted');
        });
      }
    };
    const deliver = async (id: string) => {
      const body = JSON.stringify(invoicePaidEvent(id));
      for (;;) {
        if (Date.now() > deadline) throw new Error('chaos run exceeded its time limit');
        if (restarting) await restarting.catch(() => undefined);
        try {
          const response = await fetch(`${url}/hooks/chaos/invoices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
          await response.arrayBuffer();
          if (response.status >= 200 && response.status < 300) return;
        } catch {
          // the server is down (killed) or slow: deliver again, as a webhook provider does
        }
        await sleep(200);
      }
    };
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < deliveries.length) {
          const id = deliveries[next++]!;
          await deliver(id);
          acked++;
          maybeDisrupt();
        }
      }),
    );
    if (restarting) await restarting;
    options.log(`${acked} deliveries acknowledged; waiting for the runs to finish`);

    const listAll = async () => {
      const all: Array<{ id: string; status: string }> = [];
      let before: string | undefined;
      for (;;) {
        const page = (await api('GET', `/api/runs?flowId=chaos-invoices&limit=500${before ? `&before=${before}` : ''}`)).body as Array<{ id: string; status: string }>;
        all.push(...page);
        if (page.length < 500) return all;
        before = page.at(-1)!.id;
      }
    };
    let runs = await listAll();
    while (runs.some((r) => r.status === 'running')) {
      if (Date.now() > deadline) throw new Error(`chaos run exceeded its time limit with ${runs.filter((r) => r.status === 'running').length} runs unfinished`);
      await sleep(1000);
      runs = await listAll();
    }
    const letters = (await api('GET', '/api/dead-letters?status=parked&limit=1000')).body as Array<{ input: { data: { object: { id: string } } } }>;
    const parked = new Set(letters.map((l) => l.input.data.object.id));
    const postings = erp.sandbox.erp.postings().filter((p) => p.kind === 'invoice');
    const stored = new Set(erp.sandbox.erp.invoices().map((i) => i.externalId));
    const lost = ids.filter((id) => !stored.has(`in_TEST_${id}`) && !parked.has(`in_TEST_${id}`));
    return {
      events_sent: options.events,
      deliveries: deliveries.length,
      runs: runs.length,
      duplicate_runs: runs.filter((r) => r.status === 'duplicate').length,
      erp_postings: stored.size,
      duplicate_postings: postings.filter((p) => p.outcome === 'duplicate-external-id').length + (postings.filter((p) => p.outcome === 'created').length - stored.size),
      lost_events: lost.length,
      dead_letters: letters.length,
      kills,
      outage_started: outageStarted,
      erp_requests: erp.counts.requests,
      erp_429: erp.counts.throttled,
      erp_503: erp.counts.outage,
      erp_late: erp.counts.late,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await server?.kill('SIGKILL');
    await erp.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
