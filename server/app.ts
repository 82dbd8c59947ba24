/**
 * Assembles a Ledgerflow server: storage, runtime, REST API, webhooks, live traces, stand-ins and the
 * designer's static files. `createLedgerflow` is what `server/main.ts`, the CLI and the tests start.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { pino, type Logger } from 'pino';
import { loadFlowText } from '../nodes/sdk/flow.js';
import { registry } from '../nodes/registry.js';
import { apiRouter } from './http/api.js';
import { connectionsRouter } from './http/connections.js';
import { deadLettersRouter } from './http/dead-letters.js';
import { webhookHandler } from './http/webhooks.js';
import { hostGuard } from './http/host-guard.js';
import { HttpProblem, problemBody, problemHandler } from './http/problem.js';
import { historyRouter } from './http/history-api.js';
import { lineageRouter } from './http/lineage-api.js';
import { reconciliationRouter } from './http/reconciliation-api.js';
import { seedXref } from './lineage/xref-seed.js';
import { registerReconciliationMetrics } from './observability/reconciliation-metrics.js';
import { BacklogSampler } from './observability/backlog.js';
import { Metrics } from './observability/metrics.js';
import { TraceHub } from './realtime/trace-hub.js';
import { compileFlow, type CompiledFlow } from './runtime/compile.js';
import { ConnectionGovernor } from './runtime/connections.js';
import { Executor } from './runtime/executor.js';
import { PublishedFlows } from './runtime/published.js';
import { Scheduler } from './runtime/scheduler.js';
import { createSandbox } from './sandbox/index.js';
import { seedSandboxProfiles } from './sandbox/credentials.js';
import { openConnectionServices, type ConnectionServices } from './connections/index.js';
import { webhookRejectionsRouter } from './http/webhook-rejections.js';
import { openStorage } from './storage/index.js';
import type { Storage, TraceEvent } from './storage/types.js';

export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface LedgerflowOptions {
  /** Data folder (flows, versions, run history). */
  dataDir: string;
  /** Default 127.0.0.1: never listen on other interfaces unless told. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Serve the CRM, billing and ERP stand-ins under /sandbox (default true). */
  sandbox?: boolean;
  /** Folder of example flows copied (and published) into an empty data folder; null to skip. */
  seedFlowsDir?: string | null;
  /** Largest accepted request body (default "1mb"). */
  bodyLimit?: string;
  /** Folder with the built designer (default dist/client); served when it exists. */
  clientDir?: string;
  logger?: Logger;
  retentionDays?: number;
  /** Host names besides loopback this server answers to (LEDGERFLOW_ALLOWED_HOSTS); see http/host-guard.ts. */
  allowedHosts?: string[];
  /** Runs executing at once (default 256); more wait in order. */
  maxConcurrentRuns?: number;
  /** Also receives every trace event (the CLI prints them). */
  onTrace?: (event: TraceEvent) => void;
  /** Fire schedule triggers by themselves (default true); off, they run only when asked (tests). */
  schedules?: boolean;
  /**
   * Links loaded into an empty xref at start (default with the stand-ins: flows/xref.seed.json, the
   * fixture deal's ids; without them: none). null to skip.
   */
  xrefSeedFile?: string | null;
  /** Clock (ms since the epoch) for webhook signature timestamps and OAuth2 token expiry; tests pin it. */
  clock?: () => number;
}

export interface Ledgerflow {
  app: express.Express;
  server: HttpServer;
  storage: Storage;
  executor: Executor;
  published: PublishedFlows;
  connections: ConnectionGovernor;
  hub: TraceHub;
  metrics: Metrics;
  scheduler: Scheduler;
  sandbox: ReturnType<typeof createSandbox> | undefined;
  /** Connection profiles (secrets sealed at rest), outbound auth and the signed-webhook gate. */
  connectionServices: ConnectionServices;
  log: Logger;
  /** http://host:port once listening. */
  url(): string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Continues every run a stop cut off (case R3): published runs resume on the version they started with;
 * draft and CLI runs, and runs whose version is gone, are marked interrupted and parked for replay.
 * Called when the server starts listening; stops early when `stopped()` says the server is closing.
 * @returns the number of runs found unfinished.
 */
async function resumeRuns(storage: Storage, executor: Executor, log: Logger, stopped: () => boolean): Promise<number> {
  const unfinished = storage.runs.unfinished();
  if (unfinished.length) log.info({ runs: unfinished.length }, 'resuming runs cut off by the last stop');
  // Compiled once per version: a stop under load can leave thousands of runs of one version to resume.
  const compiled = new Map<string, CompiledFlow | Error>();
  for (const summary of unfinished) {
    if (stopped()) break;
    const record = await storage.runs.getRun(summary.id);
    if (!record) continue;
    const version = summary.mode === 'published' || summary.mode === 'replay' ? await storage.versions.get(summary.flowId, summary.flowVersion) : undefined;
    if (!version) {
      void executor.interrupt(record, summary.mode === 'published' || summary.mode === 'replay' ? `version ${summary.flowVersion} of flow "${summary.flowId}" is gone` : `a ${summary.mode} run is not resumed after a stop`);
      continue;
    }
    const key = `${summary.flowId}@${summary.flowVersion}`;
    if (!compiled.has(key)) {
      try {
        compiled.set(key, compileFlow(version.flow, version.version));
      } catch (error) {
        compiled.set(key, error as Error);
      }
    }
    try {
      const flow = compiled.get(key)!;
      if (flow instanceof Error) throw flow;
      void executor.resume(record, flow);
    } catch (error) {
      log.error({ runId: summary.id, err: error }, 'run could not be resumed');
      void executor.interrupt(record, `version ${summary.flowVersion} no longer compiles`);
    }
  }
  return unfinished.length;
}

/** Copies example flows that the data folder does not have yet, and publishes them as version 1. */
async function seedFlows(dir: string, storage: Storage, published: PublishedFlows, log: Logger): Promise<void> {
  if (!existsSync(dir)) return;
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.flow.json')).sort()) {
    try {
      const flow = loadFlowText(await readFile(join(dir, name), 'utf8'), registry);
      if (await storage.flows.get(flow.id)) continue;
      await storage.flows.put(flow);
      await published.publish(flow, 'example flow');
      log.info({ flowId: flow.id }, 'example flow added and published');
    } catch (error) {
      log.warn({ file: name, err: error }, 'example flow not loaded');
    }
  }
}

export async function createLedgerflow(options: LedgerflowOptions): Promise<Ledgerflow> {
  const log = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const bodyLimit = options.bodyLimit ?? '1mb';
  const storage = await openStorage({
    dataDir: options.dataDir,
    retentionDays: options.retentionDays,
    onWarning: (message) => log.warn(message),
  });
  const published = new PublishedFlows(storage.versions);
  for (const failure of await published.load()) log.error({ flowId: failure.flowId, err: failure.error }, 'published flow does not compile');

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // Webhooks are served before Express (server/http/webhooks.ts): they are the hot path.
  let webhooks: ReturnType<typeof webhookHandler> | undefined;
  const refused = hostGuard({ listenHost: options.host ?? '127.0.0.1', allowedHosts: options.allowedHosts ?? [] });
  const server = createServer((req, res) => {
    const reason = refused(req);
    if (reason) {
      const body = JSON.stringify(problemBody(403, 'forbidden-origin', reason));
      res.writeHead(403, { 'Content-Type': 'application/problem+json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
    } else if (webhooks?.matches(req.url)) webhooks.handle(req, res);
    else app(req, res);
  });
  const hub = new TraceHub(server, { runs: storage.runs, allowRequest: (req) => refused(req) === undefined });
  let baseUrl = '';
  const connections = new ConnectionGovernor(storage.connectionControls);
  const backlogOf = () => ({ active: executor.activeRuns, queued: executor.queuedRuns });
  const metrics = new Metrics({
    deadLetters: storage.deadLetters,
    backlog: backlogOf,
    connectionOf: (flowId, nodeId) => published.get(flowId)?.nodes.get(nodeId)?.connection,
  });
  const backlog = new BacklogSampler(backlogOf);
  const connectionServices = await openConnectionServices({ dataDir: options.dataDir, now: options.clock, onWarning: (message) => log.warn(message) });
  const executor = new Executor({
    connections,
    authenticator: connectionServices.authenticator,
    runs: storage.runs,
    guards: storage.guards,
    deadLetters: storage.deadLetters,
    xref: storage.xref,
    reconciliations: storage.reconciliations,
    ...(options.maxConcurrentRuns ? { maxConcurrentRuns: options.maxConcurrentRuns } : {}),
    trace: (event) => {
      hub.publish(event);
      options.onTrace?.(event);
    },
    traceWanted: options.onTrace ? () => true : (flowId, runId) => hub.wants(flowId, runId),
    observer: metrics,
    baseUrl: () => baseUrl,
    log,
  });

  await seedFlows(options.seedFlowsDir === undefined ? join(projectRoot, 'flows') : (options.seedFlowsDir ?? ''), storage, published, log);
  const xrefSeed = options.xrefSeedFile !== undefined ? options.xrefSeedFile : options.sandbox === false ? null : join(projectRoot, 'flows', 'xref.seed.json');
  if (xrefSeed) {
    const seeded = await seedXref(xrefSeed, storage.xref).catch((error: unknown) => log.warn({ err: error, file: xrefSeed }, 'xref seed not loaded'));
    if (seeded) log.info({ links: seeded }, 'xref seeded');
  }
  let resuming: Promise<number> | undefined;
  let closing = false;
  const scheduler = new Scheduler({ published, executor, log, enabled: options.schedules !== false });
  scheduler.start();
  registerReconciliationMetrics(metrics.registry, storage.reconciliations);

  const sandbox = options.sandbox === false ? undefined : createSandbox();
  if (sandbox) {
    const created = seedSandboxProfiles(connectionServices.profiles);
    if (created.length) log.info({ connections: created }, 'connection profiles of the stand-ins added');
  }
  app.use('/api/connections', express.json({ limit: bodyLimit }), connectionsRouter(connections, connectionServices.profiles));
  app.use('/api/webhooks', webhookRejectionsRouter(connectionServices.gate));
  app.use('/api/dead-letters', express.json({ limit: bodyLimit }), deadLettersRouter({ deadLetters: storage.deadLetters, guards: storage.guards, published, executor }));
  backlog.start();
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.scrape();
    res.type(contentType).send(body);
  });
  app.use('/api', lineageRouter({ storage, bodyLimit }));
  app.use('/api', reconciliationRouter({ reconciliations: storage.reconciliations, scheduler }));
  app.use('/api', historyRouter({ storage, published, executor, backlog }));
  app.use('/api', apiRouter({ storage, published, executor, bodyLimit, sandbox: Boolean(sandbox), version: '0.1.0' }));
  webhooks = webhookHandler({ published, executor, runs: storage.runs, bodyLimit, gate: connectionServices.gate, onAnswered: (flowId, status, ms) => metrics.webhookAccepted(flowId, status, ms) });
  if (sandbox) app.use('/sandbox', sandbox.router);

  const clientDir = options.clientDir ?? join(projectRoot, 'dist', 'client');
  if (existsSync(join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h', setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache') }));
    app.get('/{*path}', (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(clientDir, 'index.html'));
    });
  }
  app.use((req, _res) => {
    throw new HttpProblem(404, 'not-found', `Nothing at ${req.method} ${req.originalUrl}`);
  });
  app.use(problemHandler(log));

  const instance: Ledgerflow = {
    app,
    server,
    storage,
    executor,
    published,
    connections,
    connectionServices,
    hub,
    metrics,
    scheduler,
    sandbox,
    log,
    url: () => baseUrl,
    listen: () =>
      new Promise((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 5170, options.host ?? '127.0.0.1', () => {
          const address = server.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          baseUrl = `http://${host}:${address.port}`;
          // Runs a stop cut off are resumed once the server answers (their outbound calls may use its own
          // URL), in the background: thousands of them must not keep it from accepting new events.
          resuming ??= resumeRuns(storage, executor, log, () => closing).catch((error: unknown) => {
            log.error({ err: error }, 'runs cut off by the last stop could not all be resumed');
            return 0;
          });
          resolveListen(baseUrl);
        });
      }),
    async close() {
      closing = true;
      await resuming;
      backlog.stop();
      scheduler.stop();
      executor.stopAll();
      await hub.close().catch(() => undefined);
      await new Promise<void>((r) => server.close(() => r()));
      await connectionServices.flush();
      await storage.close();
    },
  };
  return instance;
}
