/**
 * Opens the embedded storage under a data folder: lowdb documents for flows and versions, the
 * partitioned run log for history, RecordLogs for dead letters, guard state, the xref and reconciliation
 * reports. Needs nothing installed.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lockDataFolder } from './lock.js';
import { createDeadLetterStore } from './dead-letters.js';
import { createGuardStore } from './guards.js';
import { createFlowStore } from './lowdb/flow-store.js';
import { createVersionStore } from './lowdb/version-store.js';
import { RecordLog } from './record-log.js';
import { RunLog } from './run-log.js';
import { createReconciliationStore } from './reconciliations.js';
import { createXrefStore } from './xref.js';
import type { AppliedVersion, Claim, ConnectionControl, DeadLetter, ReconciliationReport, Storage, XrefLink } from './types.js';

export interface StorageOptions {
  dataDir: string;
  retentionDays?: number;
  onWarning?: (message: string) => void;
}

/**
 * @throws DataFolderInUseError when another Ledgerflow process holds the folder (case S1).
 */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const { dataDir, onWarning } = options;
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataFolder(dataDir);
  try {
    const versions = await createVersionStore(dataDir, onWarning);
    const flows = await createFlowStore(dataDir, versions, onWarning);
    const runs = await RunLog.open({ dir: join(dataDir, 'runs'), retentionDays: options.retentionDays, onWarning });
    const deadLetters = createDeadLetterStore(await RecordLog.open<DeadLetter>(dataDir, 'dead-letters', { onWarning }));
    const connectionControls = await RecordLog.open<ConnectionControl>(dataDir, 'connections', { onWarning });
    const guards = createGuardStore(
      await RecordLog.open<Claim>(dataDir, 'claims', { onWarning }),
      await RecordLog.open<AppliedVersion>(dataDir, 'entity-versions', { onWarning }),
    );
    const xref = createXrefStore(await RecordLog.open<XrefLink>(dataDir, 'xref', { onWarning }));
    const reconciliations = createReconciliationStore(await RecordLog.open<ReconciliationReport>(dataDir, 'reconciliations', { onWarning }));
    return {
      flows,
      versions,
      runs,
      deadLetters,
      guards,
      xref,
      reconciliations,
      connectionControls,
      async close() {
        await Promise.all([runs.close(), deadLetters.flush(), guards.flush(), connectionControls.flush(), xref.flush(), reconciliations.flush()]);
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
