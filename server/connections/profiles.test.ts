/** Connection profiles: write-only secrets (absent keeps, null clears), views without secrets, nothing in clear on disk. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordLog } from '../storage/record-log.js';
import { ConnectionProfiles, ProfileError, type StoredProfile } from './profiles.js';
import { loadSecretKey, SecretBox } from './secret-box.js';

let dir: string;
let profiles: ConnectionProfiles;
let log: RecordLog<StoredProfile>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledgerflow-profiles-'));
  log = await RecordLog.open<StoredProfile>(dir, 'connection-profiles');
  profiles = new ConnectionProfiles(log, new SecretBox(await loadSecretKey(dir, {})));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('connection profiles', () => {
  it('stores secrets sealed and shows only that they are set', async () => {
    const view = profiles.put('erp', {
      baseUrl: 'https://acct.suitetalk.api.netsuite.com/services/rest',
      auth: { type: 'oauth2', tokenUrl: 'https://acct.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token', clientId: 'client-1', clientSecret: 'CLIENT-SECRET-123' },
      webhook: { secret: 'WEBHOOK-SECRET-456' },
    });
    expect(view.secrets).toEqual({ 'auth.clientSecret': 'set', 'webhook.secret': 'set' });
    expect(JSON.stringify(view)).not.toMatch(/SECRET-123|SECRET-456/);
    expect(profiles.resolve('erp')).toMatchObject({ auth: { type: 'oauth2', clientId: 'client-1', secret: 'CLIENT-SECRET-123' }, webhook: { secret: 'WEBHOOK-SECRET-456' } });
    await profiles.flush();
    const file = await readFile(log.path, 'utf8');
    expect(file).toContain('client-1');
    expect(file).not.toMatch(/SECRET-123|SECRET-456/);
  });

  it('keeps a secret left out, replaces a given one, clears a null one', () => {
    profiles.put('erp', { baseUrl: 'https://acct.example.com/rest', auth: { type: 'oauth2', tokenUrl: 'https://acct.example.com/token', clientId: 'client-2' }, webhook: {} });
    expect(profiles.resolve('erp')).toMatchObject({ baseUrl: 'https://acct.example.com/rest', auth: { clientId: 'client-2', secret: 'CLIENT-SECRET-123' }, webhook: { secret: 'WEBHOOK-SECRET-456' } });
    const cleared = profiles.put('erp', { auth: { type: 'oauth2', tokenUrl: 'https://acct.example.com/token', clientId: 'client-2', clientSecret: 'NEW-SECRET-789' }, webhook: { secret: null } });
    expect(cleared.secrets).toEqual({ 'auth.clientSecret': 'set' });
    expect(cleared.version).toBe(3);
    expect(profiles.resolve('erp')?.auth.secret).toBe('NEW-SECRET-789');
  });

  it('asks for the secret when the auth kind changes, and refuses bad input', () => {
    expect(() => profiles.put('erp', { auth: { type: 'bearer' } })).toThrow(ProfileError);
    expect(() => profiles.put('Bad Name', {})).toThrow(/not a connection name/);
    expect(() => profiles.put('x', { baseUrl: 'ftp://nope' })).toThrow(/baseUrl/);
    expect(() => profiles.put('x', { auth: { type: 'basic', username: 'a:b', password: 'p' } })).toThrow(/RFC 7617/);
    expect(profiles.put('crm', { auth: { type: 'basic', username: 'integration', password: 'pw-1234' } }).auth).toEqual({ type: 'basic', username: 'integration' });
  });
});
