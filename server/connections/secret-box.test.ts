/** Secrets at rest: AES-256-GCM round trip, binding to the field, key from env or a 0600 key file. */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE, loadSecretKey, parseSecretKey, SecretBox, SecretError } from './secret-box.js';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ledgerflow-secret-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('secret box', () => {
  it('seals with a fresh IV each time and opens only in the place it was sealed for', async () => {
    const box = new SecretBox(await loadSecretKey(await tempDir(), {}));
    const a = box.seal('s3cr3t-value', 'erp/auth.clientSecret');
    const b = box.seal('s3cr3t-value', 'erp/auth.clientSecret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cr3t');
    expect(box.open(a, 'erp/auth.clientSecret')).toBe('s3cr3t-value');
    expect(() => box.open(a, 'crm/auth.clientSecret')).toThrow(SecretError);
    const tampered = `${a.slice(0, -2)}${a.endsWith('A') ? 'B' : 'A'}${a.slice(-1)}`;
    expect(() => box.open(tampered, 'erp/auth.clientSecret')).toThrow(SecretError);
  });

  it('generates the key file once, with mode 0600, and reuses it', async () => {
    const dir = await tempDir();
    const first = await loadSecretKey(dir, {});
    expect(first.source).toBe('file');
    expect((await stat(join(dir, KEY_FILE))).mode & 0o777).toBe(0o600);
    const second = await loadSecretKey(dir, {});
    expect(second.key.equals(first.key)).toBe(true);
    expect(new SecretBox(second).open(new SecretBox(first).seal('x-y-z', 'p'), 'p')).toBe('x-y-z');
  });

  it('narrows a key file others can read to 0600 and says so', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, KEY_FILE), `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o644 });
    const warnings: string[] = [];
    await loadSecretKey(dir, {}, (message) => warnings.push(message));
    expect((await stat(join(dir, KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(warnings[0]).toContain('narrowed to 600');
  });

  it('takes LEDGERFLOW_SECRET_KEY (hex or base64) before the file, and refuses short keys', async () => {
    const dir = await tempDir();
    const hex = 'ab'.repeat(32);
    const fromEnv = await loadSecretKey(dir, { LEDGERFLOW_SECRET_KEY: hex });
    expect(fromEnv.source).toBe('env');
    expect(fromEnv.key.toString('hex')).toBe(hex);
    await expect(readFile(join(dir, KEY_FILE))).rejects.toThrow(); // no file written
    expect(parseSecretKey(Buffer.alloc(32, 1).toString('base64')).length).toBe(32);
    expect(() => parseSecretKey('too-short')).toThrow(SecretError);
    const other = new SecretBox(await loadSecretKey(dir, { LEDGERFLOW_SECRET_KEY: 'cd'.repeat(32) }));
    expect(() => other.open(new SecretBox(fromEnv).seal('v-v-v', 'p'), 'p')).toThrow(/cannot be opened with this key/);
  });
});
