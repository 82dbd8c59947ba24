import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, lockDataFolder } from './lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledgerflow-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pidFile = async () => JSON.parse(await readFile(join(dir, 'ledgerflow.pid'), 'utf8')) as { pid: number; hostname: string };

describe('lockDataFolder', () => {
  it('S1: three opening one folder at once in one process: one takes it, two are refused, the pid file stays', async () => {
    const attempts = await Promise.allSettled([lockDataFolder(dir), lockDataFolder(dir), lockDataFolder(dir)]);
    const taken = attempts.filter((a) => a.status === 'fulfilled');
    const refused = attempts.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason);
    expect(taken).toHaveLength(1);
    expect(refused).toHaveLength(2);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(DataFolderInUseError);
      expect((reason as Error).message).toBe(`The data folder ${dir} is in use by another Ledgerflow in this process.`);
    }
    expect(await pidFile()).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(await readdir(dir)).toEqual(['ledgerflow.pid']); // no temporary file left behind

    await (taken[0] as PromiseFulfilledResult<() => Promise<void>>).value();
    expect(await readdir(dir)).toEqual([]);
    const again = await lockDataFolder(dir);
    expect(await pidFile()).toMatchObject({ pid: process.pid });
    await again();
  });

  it('S1: refuses a folder a live process holds, naming it and LEDGERFLOW_DATA', async () => {
    const holder = { pid: process.ppid, hostname: hostname(), startedAt: '2025-03-16T09:00:00.000Z' };
    await writeFile(join(dir, 'ledgerflow.pid'), JSON.stringify(holder));
    await expect(lockDataFolder(dir)).rejects.toThrow(
      `The data folder ${dir} is in use by Ledgerflow process ${process.ppid} on ${hostname()} (started 2025-03-16T09:00:00.000Z). ` +
        'Stop that process, or give this one another folder with LEDGERFLOW_DATA.',
    );
    expect(await pidFile()).toEqual(holder);
    expect(await readdir(dir)).toEqual(['ledgerflow.pid']);
  });

  it('takes over the pid file of a process that no longer runs (killed with SIGKILL)', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    await writeFile(join(dir, 'ledgerflow.pid'), JSON.stringify({ pid: gone, hostname: hostname(), startedAt: '2025-03-16T09:00:00.000Z' }));
    const unlock = await lockDataFolder(dir);
    expect(await pidFile()).toMatchObject({ pid: process.pid, hostname: hostname() });
    await unlock();
  });
});
