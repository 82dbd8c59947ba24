/**
 * One Ledgerflow process per data folder (case S1: three processes appending to one lowdb file kept only
 * 300–571 of 900 records and once left invalid JSON). The holder writes `<data>/ledgerflow.pid`
 * (`{ pid, hostname, startedAt }`) with an atomic link(2), which fails when the file exists. A file left by
 * a process that no longer runs (killed with SIGKILL) is taken over, as PostgreSQL does with
 * postmaster.pid; a live holder makes the second process refuse to start with a clear message.
 * (A lock that expires by mtime, as proper-lockfile does, would make a restart after SIGKILL wait.)
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { link, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LedgerflowError } from '../../nodes/sdk/errors.js';

/** Folders locked by this process: a second Ledgerflow in the same process is refused too. */
const lockedHere = new Set<string>();

interface PidFile {
  pid: number;
  hostname: string;
  startedAt: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataFolderInUseError extends LedgerflowError {
  constructor(dir: string, holder: PidFile | undefined) {
    super(
      'data-folder-in-use',
      holder
        ? `The data folder ${dir} is in use by Ledgerflow process ${holder.pid} on ${holder.hostname} (started ${holder.startedAt}). ` +
            'Stop that process, or give this one another folder with LEDGERFLOW_DATA.'
        : `The data folder ${dir} is in use by another Ledgerflow in this process.`,
    );
  }
}

/**
 * Takes the data folder for this process.
 * @returns a function that gives it back.
 * @throws DataFolderInUseError when another live process (or another instance here) holds it.
 */
export async function lockDataFolder(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, 'ledgerflow.pid');
  if (lockedHere.has(path)) throw new DataFolderInUseError(dir, undefined);
  // Reserved before the first await: a second call in this process meanwhile must not read this process's
  // own pid file as one left by an earlier life of the same pid (and take it over).
  lockedHere.add(path);
  const mine: PidFile = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const temp = `${path}.${process.pid}.${randomUUID()}`;
  try {
    await writeFile(temp, `${JSON.stringify(mine)}\n`);
    for (let tries = 0; ; tries++) {
      try {
        await link(temp, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries > 3) throw error;
      }
      let holder: PidFile | undefined;
      try {
        holder = JSON.parse(await readFile(path, 'utf8')) as PidFile;
      } catch {
        holder = undefined; // unreadable: left half-written by a crash
      }
      const alive = holder && holder.hostname === mine.hostname && holder.pid !== process.pid && isRunning(holder.pid);
      const elsewhere = holder && holder.hostname !== mine.hostname;
      if (alive || elsewhere) throw new DataFolderInUseError(dir, holder);
      await unlink(path).catch(() => undefined); // stale: its process is gone
    }
  } catch (error) {
    lockedHere.delete(path);
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
  return async () => {
    lockedHere.delete(path);
    await rm(path, { force: true });
  };
}
