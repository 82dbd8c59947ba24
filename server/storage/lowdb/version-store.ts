/**
 * Published versions: immutable files `<data>/versions/<flowId>/v<N>.flow.json` plus a lowdb index
 * `<data>/versions/index.json` (`{ flows: { [flowId]: [{ version, message, publishedAt }] } }`).
 * The runtime runs only these; a run keeps the compiled version it started with.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { BackedDataFile } from './backed-file.js';
import { loadFlowText, stringifyFlow } from '../../../nodes/sdk/flow.js';
import { registry } from '../../../nodes/registry.js';
import type { PublishedVersion, VersionStore } from '../types.js';

interface VersionIndex {
  flows: Record<string, Array<{ version: number; message?: string; publishedAt: string }>>;
}

/** @param onWarning reports a damaged index (its last good copy is used). */
export async function createVersionStore(dataDir: string, onWarning?: (message: string) => void): Promise<VersionStore> {
  const dir = join(dataDir, 'versions');
  await mkdir(dir, { recursive: true });
  // Not JSONFilePreset: it silently swaps in an in-memory adapter when NODE_ENV is "test".
  const index = new Low<VersionIndex>(
    new BackedDataFile<VersionIndex>(join(dir, 'index.json'), {
      parse: (text) => JSON.parse(text) as VersionIndex,
      stringify: (value) => `${JSON.stringify(value, null, 2)}\n`,
      ...(onWarning ? { onDamaged: onWarning } : {}),
    }),
    { flows: {} },
  );
  await index.read();
  const cache = new Map<string, PublishedVersion>();
  let queue: Promise<unknown> = Promise.resolve();

  async function get(flowId: string, version: number): Promise<PublishedVersion | undefined> {
    const key = `${flowId}@${version}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const entry = index.data.flows[flowId]?.find((v) => v.version === version);
    if (!entry) return undefined;
    const text = await readFile(join(dir, flowId, `v${version}.flow.json`), 'utf8');
    const published: PublishedVersion = { flowId, ...entry, flow: loadFlowText(text, registry) };
    cache.set(key, published);
    return published;
  }

  return {
    publish(flow, message) {
      // Serialised so two publishes of one flow cannot take the same number.
      const result = queue.then(async () => {
        const list = (index.data.flows[flow.id] ??= []);
        const version = (list.at(-1)?.version ?? 0) + 1;
        await mkdir(join(dir, flow.id), { recursive: true });
        await writeFile(join(dir, flow.id, `v${version}.flow.json`), stringifyFlow(flow), { flag: 'wx' });
        const entry = { version, ...(message ? { message } : {}), publishedAt: new Date().toISOString() };
        list.push(entry);
        await index.write();
        const published: PublishedVersion = { flowId: flow.id, ...entry, flow };
        cache.set(`${flow.id}@${version}`, published);
        return published;
      });
      queue = result.catch(() => undefined);
      return result;
    },
    get,
    async latest(flowId) {
      const last = index.data.flows[flowId]?.at(-1);
      return last ? get(flowId, last.version) : undefined;
    },
    async list(flowId) {
      return (index.data.flows[flowId] ?? []).map((entry) => ({ flowId, ...entry }));
    },
    async allLatest() {
      const out: PublishedVersion[] = [];
      for (const [flowId, list] of Object.entries(index.data.flows)) {
        const last = list.at(-1);
        if (last) {
          const published = await get(flowId, last.version);
          if (published) out.push(published);
        }
      }
      return out;
    },
  };
}
