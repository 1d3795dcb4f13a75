import { Clock } from '../../../server/src/common/clock/clock';
import { Db } from '../../../server/src/database/db';
import { ChangeLog } from '../../../server/src/publishing/changes/change-log.service';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, bootstrapAdmin } from '../../support/builders';
import { ok } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';

/** A promise and the function that resolves it. */
function latch(): { done: Promise<void>; open: () => void } {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { done, open };
}

/**
 * "A reader never misses a change that commits later with a smaller position." With positions
 * from an auto-increment, writer 1 could take n, writer 2 n+1, writer 2 commit first, a reader
 * see n+1 and move its cursor past n, and n commit afterwards, unseen for ever. Here a position
 * is taken by an UPDATE of the change log's `index_sequence` row inside the writing transaction,
 * whose row lock lasts until commit: writer 2 waits for writer 1 to end before it gets its
 * position, so positions become visible in order. On MariaDB the test holds writer 1 open and
 * watches writer 2 wait on the lock; on SQLite (one writer at a time) it is trivially true, and
 * runs anyway.
 */
describe('change log order', () => {
  let server: TestServer;
  let portal: ApiClient;
  let ids: number[];

  beforeAll(async () => {
    server = await startTestServer();
    const { admin, anonymous, unitCode } = await bootstrapAdmin(server);
    const editor = await aStaff(admin, 'editor1', unitCode, ['editor']);
    ids = [await aNotice().titled('甲通知').published().create(editor, admin), await aNotice().titled('乙通知').published().create(editor, admin)];
    portal = anonymous.as((await admin.post('/staff/portal/clients', { name: '顺序测试门户' })).body.key);
  });

  afterAll(() => server?.destroy());

  /** Connections of this test's database inside the UPDATE that takes a position (MariaDB's process list). */
  const lockWaits = async (): Promise<number> => {
    const [row] = await server.dataSource.query(
      "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND COMMAND = 'Query' AND INFO LIKE 'UPDATE `index_sequence`%'",
    );
    return Number(row.n);
  };

  it('hands out positions in commit order: a second writer waits, a reader skips nothing', async () => {
    const log = server.app.get(ChangeLog);
    const db = server.app.get(Db);
    const now = server.app.get(Clock).now();
    const [a, b] = ids as [number, number];
    const steps: string[] = [];
    let cursor = (await ok(portal.get('/sync/changes'))).cursor as string;
    const seen: [number, number][] = [];
    /** The portal's poll: what it sees after its cursor, and the cursor moved on. */
    const poll = async (): Promise<number[]> => {
      const page = await ok(portal.get(`/sync/changes?since=${cursor}`));
      cursor = page.cursor;
      seen.push(...page.changes.map((c: any): [number, number] => [c.seq, c.noticeId]));
      return page.changes.map((c: any) => c.seq);
    };

    const took1 = latch();
    const commit1 = latch();
    const took2 = latch();
    const commit2 = latch();
    let seq1 = 0;
    let seq2 = 0;
    const writer1 = db.transaction(async (m) => {
      seq1 = await log.record(m, a, 'updated', now);
      steps.push('writer 1 took its position');
      took1.open();
      await commit1.done;
    });
    await took1.done;
    const writer2 = db.transaction(async (m) => {
      seq2 = await log.record(m, b, 'updated', now);
      steps.push('writer 2 took its position');
      took2.open();
      await commit2.done;
    });

    let reading: Promise<number[]> | undefined;
    // On a failed expectation, let both writers end rather than hang the suite.
    try {
      if (!db.sqlite) {
        // Writer 2 is stuck in its UPDATE of the sequence row (the lock writer 1 holds), not merely slow.
        for (let i = 0; i < 400 && (await lockWaits()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
        expect(await lockWaits()).toBe(1);
        expect(await poll()).toEqual([]);
      } else {
        // One writer at a time: writer 2 waits for its turn, and a read waits for the writers.
        reading = poll();
      }
      // Writer 2 has started but has no position while writer 1 is open.
      expect(steps).toEqual(['writer 1 took its position']);
      commit1.open();
      await writer1;
      await took2.done;
      expect(steps).toEqual(['writer 1 took its position', 'writer 2 took its position']);
      // Writer 2's position is taken but not committed: the reader sees writer 1's alone, then writer 2's.
      if (!db.sqlite) expect(await poll()).toEqual([seq1]);
      commit2.open();
      await writer2;
      await reading;
      await poll();
    } finally {
      commit1.open();
      commit2.open();
    }
    expect(seq2).toBe(seq1 + 1);
    expect(seen).toEqual([
      [seq1, a],
      [seq2, b],
    ]);
  });
});
