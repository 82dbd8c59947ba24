// Builds the designer into dist/client when it is missing or older than its sources (used by npm start).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', 'client', 'index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function clientIsStale() {
  if (!existsSync(built)) return true;
  const sources = Math.max(newest(join(root, 'client')), newest(join(root, 'nodes')), statSync(join(root, 'vite.config.ts')).mtimeMs);
  return sources > statSync(built).mtimeMs;
}

export function buildClient() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the designer failed (vite build)');
}

if (process.argv[1] === fileURLToPath(import.meta.url) && clientIsStale()) buildClient();
