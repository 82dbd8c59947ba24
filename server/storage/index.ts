/**
 * Opens the embedded storage under a data folder: lowdb documents for flows and versions, the
 * partitioned run log for history. Needs nothing installed.
 */
import { join } from 'node:path';
import { createFlowStore } from './lowdb/flow-store.js';
import { createVersionStore } from './lowdb/version-store.js';
import { RunLog } from './run-log.js';
import type { Storage } from './types.js';

export interface StorageOptions {
  dataDir: string;
  retentionDays?: number;
  onWarning?: (message: string) => void;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  const versions = await createVersionStore(options.dataDir);
  const flows = await createFlowStore(options.dataDir, versions);
  const runs = await RunLog.open({ dir: join(options.dataDir, 'runs'), retentionDays: options.retentionDays, onWarning: options.onWarning });
  return { flows, versions, runs, close: () => runs.close() };
}
