/**
 * Opens the connection services of a data folder: the secret key, the encrypted profile store, the
 * outbound authenticator (base URL + auth for nodes' HTTP calls) and the webhook gate (inbound checks and
 * the record of refused attempts).
 */
import { RecordLog } from '../storage/record-log.js';
import { ConnectionAuthenticator } from './outbound.js';
import { ConnectionProfiles, type StoredProfile } from './profiles.js';
import { loadSecretKey, SecretBox } from './secret-box.js';
import { WebhookGate, type WebhookRejection } from './webhook-gate.js';

export { ConnectionAuthenticator } from './outbound.js';
export { ConnectionProfiles, ProfileError } from './profiles.js';
export { WebhookGate, type WebhookRejection, type WebhookVerify } from './webhook-gate.js';
export type { ConnectionProfileView, ProfileInput, ResolvedProfile } from './profile-schema.js';

export interface ConnectionServices {
  profiles: ConnectionProfiles;
  authenticator: ConnectionAuthenticator;
  gate: WebhookGate;
  /** Where the key came from (never the key). */
  keySource: 'env' | 'file';
  flush(): Promise<void>;
}

/**
 * @param now clock for token expiry and signature timestamps (ms since the epoch)
 * @throws SecretError when `LEDGERFLOW_SECRET_KEY` or `<data>/secret.key` is not a 32-byte key.
 */
export async function openConnectionServices(options: {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  onWarning?: (message: string) => void;
  now?: () => number;
}): Promise<ConnectionServices> {
  const now = options.now ?? Date.now;
  const key = await loadSecretKey(options.dataDir, options.env ?? process.env, options.onWarning);
  const box = new SecretBox(key);
  const profiles = new ConnectionProfiles(await RecordLog.open<StoredProfile>(options.dataDir, 'connection-profiles', { onWarning: options.onWarning }), box, now);
  const rejections = await RecordLog.open<WebhookRejection>(options.dataDir, 'webhook-rejections', { onWarning: options.onWarning });
  const gate = new WebhookGate(profiles, rejections, now);
  return {
    profiles,
    authenticator: new ConnectionAuthenticator(profiles, now),
    gate,
    keySource: key.source,
    flush: async () => {
      await Promise.all([profiles.flush(), gate.flush()]);
    },
  };
}
