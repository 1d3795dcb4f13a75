import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { PeriodicTasks } from '../common/tasks/periodic-tasks';
import { FilesRepository } from './files.repository';
import { FilesService } from './files.service';
import { isStorageKey, ObjectStore } from './object-store';

/**
 * Bytes younger than this are never orphans: their row may still be on its way (a put that just
 * finished, a migration copying photos, a transaction not yet committed).
 */
const ORPHAN_GRACE_MS = 24 * 3600_000;

/** Files per FilesService.purge call; a round repeats it while batches come back full. */
const PURGE_BATCH = 200;
/** At most this many batches per round (40 000 files), so shutdown never waits long on a backlog. */
const PURGE_BATCHES_PER_ROUND = 200;
/** Keys per stored_file lookup of the orphan sweep. */
const SWEEP_BATCH = 500;

interface OrphanSweep {
  /** Objects older than the grace period that were looked up. */
  checked: number;
  /** Of those, deleted because no stored_file row names them. */
  deleted: number;
  /** Half-written temp files of crashed puts, deleted. */
  partial: number;
}

/**
 * Two periodic tasks keep storage and the stored_file table in step:
 * `storage-cleanup` (every 10 minutes, and at start) deletes released files and pending ones
 * never used (FilesService.purge); `storage-orphans` (daily) deletes bytes no row names, left by a
 * crash between put and insert or a delete that failed. Logs counts only.
 */
@Injectable()
export class StorageCleanup {
  private readonly logger = new Logger('StorageCleanup');

  constructor(
    private readonly files: FilesService,
    private readonly objects: ObjectStore,
    private readonly repo: FilesRepository,
    private readonly clock: Clock,
    tasks: PeriodicTasks,
  ) {
    tasks.register('storage-cleanup', { everyMs: 10 * 60_000, atStart: true, jitter: 0.2 }, async () => {
      await this.purge();
    });
    // Not at start: it lists the whole store, and a restart loop must not repeat that.
    tasks.register('storage-orphans', { everyMs: 24 * 3600_000, jitter: 0.2 }, async () => {
      await this.sweepOrphans();
    });
  }

  async purge(): Promise<number> {
    const total = await this.files.purgeAll(PURGE_BATCH, PURGE_BATCHES_PER_ROUND);
    if (total) this.logger.log(`deleted ${total} unused files`);
    return total;
  }

  /** Deletes objects older than ORPHAN_GRACE_MS that no stored_file row names. */
  async sweepOrphans(): Promise<OrphanSweep> {
    const before = new Date(this.clock.nowMs() - ORPHAN_GRACE_MS);
    const result: OrphanSweep = { checked: 0, deleted: 0, partial: 0 };
    let failed = 0;
    let batch: string[] = [];
    const flush = async () => {
      const known = await this.repo.knownKeys(batch);
      for (const key of batch) {
        if (known.has(key)) continue;
        try {
          await this.objects.delete(key);
          result.deleted++;
        } catch {
          failed++; // the next sweep tries again
        }
      }
      result.checked += batch.length;
      batch = [];
    };
    for await (const object of this.objects.list()) {
      // Only our own keys (anything else in the bucket is not ours to delete), and only when known to be old.
      if (!object.lastModified || object.lastModified >= before || !isStorageKey(object.key)) continue;
      batch.push(object.key);
      if (batch.length >= SWEEP_BATCH) await flush();
    }
    if (batch.length) await flush();
    result.partial = await this.objects.sweepPartial(before);
    if (result.deleted || result.partial || failed) {
      this.logger.log(`orphan sweep: ${result.checked} old objects checked, ${result.deleted} without a row deleted, ${result.partial} partial writes removed, ${failed} deletions failed`);
    }
    return result;
  }
}
