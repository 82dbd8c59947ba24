/**
 * Vite builds the designer (client/ → dist/client); Vitest runs every test in the repository.
 * The dev server proxies the API, webhooks, stand-ins and the live trace to the Ledgerflow server.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const server = process.env.LEDGERFLOW_SERVER ?? 'http://127.0.0.1:5170';

/** Bench builds (test/bench/w4.ts) set VITE_LF_PROFILE=1: React's profiling build, so <Profiler> reports. */
const profiling = process.env.VITE_LF_PROFILE === '1';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  ...(profiling ? { resolve: { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] } } : {}),
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The designer chunk (React Flow, CodeMirror, rjsf + Ajv, JSONata, zod) is ~1.3 MB; the flow list loads without it.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: {
      '/api': server,
      '/hooks': server,
      '/sandbox': server,
      '/socket.io': { target: server, ws: true },
    },
  },
  test: {
    // Vite's root is client/; tests live all over the repository.
    root: repoRoot,
    dir: repoRoot,
    include: ['nodes/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
