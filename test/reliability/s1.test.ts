/**
 * S1 (three processes appending to one lowdb file kept 300–571 of 900 records and once left invalid JSON):
 * a second Ledgerflow process on a data folder another one holds refuses to start, with a clear message; of
 * three started at once exactly one serves; every record the holder writes meanwhile is kept, and every data
 * file parses.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLedgerflow } from '../../server/app.js';
import { DataFolderInUseError } from '../../server/storage/lock.js';
import { runChildServerToExit, startChildServer, type ChildServer } from '../support/child-server.js';
import { invoicePaidEvent } from '../support/invoice-flow.js';

let dir: string;
let first: ChildServer | undefined;
const folders: string[] = [];
const servers: ChildServer[] = [];
afterAll(async () => {
  if (first) await first.kill('SIGKILL');
  await Promise.all(servers.map((server) => server.kill('SIGKILL')));
  for (const folder of [dir, ...folders]) if (folder) await rm(folder, { recursive: true, force: true });
});

/** Every `.json` file parses and every line of every `.ndjson` file parses; resolves with the files read. */
async function parseEveryDataFile(folder: string): Promise<string[]> {
  const files = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.json') || name.endsWith('.ndjson'));
  for (const name of files) {
    const text = await readFile(join(folder, name), 'utf8');
    if (name.endsWith('.json')) expect(() => JSON.parse(text), name).not.toThrow();
    else text.split('\n').filter((line) => line.trim()).forEach((line, i) => expect(() => JSON.parse(line), `${name} line ${i + 1}`).not.toThrow());
  }
  return files;
}

async function post(url: string, body: unknown): Promise<number> {
  return (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
}

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

  it('S1: of three processes started at once one serves, two refuse; the events it records meanwhile are all kept and every file parses', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ledgerflow-s1-three-'));
    folders.push(folder);
    const env = { LEDGERFLOW_DATA: folder };
    const starts = await Promise.allSettled([0, 1, 2].map(() => startChildServer(env)));
    for (const start of starts) if (start.status === 'fulfilled') servers.push(start.value);
    expect(servers).toHaveLength(1);
    const holder = servers[0]!;
    for (const start of starts.filter((s) => s.status === 'rejected')) {
      const { code, output } = (start as PromiseRejectedResult).reason as { code: number; output: string };
      expect(code).toBe(1);
      expect(output).toContain(`Ledgerflow cannot start: The data folder ${folder} is in use by Ledgerflow process ${holder.process.pid}`);
    }

    // The holder takes events while two more processes try the folder.
    let late = false;
    const latecomers = Promise.all([runChildServerToExit(env), runChildServerToExit(env)]).finally(() => (late = true));
    const answers: number[] = [];
    while (!late || answers.length < 10) {
      answers.push(await post(`${holder.url}/hooks/stripe/invoices`, invoicePaidEvent(`s1-${answers.length}`)));
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await latecomers).map((l) => l.code)).toEqual([1, 1]);
    expect(answers).toEqual(answers.map(() => 202));

    const runs = async (url: string) => (await (await fetch(`${url}/api/runs?flowId=stripe-invoice-to-erp&limit=500`)).json()) as Array<{ status: string }>;
    expect((await runs(holder.url)).map((r) => r.status)).toEqual(answers.map(() => 'succeeded'));
    const erp = (await (await fetch(`${holder.url}/sandbox/erp/invoices`)).json()) as { items: Array<{ externalId: string }> };
    expect(erp.items.map((i) => i.externalId)).toEqual(answers.map((_, n) => `in_TEST_s1-${n}`));

    // Stopped, the folder holds only whole records; the next process finds every run.
    expect(await holder.kill('SIGTERM')).toBe(0);
    servers.pop();
    const files = await parseEveryDataFile(folder);
    expect(files).toEqual(expect.arrayContaining(['claims.ndjson', expect.stringMatching(/^runs\//)]));
    const next = await startChildServer(env);
    servers.push(next);
    expect((await runs(next.url)).map((r) => r.status)).toEqual(answers.map(() => 'succeeded'));
  }, 120_000);
});
