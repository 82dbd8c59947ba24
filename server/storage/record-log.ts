/**
 * A small durable map: `<dir>/<name>.ndjson`, one `{"k":key,"v":value}` line per change (`"v":null`
 * deletes), latest line wins. Used for the stores that must survive a crash but stay small: idempotency
 * claims, stale-event versions, dead letters, holds. Writes are group-committed like the run log; the file
 * is compacted (rewritten atomically: temp file + rename) at open when most of its lines are stale.
 * A damaged line (a crash mid-write) is reported through `onWarning` and skipped; the others are kept.
 */
import { existsSync } from 'node:fs';
import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RecordLogOptions {
  onWarning?: (message: string) => void;
  /** Group-commit window in ms (default 2). */
  flushIntervalMs?: number;
}

export class RecordLog<T> {
  private readonly map = new Map<string, T>();
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly flushIntervalMs: number,
  ) {}

  static async open<T>(dir: string, name: string, options: RecordLogOptions = {}): Promise<RecordLog<T>> {
    const log = new RecordLog<T>(join(dir, `${name}.ndjson`), options.flushIntervalMs ?? 2);
    if (!existsSync(log.path)) return log;
    const lines = (await readFile(log.path, 'utf8')).split('\n');
    let count = 0;
    lines.forEach((text, i) => {
      if (!text.trim()) return;
      count++;
      try {
        const { k, v } = JSON.parse(text) as { k: string; v: T | null };
        if (v === null) log.map.delete(k);
        else log.map.set(k, v);
      } catch {
        options.onWarning?.(`${name}.ndjson line ${i + 1}: damaged record skipped (${text.length} bytes)`);
      }
    });
    if (count > 2 * log.map.size + 1000) await log.compact();
    return log;
  }

  get(key: string): T | undefined {
    return this.map.get(key);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  values(): IterableIterator<T> {
    return this.map.values();
  }

  entries(): IterableIterator<[string, T]> {
    return this.map.entries();
  }

  get size(): number {
    return this.map.size;
  }

  set(key: string, value: T): void {
    this.map.set(key, value);
    this.write(key, value);
  }

  delete(key: string): boolean {
    const had = this.map.delete(key);
    if (had) this.write(key, null);
    return had;
  }

  private write(key: string, value: T | null): void {
    this.pending.push(`${JSON.stringify({ k: key, v: value })}\n`);
    this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs);
  }

  /** Resolves when every change made so far is written. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length) {
      const text = this.pending.join('');
      this.pending = [];
      this.writing = this.writing.then(() => appendFile(this.path, text));
    }
    return this.writing;
  }

  /** Rewrites the file with only the live records (atomic: temp file + rename). */
  async compact(): Promise<void> {
    await this.flush();
    const text = [...this.map].map(([k, v]) => `${JSON.stringify({ k, v })}\n`).join('');
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, this.path);
  }
}
