import type { NoticeDetail, NoticeListItem, StaffNoticeView } from '@gongkai/shared';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangeLog } from '../../../server/src/publishing/changes/change-log.service';
import { GBK_BODY, GBK_TITLE, LegacyColumn } from '../../fakes/portal/legacy-column';
import type { ApiClient, ApiResponse } from '../../support/api-client';
import { aStaff, bootstrapAdmin } from '../../support/builders';
import { freshDatabase, runCli, startServer, TEST_ENV, type TestDatabase, type TestServer } from '../../support/test-server';

const ROOT = join(__dirname, '../../..');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('portal import (legacy columns)', () => {
  let db: TestDatabase;
  let server: TestServer;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let dir: string;
  let sourcesFile: string;
  const columns: LegacyColumn[] = [];
  let column: LegacyColumn;
  let draftColumn: LegacyColumn;
  let slowColumn: LegacyColumn;
  let feedColumn: LegacyColumn;

  /** `portal import` as an operator runs it, as a separate process on the server's database. */
  async function portalImport(...args: string[]): Promise<CliResult> {
    try {
      const { stdout, stderr } = await runCli(db, ['portal', 'import', ...args], { PORTAL_SOURCES_FILE: sourcesFile });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  /** Every public notice in the list (newest first), through the public API after the server saw the import. */
  async function publicNotices(): Promise<NoticeListItem[]> {
    await server.tasks.run('public-cache');
    const all: NoticeListItem[] = [];
    let cursor: string | null = null;
    do {
      const res: ApiResponse<{ items: NoticeListItem[]; nextCursor: string | null }> = await anonymous.get(`/notices?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return all;
  }

  async function publicDetail(title: string): Promise<NoticeDetail> {
    const item = (await publicNotices()).find((n) => n.title === title);
    if (!item) throw new Error(`no public notice titled ${title}`);
    return (await anonymous.get(`/notices/${item.id}`)).body;
  }

  async function staffNotices(): Promise<StaffNoticeView[]> {
    const all: StaffNoticeView[] = [];
    let cursor: string | null = null;
    do {
      const res: ApiResponse<{ items: StaffNoticeView[]; nextCursor: string | null }> = await admin.get(`/staff/notices?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return all;
  }

  beforeAll(async () => {
    column = new LegacyColumn({ items: 45 });
    draftColumn = new LegacyColumn({ items: 6, special: false, titlePrefix: '草稿-' });
    slowColumn = new LegacyColumn({ items: 40, perPage: 10, special: false, titlePrefix: '续传-' });
    feedColumn = new LegacyColumn({ items: 5, special: false, titlePrefix: '订阅-' });
    columns.push(column, draftColumn, slowColumn, feedColumn);
    for (const c of columns) await c.start();
    db = await freshDatabase();
    server = await startServer(db);
    ({ admin, anonymous } = await bootstrapAdmin(server));
    await aStaff(admin, 'portal-import', 'BUREAU0000000001', ['editor']);
    dir = mkdtempSync(join(tmpdir(), 'gongkai-sources-'));
    sourcesFile = join(dir, 'portal-sources.json');
    writeFileSync(
      sourcesFile,
      JSON.stringify({
        sources: [
          column.htmlSource('jyj'),
          draftColumn.htmlSource('jyj-drafts', { mode: 'draft' }),
          slowColumn.htmlSource('jyj-slow', { fetch: { timeoutMs: 5000, concurrency: 2 } }),
          {
            name: 'jyj-rss',
            kind: 'feed',
            mode: 'published',
            authorUsername: 'portal-import',
            defaults: { categoryCode: 'JCJY', unitCode: 'BUREAU0000000001', infoType: 'business' },
            feed: { url: feedColumn.rssUrl },
          },
        ],
      }),
    );
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    for (const c of columns) await c.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('a TRS column, published as it was', () => {
    let first: CliResult;

    beforeAll(async () => {
      first = await portalImport('--source', 'jyj');
    });

    it('imports every page once and lists each failed page with its reason', async () => {
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('3 list page(s), 49 item page(s)');
      expect(first.stdout).toContain('new 46 · updated 0 · unchanged 0 · failed 3');
      expect(first.stdout).toContain(`${column.urlOf(column.special('no-title'))}: no title (detail.title "h1.article_title" found nothing)`);
      expect(first.stdout).toContain(`${column.urlOf(column.special('broken'))}: no body (detail.body "div.TRS_Editor" found nothing)`);
      expect(first.stdout).toContain(`${column.urlOf(column.special('large'))}: page larger than 2 MB (fetch.maxBytes)`);
      expect(await publicNotices()).toHaveLength(46);
    });

    it('keeps the original date, 文号 and 索引号, names the source page as the portal URL and keeps pictures and attachments as absolute links', async () => {
      const item = column.regular(12);
      const notice = await publicDetail('关于开展教师培训工作的通知（第12号）');
      expect(notice).toMatchObject({
        publishedAt: '2019-01-13T01:30:00.000Z',
        documentNo: '乐教发〔2019〕12号',
        indexNo: '11370725004410339C/2019-00012',
        portalUrl: column.urlOf(item),
        category: { code: 'XXDT' },
        unit: { code: 'BUREAU0000000001', name: '测试县教育局' },
        infoType: 'business',
        attachments: [{ name: '附件1：实施方案.pdf', url: `${column.url}/module/download/downfile.jsp?classid=0&filename=12.pdf`, size: 0, fileId: null, contentType: null }],
      });
      expect(notice.bodyHtml).toContain('<p>各学校：现将有关事项通知如下，请认真贯彻执行（第12号）。</p>');
      expect(notice.bodyHtml).toContain(`<img src="${column.url}/picture/0/190405103000012.jpg" alt="现场照片" />`);
      expect(notice.bodyHtml).toContain(`<a href="${column.url}/module/download/downfile.jsp?classid=0&amp;filename=12.pdf" rel="noopener noreferrer" target="_blank">实施方案.pdf</a>`);
      // Sanitised like any notice: no script, no style.
      expect(notice.bodyHtml).not.toMatch(/script|统计|style/);
    });

    it('maps items to categories and topics by the rules in the sources file', async () => {
      expect(await publicDetail('关于做好2019年城区小学招生入学工作的通知（第10号）')).toMatchObject({ category: { code: 'ZSKS' }, topics: [{ code: 'zoning' }] });
      expect(await publicDetail('关于印发《教育系统安全工作要点》的通知（第11号）')).toMatchObject({ category: { code: 'ZCWJ' }, infoType: 'policy', topics: [] });
    });

    it('reads the GBK page as the Chinese it is', async () => {
      const notice = await publicDetail(GBK_TITLE);
      expect(notice.title).toBe('关于公布2019年城区小学学区划分的通告');
      expect(notice.bodyHtml.startsWith(`<p>${GBK_BODY}</p>`)).toBe(true);
      expect(GBK_BODY).toBe('各位家长：根据《中华人民共和国义务教育法》，现将城区小学学区划分公布如下。');
      // Its title names 学区: the rules put it under 招生考试.
      expect(notice.category.code).toBe('ZSKS');
    });

    it('enters the change log as published at the original date, so feeds and mirrors have them', async () => {
      const notice = await publicDetail('关于开展教师培训工作的通知（第12号）');
      const change = (await server.app.get(ChangeLog).latestOf([notice.id])).get(notice.id);
      expect(change).toMatchObject({ kind: 'published', changedAt: new Date('2019-01-13T01:30:00.000Z') });
    });

    it('a second run creates nothing and leaves every notice untouched', async () => {
      const before = await staffNotices();
      const second = await portalImport('--source', 'jyj');
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('new 0 · updated 0 · unchanged 46 · failed 3');
      const after = await staffNotices();
      expect(after.map((n) => [n.id, n.version, n.updatedAt])).toEqual(before.map((n) => [n.id, n.version, n.updatedAt]));
      expect(await publicNotices()).toHaveLength(46);
    });

    it('a changed page updates its notice (same 索引号) and the change log says updated; the others stay unchanged', async () => {
      const item = column.regular(7);
      column.change(item, '补充说明：报名时间延长至2019年3月10日。');
      const run = await portalImport('--source', 'jyj');
      expect(run.stdout).toContain('new 0 · updated 1 · unchanged 45 · failed 3');
      const notice = await publicDetail('关于开展教师培训工作的通知（第7号）');
      expect(notice.bodyHtml).toContain('<p>补充说明：报名时间延长至2019年3月10日。</p>');
      expect(notice.indexNo).toBe('11370725004410339C/2019-00007');
      expect(notice.publishedAt).toBe('2019-01-08T01:30:00.000Z');
      const change = (await server.app.get(ChangeLog).latestOf([notice.id])).get(notice.id);
      expect(change?.kind).toBe('updated');
    });

    it('a page whose notice was withdrawn here is left as it is, with the reason', async () => {
      const notice = await publicDetail('关于开展教师培训工作的通知（第8号）');
      const publisher = await aStaff(admin, 'import-publisher', 'BUREAU0000000001', ['publisher']);
      const { version } = (await publisher.get(`/staff/notices/${notice.id}`)).body;
      const withdrawn = await publisher.post(`/staff/notices/${notice.id}/withdraw`, { reason: '内容已过时', version });
      expect(withdrawn.status).toBe(200);
      column.change(column.regular(8), '已撤回的信息在来源处又改了。');
      const run = await portalImport('--source', 'jyj');
      expect(run.stdout).toContain('new 0 · updated 0 · unchanged 45 · failed 4');
      expect(run.stdout).toContain(`${column.urlOf(column.regular(8))}: the page changed, but notice ${notice.id} is withdrawn here; left as it is`);
    });
  });

  describe('drafts for review', () => {
    it('enters items as drafts of the named author, not public, and updates a draft whose page changed', async () => {
      const run = await portalImport('--source', 'jyj-drafts');
      expect(run.stdout).toContain('new 6 · updated 0 · unchanged 0 · failed 0');
      const drafts = (await staffNotices()).filter((n) => n.title.startsWith('草稿-'));
      expect(drafts).toHaveLength(6);
      for (const d of drafts) expect(d).toMatchObject({ status: 'draft', authorName: 'portal-import', indexNo: null, publishedAt: null, documentNo: expect.stringMatching(/^乐教发〔2019〕\d号$/) });
      expect((await publicNotices()).filter((n) => n.title.startsWith('草稿-'))).toEqual([]);

      draftColumn.change(draftColumn.regular(2), '草稿来源页已修改。');
      const again = await portalImport('--source', 'jyj-drafts');
      expect(again.stdout).toContain('new 0 · updated 1 · unchanged 5 · failed 0');
      const changed = (await staffNotices()).find((n) => n.title === '草稿-关于开展教师培训工作的通知（第2号）')!;
      expect(changed.bodyHtml).toContain('<p>草稿来源页已修改。</p>');
      expect(changed.status).toBe('draft');
    });

    it('never overwrites a draft staff edited since it was imported', async () => {
      const draft = (await staffNotices()).find((n) => n.title === '草稿-关于开展教师培训工作的通知（第3号）')!;
      const importer = await aStaff(admin, 'import-editor', 'BUREAU0000000001', ['editor', 'admin']);
      expect((await importer.patch(`/staff/notices/${draft.id}`, { title: '草稿-经编辑的标题', version: draft.version })).status).toBe(200);
      draftColumn.change(draftColumn.regular(3), '来源页又改了。');
      const run = await portalImport('--source', 'jyj-drafts');
      expect(run.stdout).toContain('new 0 · updated 0 · unchanged 5 · failed 1');
      expect(run.stdout).toContain(`the page changed, but notice ${draft.id} was edited here since it was imported; left as it is`);
      expect((await admin.get(`/staff/notices/${draft.id}`)).body.title).toBe('草稿-经编辑的标题');
    });
  });

  it('a run killed midway resumes where it stopped: no list page and no finished page is fetched again, and the summary is of the whole run', async () => {
    // Each page answers after 150 ms, so the run is still going when it is killed.
    for (const item of slowColumn.items) slowColumn.latency(item.path, 150);
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'server/src/cli.ts'), 'portal', 'import', '--source', 'jyj-slow'], {
      cwd: ROOT,
      env: { ...process.env, ...TEST_ENV, ...db.env, PORTAL_SOURCES_FILE: sourcesFile, SWC_NODE_PROJECT: join(ROOT, 'test/tsconfig.json') },
    });
    let stderr = '';
    const killed = new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        // A progress line per 2 pages (40 / 20): kill after 10 are done.
        if (/imported (1[0-9]|[2-3][0-9])\/40/.test(stderr)) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the import ended by itself (${code}): ${stderr}`))));
    });
    await killed;
    const firstRun = slowColumn.fetched();
    expect(firstRun.lists).toHaveLength(4);
    slowColumn.clear();

    const resumed = await portalImport('--source', 'jyj-slow');
    expect(resumed.code).toBe(0);
    const doneBefore = Number(/importing 40 item\(s\), (\d+) done before/.exec(resumed.stderr)?.[1]);
    expect(doneBefore).toBeGreaterThanOrEqual(10);
    expect(resumed.stdout).toMatch(/run \d+ \(resumed\) finished/);
    expect(resumed.stdout).toContain('new 40 · updated 0 · unchanged 0 · failed 0');
    const secondRun = slowColumn.fetched();
    expect(secondRun.lists).toEqual([]);
    expect(secondRun.items).toHaveLength(40 - doneBefore);
    expect(new Set(secondRun.items).size).toBe(40 - doneBefore);
    expect((await publicNotices()).filter((n) => n.title.startsWith('续传-'))).toHaveLength(40);
  });

  it('reads an RSS feed: each entry with its date and content, once', async () => {
    const run = await portalImport('--source', 'jyj-rss');
    expect(run.stdout).toContain('1 list page(s), 5 item page(s)');
    expect(run.stdout).toContain('new 5 · updated 0 · unchanged 0 · failed 0');
    const notice = await publicDetail('订阅-关于开展教师培训工作的通知（第3号）');
    expect(notice).toMatchObject({ publishedAt: '2019-01-04T01:30:00.000Z', category: { code: 'JCJY' }, portalUrl: feedColumn.urlOf(feedColumn.regular(3)), documentNo: null });
    expect(notice.indexNo).toMatch(/^BUREAU0000000001\/JCJY-2019-\d{5}$/);
    expect(notice.bodyHtml).toBe('<p>各学校：现将有关事项通知如下，请认真贯彻执行（第3号）。</p>');
    expect((await portalImport('--source', 'jyj-rss')).stdout).toContain('new 0 · updated 0 · unchanged 5 · failed 0');
  });

  it('refuses a wrong sources file before fetching anything, naming each field', async () => {
    const bad = join(dir, 'bad-sources.json');
    writeFileSync(
      bad,
      JSON.stringify({
        sources: [
          { ...column.htmlSource('broken-config'), list: { url: 'ftp://x' }, rules: [{ match: { title: '(' }, categoryCode: 'ZSKS' }] },
          { ...column.htmlSource('unknown-codes'), defaults: { categoryCode: 'NOPE', unitCode: 'BUREAU0000000001', infoType: 'business' }, authorUsername: 'nobody' },
        ],
      }),
    );
    column.clear();
    const run = async (source: string) => runCli(db, ['portal', 'import', '--source', source], { PORTAL_SOURCES_FILE: bad }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    const shape = await run('unknown-codes');
    expect(shape.code).toBe(78);
    expect(shape.stderr).toContain('sources[0].list.url: must be an absolute http(s) URL of at most 1,000 characters');
    expect(shape.stderr).toContain('sources[0].list.links: must be a CSS selector');
    expect(shape.stderr).toContain('sources[0].rules[0].match.title: must be a valid regular expression');
    // Once the shape is right, codes and the author are checked against the catalog.
    writeFileSync(bad, JSON.stringify({ sources: [{ ...column.htmlSource('unknown-codes'), defaults: { categoryCode: 'NOPE', unitCode: 'BUREAU0000000001', infoType: 'business' }, authorUsername: 'nobody' }] }));
    const codes = await run('unknown-codes');
    expect(codes.code).toBe(78);
    expect(codes.stderr).toContain('sources[0].authorUsername: no active staff account "nobody"');
    expect(codes.stderr).toContain('sources[0].defaults.categoryCode: no category with code "NOPE"');
    expect((await run('no-such-source')).stderr).toContain('no source named "no-such-source" (the file has "unknown-codes")');
    expect(column.requests).toEqual([]);
    await expect(runCli(db, ['portal', 'import'], { PORTAL_SOURCES_FILE: bad })).rejects.toMatchObject({ code: 64 });
  });
});
