/** The `ledgerflow` command line: validate files and run a flow headless on a fixture. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../server/cli.js';

const fixture = 'test/fixtures/stripe/invoice.paid.proration.json';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledgerflow-cli-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function capture(argv: string[]) {
  const lines: string[] = [];
  const code = await main(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

describe('ledgerflow CLI', () => {
  it('validates the example flows', async () => {
    const { code, text } = await capture(['validate', 'flows/stripe-invoice-to-erp.flow.json', 'flows/closed-won-to-subscription.flow.json']);
    expect(text).toMatch(/✔ flows\/stripe-invoice-to-erp.flow.json: stripe-invoice-to-erp/);
    expect(code).toBe(0);
  });

  it('E1: reports an edge to a missing port with its path and exits 1', async () => {
    const file = join(dir, 'broken.flow.json');
    await writeFile(
      file,
      JSON.stringify({
        id: 'broken',
        name: 'Broken',
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 } },
          { id: 'map', type: 'transform.jsonata', position: { x: 1, y: 0 }, config: { expression: 'payload' } },
        ],
        edges: [{ id: 'paid', source: 'map', sourceHandle: 'amount_paid', target: 'start', targetHandle: 'in' }],
      }),
    );
    const { code, text } = await capture(['validate', file]);
    expect(code).toBe(1);
    expect(text).toContain('edges[0].sourcePort: edge "paid" leaves port "amount_paid" of node "map" (transform.jsonata), which has output ports "out", "error"');
  });

  it('runs stripe-invoice-to-erp on the invoice.paid fixture, prints the ERP payload and exits 0', async () => {
    const { code, text } = await capture(['run', 'flows/stripe-invoice-to-erp.flow.json', '--input', fixture]);
    expect(text).toMatch(/Run run_\w+ succeeded/);
    expect(text).toContain('"externalId": "in_FAKE0000000000000002"');
    expect(text).toContain('"amount": -126.45');
    expect(text).toContain('"amount": 202.32');
    expect(code).toBe(0);
  });

  it('exits non-zero when the run fails', async () => {
    const input = join(dir, 'not-an-invoice.json');
    await writeFile(input, JSON.stringify({ id: 'evt_x', type: 'invoice.paid', data: { object: { id: 'in_x', lines: { data: [] } } } }));
    const { code, text } = await capture(['run', 'flows/stripe-invoice-to-erp.flow.json', '--input', input]);
    expect(text).toMatch(/✘/);
    expect(code).toBe(1);
  });

  it('works as `npx ledgerflow` from the project folder', async () => {
    const { stdout } = await promisify(execFile)('npx', ['ledgerflow', 'validate', 'flows/stripe-invoice-to-erp.flow.json'], { timeout: 60_000 });
    expect(stdout).toContain('✔ flows/stripe-invoice-to-erp.flow.json');
  });
});
