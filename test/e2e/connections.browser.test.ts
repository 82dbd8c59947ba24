/**
 * The connections page in a real browser (headless Chromium via playwright-core): a profile created and
 * changed through `#/connections` — bearer token and webhook signing secret typed into write-only fields —
 * works (a signed webhook runs a flow whose HTTP call carries the token to a target that checks it), shows
 * secrets only as "set", and holds / releases the connection from the same page.
 *
 * Then the test greps for every secret typed: it must appear in no file under the data folder or flows/ in
 * clear text, in no API response (those the page received and the ones a client would ask), in no trace
 * event or stored run, and in no log line.
 */
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';
import { hasChromium, launchChromium } from '../support/browser.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(root, 'test-results');

const TOKEN = `tok_UI_${randomBytes(12).toString('hex')}`;
const TOKEN_CHANGED = `tok_UI2_${randomBytes(12).toString('hex')}`;
const SIGNING = `whsec_UI_${randomBytes(16).toString('hex')}`;
const SECRETS = [TOKEN, TOKEN_CHANGED, SIGNING];

/** Everything that left the server: API bodies seen by the browser or asked by the test, trace events, log lines. */
const seen = { responses: [] as string[], traces: [] as string[], logs: [] as string[] };

/** A target API that wants the bearer token typed in the page. */
let expectedToken = TOKEN;
const tokensReceived: string[] = [];
const target: Server = createServer((req, res) => {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  tokensReceived.push(token);
  res.setHeader('content-type', 'application/json');
  if (token !== expectedToken) return void res.writeHead(401).end('{"error":"invalid token"}');
  res.end(JSON.stringify({ currency: new URL(req.url!, 'http://x').searchParams.get('currency'), rate: 0.0725 }));
});

let server: TestServer;
let browser: Browser;
let page: Page;

async function api(path: string): Promise<unknown> {
  const answer = await server.call('GET', path);
  seen.responses.push(JSON.stringify(answer.body));
  return answer.body;
}

/** Posts a webhook signed with the secret typed in the page; answers the run it started. */
async function signedWebhook(body: string): Promise<{ status: number; runId: string | null }> {
  const signature = `sha256=${createHmac('sha256', SIGNING).update(body).digest('hex')}`;
  const response = await fetch(`${server.url}/hooks/ui/tax`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Signature': signature }, body });
  seen.responses.push(await response.text());
  return { status: response.status, runId: response.headers.get('x-ledgerflow-run-id') };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

describe.skipIf(!hasChromium)('connections page in a browser', () => {
  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-client.mjs')], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('building the designer failed');
    await mkdir(shots, { recursive: true });
    target.listen(0, '127.0.0.1');
    await new Promise((r) => target.once('listening', r));
    const logger = pino({ level: 'debug' }, { write: (line: string) => void seen.logs.push(line) });
    server = await startTestServer({ logger, onTrace: (event) => void seen.traces.push(JSON.stringify(event)) });
    const flow = {
      schemaVersion: 1,
      id: 'ui-tax-lookup',
      name: 'Tax rate lookup (connection set in the UI)',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', position: { x: 0, y: 0 }, config: { path: 'ui/tax', verify: { scheme: 'hmac', connection: 'tax-api', header: 'X-Signature', prefix: 'sha256=' } } },
        { id: 'rate', type: 'http.request', position: { x: 260, y: 0 }, config: { connection: 'tax-api', method: 'GET', url: 'rates?currency={{ payload.currency }}' } },
        { id: 'answer', type: 'respond', position: { x: 520, y: 0 }, config: { status: 200, body: 'payload.body' } },
      ],
      edges: [
        { id: 'hook-rate', source: 'hook', sourcePort: 'out', target: 'rate', targetPort: 'in' },
        { id: 'rate-answer', source: 'rate', sourcePort: 'out', target: 'answer', targetPort: 'in' },
      ],
    };
    expect((await server.call('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
    expect((await server.call('POST', `/api/flows/${flow.id}/publish`, {})).status).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/')) void response.text().then((text) => seen.responses.push(text), () => undefined);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    target.close();
  });

  test('creates a profile with write-only secrets; a signed webhook runs and its call carries the token', async () => {
    await page.goto(`${server.url}/index.html#/connections`);
    await expect.poll(() => page.getByTestId('profile-erp').count(), { timeout: 15_000 }).toBe(1); // the stand-ins' profiles
    await page.getByTestId('new-connection').click();
    await page.getByTestId('profile-name').fill('tax-api');
    await page.getByTestId('profile-system').selectOption('generic');
    await page.getByTestId('profile-base-url').fill(`http://127.0.0.1:${(target.address() as AddressInfo).port}/api`);
    await page.getByTestId('profile-auth').selectOption('bearer');
    await page.getByTestId('profile-auth-secret-input').fill(TOKEN);
    await page.getByTestId('profile-webhook-secret-input').fill(SIGNING);
    await page.getByTestId('profile-save').click();
    await expect.poll(() => page.getByTestId('connections-notice').textContent()).toBe('Saved tax-api.');
    await expect.poll(() => page.getByTestId('profile-auth-secret-state').textContent()).toBe('set');
    expect(await page.getByTestId('profile-webhook-secret-state').textContent()).toBe('set');
    await expect.poll(() => page.getByTestId('profile-tax-api').getByTestId('secrets-state').textContent()).toContain('auth.token set');
    await page.screenshot({ path: join(shots, 'connections-page.png'), fullPage: true });
    const html = await page.content();
    for (const secret of SECRETS) expect(html).not.toContain(secret);

    const run = await signedWebhook('{"currency":"USD"}');
    expect(run.status).toBe(200);
    expect(tokensReceived).toEqual([TOKEN]);
    expect(((await api(`/api/runs/${run.runId}`)) as { status: string }).status).toBe('succeeded');
    expect((await signedWebhook('{"currency":"EUR", "tampered": true}')).status).toBe(200); // signed over these bytes: fine
  });

  test('changes the token through "Change"; the next call carries the new one', async () => {
    await page.getByTestId('profile-tax-api').click();
    await page.getByTestId('profile-auth-secret-change').click();
    await page.getByTestId('profile-auth-secret-input').fill(TOKEN_CHANGED);
    expectedToken = TOKEN_CHANGED;
    await page.getByTestId('profile-save').click();
    await expect.poll(() => page.getByTestId('profile-auth-secret-state').textContent()).toBe('set');
    const run = await signedWebhook('{"currency":"GBP"}');
    expect(run.status).toBe(200);
    expect(tokensReceived.at(-1)).toBe(TOKEN_CHANGED);
    const profile = (await api('/api/connections/tax-api')) as { profile: { version: number; secrets: Record<string, string> } };
    expect(profile.profile).toMatchObject({ version: 2, secrets: { 'auth.token': 'set', 'webhook.secret': 'set' } });
  });

  test('holds and releases the connection from the same page', async () => {
    await page.getByTestId('hold-tax-api').click();
    await page.getByTestId('hold-reason').fill('Tax API maintenance window');
    await page.getByTestId('hold-dialog-confirm').click();
    await expect.poll(() => page.getByTestId('release-tax-api').count()).toBe(1);
    expect(((await api('/api/connections/tax-api')) as { hold?: { reason: string } }).hold?.reason).toBe('Tax API maintenance window');
    await page.screenshot({ path: join(shots, 'connections-held.png'), fullPage: true });
    await page.getByTestId('release-tax-api').click();
    await expect.poll(() => page.getByTestId('hold-tax-api').count()).toBe(1);
    expect(((await api('/api/connections/tax-api')) as { hold?: unknown }).hold).toBeUndefined();
  });

  test('no secret typed in the page is anywhere in clear text: data folder, flows/, API answers, traces, logs', async () => {
    for (const path of ['/api/connections', '/api/connections/tax-api', '/api/flows/ui-tax-lookup', '/api/runs?limit=100', '/api/webhooks/rejections', '/api/node-types']) await api(path);
    for (const run of (await api('/api/runs?flowId=ui-tax-lookup')) as Array<{ id: string }>) await api(`/api/runs/${run.id}`);
    await server.ledgerflow.connectionServices.flush();
    await server.ledgerflow.storage.runs.flush();

    const dataFiles = await filesUnder(server.dataDir);
    expect(dataFiles.some((f) => f.endsWith('connection-profiles.ndjson'))).toBe(true);
    const profileFile = await readFile(dataFiles.find((f) => f.endsWith('connection-profiles.ndjson'))!, 'utf8');
    expect(profileFile).toContain('"tax-api"'); // the profile is there, sealed
    const flowFiles = await filesUnder(join(root, 'flows'));
    const places: Array<[string, string]> = [
      ...(await Promise.all([...dataFiles, ...flowFiles].map(async (f) => [f, await readFile(f, 'latin1')] as [string, string]))),
      ...seen.responses.map((text, i) => [`API response ${i}`, text] as [string, string]),
      ...seen.traces.map((text, i) => [`trace event ${i}`, text] as [string, string]),
      ...seen.logs.map((text, i) => [`log line ${i}`, text] as [string, string]),
    ];
    expect(seen.traces.length).toBeGreaterThan(5);
    expect(seen.responses.length).toBeGreaterThan(10);
    for (const secret of SECRETS) {
      const found = places.filter(([, text]) => text.includes(secret)).map(([where]) => where);
      expect(found, `secret ${secret.slice(0, 8)}… found in`).toEqual([]);
    }
  });
});
