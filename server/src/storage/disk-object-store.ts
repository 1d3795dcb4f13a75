import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, opendir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { isStorageKey, ObjectMissing, ObjectStore, type ByteRange, type StoredObject } from './object-store';

/** Under DATA_DIR/files: written to `.tmp/` first and renamed into place, so a reader never sees half a file. */
export class DiskObjectStore extends ObjectStore {
  readonly kind = 'disk' as const;

  constructor(private readonly root: string) {
    super();
  }

  async put(key: string, body: Readable, _contentType: string): Promise<void> {
    const target = this.path(key);
    const temp = join(this.root, '.tmp', randomUUID());
    await mkdir(dirname(temp), { recursive: true });
    try {
      await pipeline(body, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      // The shard directory only for a file that arrived whole (no empty directories from refusals).
      await mkdir(dirname(target), { recursive: true });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch {
      throw new ObjectMissing(key);
    }
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async *list(): AsyncIterable<StoredObject> {
    let shards;
    try {
      shards = await opendir(this.root);
    } catch {
      return; // nothing stored yet
    }
    for await (const shard of shards) {
      if (!shard.isDirectory() || shard.name === '.tmp') continue;
      for await (const entry of await opendir(join(this.root, shard.name))) {
        if (!entry.isFile()) continue;
        const path = join(this.root, shard.name, entry.name);
        const info = await stat(path).catch(() => null);
        if (info) yield { key: relative(this.root, path).split(sep).join('/'), lastModified: info.mtime };
      }
    }
  }

  override async sweepPartial(before: Date): Promise<number> {
    let temps;
    try {
      temps = await opendir(join(this.root, '.tmp'));
    } catch {
      return 0; // no upload yet
    }
    let removed = 0;
    for await (const entry of temps) {
      const path = join(this.root, '.tmp', entry.name);
      const info = await stat(path).catch(() => null);
      if (info?.isFile() && info.mtime < before) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** Keys are made by FilesService (`ab/<uuid>`); anything else is a bug, never a path to follow. */
  private path(key: string): string {
    if (!isStorageKey(key)) throw new Error(`not a storage key: ${key}`);
    return join(this.root, key);
  }
}
