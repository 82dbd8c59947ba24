import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../index.js';
import { BackedDataFile } from './backed-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledgerflow-backed-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const json = { parse: (text: string) => JSON.parse(text) as { n: number }, stringify: (v: { n: number }) => JSON.stringify(v) };

describe('BackedDataFile', () => {
  it('uses the last good copy when the file is cut short, and says so', async () => {
    const path = join(dir, 'index.json');
    const file = new BackedDataFile(path, json);
    await file.write({ n: 1 });
    await file.write({ n: 2 });
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual({ n: 1 });
    await truncate(path, 4); // a full disk or a crash outside the atomic write
    const warnings: string[] = [];
    const reader = new BackedDataFile(path, { ...json, onDamaged: (m) => warnings.push(m) });
    expect(await reader.read()).toEqual({ n: 1 });
    expect(warnings).toEqual([expect.stringMatching(/index\.json is damaged \(.+\); using the last good copy .+index\.json\.bak$/)]);
  });

  it('refuses to read when both copies are damaged, instead of starting empty', async () => {
    const path = join(dir, 'index.json');
    await writeFile(path, '{"n":');
    await writeFile(`${path}.bak`, 'nonsense');
    await expect(new BackedDataFile(path, json).read()).rejects.toThrow(/is damaged .* and so is its last good copy/);
  });

  it('never backs up a damaged file over the good copy', async () => {
    const path = join(dir, 'index.json');
    const file = new BackedDataFile(path, json);
    await file.write({ n: 1 });
    await file.write({ n: 2 });
    await writeFile(path, '{"n":'); // damaged
    await file.write({ n: 3 });
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual({ n: 1 });
  });

  it('a damaged flow draft is reported at start-up and its last good copy served', async () => {
    const warnings: string[] = [];
    let storage = await openStorage({ dataDir: dir });
    const flow = { schemaVersion: 1 as const, id: 'sync', name: 'Sync v1', settings: { runTimeoutMs: 1000, expressionTimeoutMs: 100, expressionMaxDepth: 50 }, nodes: [], edges: [] };
    await storage.flows.put(flow);
    await storage.flows.put({ ...flow, name: 'Sync v2' });
    await storage.close();
    await truncate(join(dir, 'flows', 'sync.flow.json'), 10);
    storage = await openStorage({ dataDir: dir, onWarning: (m) => warnings.push(m) });
    expect((await storage.flows.get('sync'))?.flow.name).toBe('Sync v1');
    expect(warnings.some((w) => w.includes('sync.flow.json is damaged'))).toBe(true);
    await storage.close();
  });
});
