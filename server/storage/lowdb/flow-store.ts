/**
 * Flow drafts, one lowdb document per flow: `<data>/flows/<id>.flow.json`, written atomically (lowdb's
 * steno writer: temp file + rename) in the canonical, diffable form of `stringifyFlow`, with the last good
 * copy kept as `.bak` (BackedDataFile).
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { loadFlowText, stringifyFlow, type Flow } from '../../../nodes/sdk/flow.js';
import { registry } from '../../../nodes/registry.js';
import type { FlowStore, FlowSummary, VersionStore } from '../types.js';
import { BackedDataFile } from './backed-file.js';

const SUFFIX = '.flow.json';

function flowFile(dir: string, flowId: string, onDamaged?: (message: string) => void): BackedDataFile<Flow | null> {
  return new BackedDataFile<Flow | null>(join(dir, `${flowId}${SUFFIX}`), {
    parse: (text) => loadFlowText(text, registry),
    stringify: (flow) => (flow ? stringifyFlow(flow) : 'null\n'),
    ...(onDamaged ? { onDamaged } : {}),
  });
}

/** @param onWarning reports damaged draft files (the last good copy is used, or the flow is listed as unreadable). */
export async function createFlowStore(dataDir: string, versions: VersionStore, onWarning?: (message: string) => void): Promise<FlowStore> {
  const dir = join(dataDir, 'flows');
  await mkdir(dir, { recursive: true });

  async function read(flowId: string) {
    const path = join(dir, `${flowId}${SUFFIX}`);
    let updatedAt: string;
    try {
      updatedAt = (await stat(path)).mtime.toISOString();
    } catch {
      return undefined;
    }
    const db = new Low<Flow | null>(flowFile(dir, flowId, onWarning), null);
    await db.read();
    return db.data ? { flow: db.data, updatedAt } : undefined;
  }

  return {
    async list() {
      const names = (await readdir(dir)).filter((name) => name.endsWith(SUFFIX)).sort();
      const summaries: FlowSummary[] = [];
      for (const name of names) {
        const flowId = name.slice(0, -SUFFIX.length);
        try {
          const entry = await read(flowId);
          if (!entry) continue;
          const latest = await versions.latest(flowId);
          summaries.push({
            id: entry.flow.id,
            name: entry.flow.name,
            ...(entry.flow.description ? { description: entry.flow.description } : {}),
            updatedAt: entry.updatedAt,
            ...(latest ? { publishedVersion: latest.version } : {}),
            nodeCount: entry.flow.nodes.length,
          });
        } catch (error) {
          onWarning?.(`flow ${flowId} cannot be read: ${(error as Error).message}`);
        }
      }
      return summaries;
    },
    get: read,
    async put(flow) {
      const db = new Low<Flow | null>(flowFile(dir, flow.id, onWarning), null);
      db.data = flow;
      await db.write();
      return { updatedAt: new Date().toISOString() };
    },
    async delete(flowId) {
      const path = join(dir, `${flowId}${SUFFIX}`);
      try {
        await rm(path);
        return true;
      } catch {
        return false;
      }
    },
  };
}
