/**
 * A lowdb adapter that keeps the last good copy. Each write goes through lowdb's TextFile (steno: temp file +
 * rename, so a crash never leaves half a file) and first saves the previous content that still parsed as
 * `<file>.bak`. At read, a file that no longer parses (damaged on disk, cut by a full disk, edited by hand)
 * is reported through `onDamaged` and the `.bak` copy is used; when neither parses, reading throws with both
 * reasons rather than starting empty: nothing is silently dropped.
 */
import { copyFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';

export interface BackedFileOptions<T> {
  parse: (text: string) => T;
  stringify: (value: T) => string;
  onDamaged?: (message: string) => void;
}

export class BackedDataFile<T> implements Adapter<T> {
  private readonly file: TextFile;
  private readonly backup: TextFile;

  constructor(
    private readonly path: string,
    private readonly options: BackedFileOptions<T>,
  ) {
    this.file = new TextFile(path);
    this.backup = new TextFile(`${path}.bak`);
  }

  async read(): Promise<T | null> {
    const text = await this.file.read();
    if (text === null) return null;
    try {
      return this.options.parse(text);
    } catch (error) {
      const backup = await this.backup.read();
      if (backup === null) throw new Error(`${this.path} is damaged (${(error as Error).message}) and has no last good copy (.bak)`);
      let value: T;
      try {
        value = this.options.parse(backup);
      } catch (backupError) {
        throw new Error(`${this.path} is damaged (${(error as Error).message}) and so is its last good copy (${(backupError as Error).message})`);
      }
      this.options.onDamaged?.(`${this.path} is damaged (${(error as Error).message}); using the last good copy ${this.path}.bak`);
      return value;
    }
  }

  async write(value: T): Promise<void> {
    const current = await this.file.read();
    if (current !== null && this.parses(current)) await copyFile(this.path, `${this.path}.bak`);
    await this.file.write(this.options.stringify(value));
  }

  private parses(text: string): boolean {
    try {
      this.options.parse(text);
      return true;
    } catch {
      return false;
    }
  }
}
