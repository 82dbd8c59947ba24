/**
 * Rewrites every `flows/*.flow.json` in canonical form (`stringifyFlow`: fixed key order, 2-space indent),
 * so flow diffs stay small. `--check` changes nothing and exits 1 when a file is not canonical
 * (test/flows.test.ts checks the same).
 *
 * Usage: npx tsx scripts/format-flows.ts [--check] [dir]
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFlowText, stringifyFlow } from '../nodes/sdk/flow.js';
import { registry } from '../nodes/registry.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const dir = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../flows/', import.meta.url));

let differing = 0;
for (const name of (await readdir(dir)).filter((n) => n.endsWith('.flow.json')).sort()) {
  const file = join(dir, name);
  const text = await readFile(file, 'utf8');
  const canonical = stringifyFlow(loadFlowText(text, registry));
  if (text === canonical) continue;
  differing++;
  if (check) console.log(`not canonical: ${name}`);
  else {
    await writeFile(file, canonical);
    console.log(`rewrote ${name}`);
  }
}
if (check && differing > 0) process.exit(1);
