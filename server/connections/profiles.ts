/**
 * Connection profiles, kept in `<data>/connection-profiles.ndjson` (a RecordLog) with every secret sealed
 * by the SecretBox (AES-256-GCM): the file holds names, URLs, user names and ciphertext, never a secret in
 * clear. `view` is what APIs answer (secrets only as "set"); `resolve` opens the secrets for the runtime.
 */
import { LedgerflowError } from '../../nodes/sdk/errors.js';
import type { RecordLog } from '../storage/record-log.js';
import { AUTH_SECRET, ConnectionName, ProfileInput, type ConnectionProfileView, type PlainAuth, type ResolvedProfile } from './profile-schema.js';
import type { SecretBox } from './secret-box.js';

/** As stored: the view's fields plus the sealed secrets (`auth.<field>`, `webhook.secret`) and the key id. */
export interface StoredProfile extends Omit<ConnectionProfileView, 'secrets'> {
  sealed: Record<string, string>;
  keyId: string;
}

/** A profile write that cannot be applied (maps to 400 `invalid-profile`). */
export class ProfileError extends LedgerflowError {
  constructor(message: string, readonly issues: Array<{ path: Array<string | number>; message: string }> = []) {
    super('invalid-profile', message);
  }
}

const where = (name: string, path: string) => `${name}/${path}`;

export class ConnectionProfiles {
  private readonly listeners = new Set<(name: string) => void>();

  constructor(
    private readonly log: RecordLog<StoredProfile>,
    private readonly box: SecretBox,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every profile, by name, as APIs may show it. */
  list(): ConnectionProfileView[] {
    return [...this.log.values()].sort((a, b) => a.name.localeCompare(b.name)).map((stored) => this.view(stored));
  }

  get(name: string): ConnectionProfileView | undefined {
    const stored = this.log.get(name);
    return stored && this.view(stored);
  }

  has(name: string): boolean {
    return this.log.has(name);
  }

  private view(stored: StoredProfile): ConnectionProfileView {
    const { sealed, keyId: _keyId, ...rest } = stored;
    return { ...rest, secrets: Object.fromEntries(Object.keys(sealed).sort().map((path) => [path, 'set' as const])) };
  }

  /**
   * Creates or changes a profile. Secrets absent from `input` are kept when the auth kind is unchanged;
   * `null` clears one.
   * @throws ProfileError when the body is invalid or the auth kind lacks its secret.
   */
  put(name: string, input: unknown): ConnectionProfileView {
    if (!ConnectionName.safeParse(name).success) throw new ProfileError(`"${name}" is not a connection name (lower-case letters, digits, ".", "_", "-")`);
    const parsed = ProfileInput.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message }));
      throw new ProfileError(`connection profile: ${issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`, issues);
    }
    const body = parsed.data;
    const previous = this.log.get(name);
    const sealed: Record<string, string> = {};
    const authSecret = AUTH_SECRET[body.auth.type];
    if (authSecret) {
      const path = `auth.${authSecret}`;
      const given = (body.auth as Record<string, unknown>)[authSecret] as string | null | undefined;
      const kept = previous?.auth.type === body.auth.type ? previous.sealed[path] : undefined;
      if (typeof given === 'string') sealed[path] = this.box.seal(given, where(name, path));
      else if (given === undefined && kept) sealed[path] = kept;
      else throw new ProfileError(`${body.auth.type} auth needs ${path}`, [{ path: ['auth', authSecret], message: 'required' }]);
    }
    const webhookSecret = body.webhook?.secret;
    if (typeof webhookSecret === 'string') sealed['webhook.secret'] = this.box.seal(webhookSecret, where(name, 'webhook.secret'));
    else if (webhookSecret === undefined && body.webhook && previous?.sealed['webhook.secret']) sealed['webhook.secret'] = previous.sealed['webhook.secret'];

    const at = new Date(this.now()).toISOString();
    const stored: StoredProfile = {
      name,
      ...(body.baseUrl ? { baseUrl: body.baseUrl } : {}),
      ...(body.description ? { description: body.description } : {}),
      ...(body.system ? { system: body.system } : {}),
      auth: plainAuth(body.auth),
      ...(body.webhook ? { webhook: body.webhook.username ? { username: body.webhook.username } : {} } : {}),
      sealed,
      keyId: this.box.keyId,
      version: (previous?.version ?? 0) + 1,
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
    };
    this.log.set(name, stored);
    for (const listener of this.listeners) listener(name);
    return this.view(stored);
  }

  /** Removes a profile; false when there was none. */
  delete(name: string): boolean {
    const had = this.log.delete(name);
    if (had) for (const listener of this.listeners) listener(name);
    return had;
  }

  /**
   * The profile with its secrets opened, for the runtime (outbound auth, webhook checks).
   * @throws SecretError when a secret cannot be opened with the current key.
   */
  resolve(name: string): ResolvedProfile | undefined {
    const stored = this.log.get(name);
    if (!stored) return undefined;
    const open = (path: string) => (stored.sealed[path] ? this.box.open(stored.sealed[path]!, where(name, path)) : undefined);
    const authSecret = AUTH_SECRET[stored.auth.type];
    const secret = authSecret ? open(`auth.${authSecret}`) : undefined;
    const webhookSecret = open('webhook.secret');
    return {
      name,
      ...(stored.baseUrl ? { baseUrl: stored.baseUrl } : {}),
      auth: { ...stored.auth, ...(secret !== undefined ? { secret } : {}) },
      ...(stored.webhook || webhookSecret ? { webhook: { ...stored.webhook, ...(webhookSecret !== undefined ? { secret: webhookSecret } : {}) } } : {}),
      version: stored.version,
      secretValues: [secret, webhookSecret].filter((value): value is string => typeof value === 'string' && value.length > 0),
    };
  }

  /** Called with the name of every profile changed or removed (token caches listen). */
  onChange(listener: (name: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  flush(): Promise<void> {
    return this.log.flush();
  }
}

function plainAuth(auth: ProfileInput['auth'] & object): PlainAuth {
  switch (auth.type) {
    case 'bearer':
      return { type: 'bearer' };
    case 'basic':
      return { type: 'basic', username: auth.username };
    case 'apiKey':
      return { type: 'apiKey', in: auth.in, name: auth.name };
    case 'oauth2':
      return {
        type: 'oauth2',
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        ...(auth.scope ? { scope: auth.scope } : {}),
        ...(auth.audience ? { audience: auth.audience } : {}),
        clientAuth: auth.clientAuth ?? 'basic',
      };
    default:
      return { type: 'none' };
  }
}
