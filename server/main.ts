/**
 * `npm start`: serves the designer, API, webhooks and live traces on http://127.0.0.1:5170.
 * Environment: PORT, HOST (default 127.0.0.1), LEDGERFLOW_DATA (default ./data), LEDGERFLOW_SANDBOX=off
 * (no stand-ins), LEDGERFLOW_BODY_LIMIT (default 1mb), LEDGERFLOW_RETENTION_DAYS (default 30),
 * LEDGERFLOW_MAX_RUNS (runs executing at once, default 256), LEDGERFLOW_ALLOWED_HOSTS (host names besides
 * loopback the server answers to), LOG_LEVEL.
 */
import { resolve } from 'node:path';
import { createLedgerflow, type Ledgerflow } from './app.js';
import { DataFolderInUseError } from './storage/lock.js';

let ledgerflow: Ledgerflow;
try {
  ledgerflow = await createLedgerflow({
    dataDir: resolve(process.env.LEDGERFLOW_DATA ?? 'data'),
    host: process.env.HOST ?? '127.0.0.1',
    port: process.env.PORT ? Number(process.env.PORT) : 5170,
    sandbox: process.env.LEDGERFLOW_SANDBOX !== 'off',
    bodyLimit: process.env.LEDGERFLOW_BODY_LIMIT ?? '1mb',
    ...(process.env.LEDGERFLOW_RETENTION_DAYS ? { retentionDays: Number(process.env.LEDGERFLOW_RETENTION_DAYS) } : {}),
    ...(process.env.LEDGERFLOW_MAX_RUNS ? { maxConcurrentRuns: Number(process.env.LEDGERFLOW_MAX_RUNS) } : {}),
    ...(process.env.LEDGERFLOW_ALLOWED_HOSTS ? { allowedHosts: process.env.LEDGERFLOW_ALLOWED_HOSTS.split(',') } : {}),
  });
} catch (error) {
  if (!(error instanceof DataFolderInUseError)) throw error;
  console.error(`Ledgerflow cannot start: ${error.message}`);
  process.exit(1);
}
let url: string;
try {
  url = await ledgerflow.listen();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  console.error(`Ledgerflow cannot start: port ${process.env.PORT ?? 5170} on ${process.env.HOST ?? '127.0.0.1'} is in use. Stop what holds it, or set PORT.`);
  await ledgerflow.close();
  process.exit(1);
}
ledgerflow.log.info({ url, data: resolve(process.env.LEDGERFLOW_DATA ?? 'data') }, `Ledgerflow is listening on ${url}`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    ledgerflow.log.info('shutting down');
    void ledgerflow.close().then(() => process.exit(0));
  });
}
