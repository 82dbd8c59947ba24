/**
 * Encryption at rest for connection secrets: AES-256-GCM (node:crypto) with a 96-bit random IV per value
 * (NIST SP 800-38D §8.2.2) and the 128-bit tag, bound to where the value lives (the additional
 * authenticated data is e.g. `erp/auth.clientSecret`), so a sealed value copied into another field or
 * connection fails to open.
 *
 * The 32-byte key comes from env `LEDGERFLOW_SECRET_KEY` (64 hex characters, or base64 of 32 bytes), or
 * else from `<data>/secret.key`, generated on first start with mode 0600 (owner read/write only). Losing
 * the key file makes the stored secrets unreadable: they must be entered again.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** File name of the generated key inside the data folder. */
export const KEY_FILE = 'secret.key';
const SEALED = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)$/;

/** A secret that cannot be opened: wrong key, damaged value, or moved to another field. */
export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

export interface SecretKey {
  key: Buffer;
  source: 'env' | 'file';
  /** First 8 bytes of SHA-256 of the key, hex: tells which key sealed a value, without revealing it. */
  keyId: string;
}

const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/**
 * Parses `LEDGERFLOW_SECRET_KEY`: 64 hex characters or base64 of exactly 32 bytes.
 * @throws SecretError for any other value (a short key is refused, never padded).
 */
export function parseSecretKey(text: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  const decoded = Buffer.from(value.replace(/^base64:/, ''), 'base64');
  if (decoded.length === 32) return decoded;
  throw new SecretError('LEDGERFLOW_SECRET_KEY must be 32 bytes: 64 hex characters or base64 (e.g. `openssl rand -base64 32`)');
}

/**
 * The key for `dataDir`: from `env.LEDGERFLOW_SECRET_KEY` when set, else `<dataDir>/secret.key`, created
 * (32 random bytes, base64, mode 0600) when missing. A key file others can read is narrowed to 0600 and
 * reported through `onWarning`.
 * @throws SecretError when the env value or the file is not a 32-byte key.
 */
export async function loadSecretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env, onWarning?: (message: string) => void): Promise<SecretKey> {
  const fromEnv = env.LEDGERFLOW_SECRET_KEY;
  if (fromEnv) {
    const key = parseSecretKey(fromEnv);
    return { key, source: 'env', keyId: keyIdOf(key) };
  }
  const path = join(dataDir, KEY_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const fresh = randomBytes(32);
    try {
      // `wx`: never overwrite a key another start wrote meanwhile (that would orphan its secrets).
      await writeFile(path, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      return { key: fresh, source: 'file', keyId: keyIdOf(fresh) };
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
      text = await readFile(path, 'utf8');
    }
  }
  const mode = (await stat(path)).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    await chmod(path, 0o600);
    onWarning?.(`${path} was readable by others (mode ${mode.toString(8)}); narrowed to 600`);
  }
  let key: Buffer;
  try {
    key = parseSecretKey(text);
  } catch {
    throw new SecretError(`${path} does not hold a 32-byte key; restore it from a backup, or remove it and enter the secrets again`);
  }
  return { key, source: 'file', keyId: keyIdOf(key) };
}

/** Seals and opens secrets with one key. Sealed form: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export class SecretBox {
  constructor(private readonly secretKey: SecretKey) {
    if (secretKey.key.length !== 32) throw new SecretError('AES-256-GCM needs a 32-byte key');
  }

  get keyId(): string {
    return this.secretKey.keyId;
  }

  /** Encrypts `plain` for the place `where` (e.g. `erp/auth.clientSecret`). */
  seal(plain: string, where: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.secretKey.key, iv);
    cipher.setAAD(Buffer.from(where, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ciphertext.toString('base64url')}`;
  }

  /**
   * Decrypts a value sealed for `where`.
   * @throws SecretError when the value is damaged, sealed with another key, or sealed for another place.
   */
  open(sealed: string, where: string): string {
    const match = SEALED.exec(sealed);
    if (!match) throw new SecretError(`the secret at ${where} is not a sealed value`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.secretKey.key, Buffer.from(match[1]!, 'base64url'));
      decipher.setAAD(Buffer.from(where, 'utf8'));
      decipher.setAuthTag(Buffer.from(match[2]!, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(match[3]!, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretError(`the secret at ${where} cannot be opened with this key (wrong LEDGERFLOW_SECRET_KEY or secret.key?)`);
    }
  }
}
