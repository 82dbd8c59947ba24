/** S1: a second Ledgerflow process on a data folder another one holds refuses to start, with a clear message. */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLedgerflow } from '../../server/app.js';
import { DataFolderInUseError } from '../../server/storage/lock.js';
import { runChildServerToExit, startChildServer, type ChildServer } from '../support/child-server.js';

let dir: string;
let first: ChildServer | undefined;
afterAll(async () => {
  if (first) await first.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('one process per data folder', () => {
  it('S1: a second process refuses the folder; after the first is killed, a new one takes it over', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledgerflow-s1-'));
    first = await startChildServer({ LEDGERFLOW_DATA: dir });
    const pid = first.process.pid;

    const second = await runChildServerToExit({ LEDGERFLOW_DATA: dir });
    expect(second.code).toBe(1);
    expect(second.output).toContain(`Ledgerflow cannot start: The data folder ${dir} is in use by Ledgerflow process ${pid}`);
    expect(second.output).toContain('LEDGERFLOW_DATA');

    await expect(createLedgerflow({ dataDir: dir, port: 0, seedFlowsDir: null })).rejects.toThrow(DataFolderInUseError);

    // The first process's flows and history are intact and it still answers.
    const flows = await (await fetch(`${first.url}/api/flows`)).json();
    // Every example flow in flows/ (file name = flow id), however many there are.
    const examples = readdirSync(new URL('../../flows/', import.meta.url)).filter((n) => n.endsWith('.flow.json')).map((n) => n.slice(0, -'.flow.json'.length));
    expect(flows.map((f: { id: string }) => f.id).sort()).toEqual(examples.sort());

    await first.kill('SIGKILL');
    first = await startChildServer({ LEDGERFLOW_DATA: dir });
    expect((await fetch(`${first.url}/api/health`)).ok).toBe(true);
  });
});
