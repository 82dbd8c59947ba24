/**
 * The stale-event guard: per entity, an event older than the last one applied is routed away, so an
 * out-of-order delivery cannot roll state back; a parked run keeps the version it applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const flow = {
    schemaVersion: 1,
    id: 'subscription-state',
    name: 'Subscription state',
    nodes: [
      { id: 'hook', type: 'trigger.webhook', typeVersion: 1, position: { x: 0, y: 0 }, config: { path: 'subscriptions' } },
      { id: 'fresh', type: 'guard.staleEvent', typeVersion: 1, position: { x: 200, y: 0 }, config: { entity: 'payload.data.object.id', version: 'payload.created', onStale: 'route' } },
      { id: 'fail-if-asked', type: 'route.switch', typeVersion: 1, position: { x: 400, y: 0 }, config: { routes: [{ port: 'boom', condition: 'payload.fail = true' }] } },
      { id: 'apply', type: 'respond', typeVersion: 1, position: { x: 600, y: 0 }, config: { status: 200, body: '{ "applied": payload.created }' } },
      { id: 'broken', type: 'validate.schema', typeVersion: 1, position: { x: 600, y: 100 }, config: { schema: { type: 'string' } } },
      { id: 'stale', type: 'respond', typeVersion: 1, position: { x: 400, y: 200 }, config: { status: 409, body: '{ "stale": payload.created }' } },
    ],
    edges: [
      { id: 'a', source: 'hook', sourcePort: 'out', target: 'fresh', targetPort: 'in' },
      { id: 'b', source: 'fresh', sourcePort: 'out', target: 'fail-if-asked', targetPort: 'in' },
      { id: 'c', source: 'fail-if-asked', sourcePort: 'otherwise', target: 'apply', targetPort: 'in' },
      { id: 'd', source: 'fail-if-asked', sourcePort: 'boom', target: 'broken', targetPort: 'in' },
      { id: 'e', source: 'fresh', sourcePort: 'stale', target: 'stale', targetPort: 'in' },
    ],
  };
  expect((await t.call('PUT', '/api/flows/subscription-state', flow)).status).toBe(200);
  expect((await t.call('POST', '/api/flows/subscription-state/publish', {})).status).toBe(201);
});
afterAll(async () => {
  await t?.stop();
});

const event = (created: number, extra: Record<string, unknown> = {}) => ({ id: `evt_${created}`, created, data: { object: { id: 'sub_1' } }, ...extra });

describe('stale-event guard', () => {
  it('routes an event older than the last applied one for the same entity, and lets equal or newer ones through', async () => {
    expect(await t.call('POST', '/hooks/subscriptions', event(200))).toMatchObject({ status: 200, body: { applied: 200 } });
    expect(await t.call('POST', '/hooks/subscriptions', event(100))).toMatchObject({ status: 409, body: { stale: 100 } });
    expect(await t.call('POST', '/hooks/subscriptions', event(300))).toMatchObject({ status: 200, body: { applied: 300 } });
    expect(await t.call('POST', '/hooks/subscriptions', event(300))).toMatchObject({ status: 200, body: { applied: 300 } });
    expect(await t.call('POST', '/hooks/subscriptions', { ...event(250), data: { object: { id: 'sub_2' } } })).toMatchObject({ status: 200 });
  });

  it('accepts ISO timestamps as versions', async () => {
    const iso = (at: string) => ({ id: at, created: at, data: { object: { id: 'sub_iso' } } });
    expect((await t.call('POST', '/hooks/subscriptions', iso('2025-03-16T10:00:00Z'))).status).toBe(200);
    expect((await t.call('POST', '/hooks/subscriptions', iso('2025-03-16T09:59:59Z'))).status).toBe(409);
  });

  it('a run that fails after the guard is parked and keeps its version', async () => {
    const failed = await t.call('POST', '/hooks/subscriptions', event(400, { fail: true }));
    expect(failed.status).toBe(422); // failed validation: parked, answered as an unusable event
    // Parked: the dead-letter queue owns event 400, so an older event is still stale.
    expect((await t.call('POST', '/hooks/subscriptions', event(350))).status).toBe(409);
  });
});
