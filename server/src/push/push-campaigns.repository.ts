import { Injectable } from '@nestjs/common';
import type { PushAudienceKind, PushChannel, PushDeliveryStatus, PushFailureReason } from '@gongkai/shared';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Category } from '../catalog/entities/category.entity';
import { Notice } from '../catalog/entities/notice.entity';
import { Topic } from '../catalog/entities/topic.entity';
import { Db } from '../database/db';
import { Unit } from '../identity/entities/unit.entity';
import { PushCampaign } from './entities/push-campaign.entity';
import { PushDelivery } from './entities/push-delivery.entity';
import { PushDryRun } from './entities/push-dry-run.entity';

/** What a campaign reads of its notice: whether it may be pushed, and the values a field mapping can name. */
export interface PushNotice {
  id: number;
  title: string;
  summary: string;
  status: string;
  disclosure: string;
  publishedAt: Date | null;
  indexNo: string | null;
  categoryId: number;
  categoryCode: string;
  categoryName: string;
  unitName: string;
}

/** Who a campaign goes to, as stored: `code` is null for everyone. */
export interface AudienceRow {
  kind: PushAudienceKind;
  code: string | null;
}

export type CampaignValues = Omit<PushCampaign, 'id' | 'startedAt'>;

/**
 * Every query of campaigns and their deliveries, including the expansion of a campaign into its
 * deliveries by the database itself (INSERT … SELECT, with the dialects' differences here).
 */
@Injectable()
export class PushCampaignsRepository {
  constructor(private readonly db: Db) {}

  /** The notice with its category's and unit's names (null: no such notice). */
  async notice(m: EntityManager, noticeId: number): Promise<PushNotice | null> {
    const notice = await m.findOneBy(Notice, { id: noticeId });
    if (!notice) return null;
    const [category, unit] = await Promise.all([m.findOneBy(Category, { id: notice.categoryId }), m.findOneBy(Unit, { id: notice.unitId })]);
    return {
      id: notice.id,
      title: notice.title,
      summary: notice.summary,
      status: notice.status,
      disclosure: notice.disclosure,
      publishedAt: notice.publishedAt,
      indexNo: notice.indexNo,
      categoryId: notice.categoryId,
      categoryCode: category?.code ?? '',
      categoryName: category?.name ?? '',
      unitName: unit?.name ?? '',
    };
  }

  /** Whether the category, topic or unit `code` exists. */
  audienceExists(m: EntityManager, kind: 'category' | 'topic' | 'unit', code: string): Promise<boolean> {
    const entity = kind === 'category' ? Category : kind === 'topic' ? Topic : Unit;
    return m.existsBy(entity, { code });
  }

  autoCampaignExists(m: EntityManager, noticeId: number): Promise<boolean> {
    return m.existsBy(PushCampaign, { autoNoticeId: noticeId });
  }

  /** Inserts the campaign row; an automatic one that exists already fails here (unique auto_notice_id). */
  async insert(m: EntityManager, values: CampaignValues): Promise<number> {
    const inserted = await m.insert(PushCampaign, values);
    return Number(inserted.identifiers[0]!.id);
  }

  async setTotal(m: EntityManager, id: number, total: number): Promise<void> {
    await m.update(PushCampaign, { id }, { total });
  }

  /**
   * One delivery per recipient of `audience` on `channel`, written by the database itself (INSERT …
   * SELECT: 100,000 rows in a fraction of the time building them here took); those that cannot be
   * sent are skipped with the reason. `demoOpenids`: demo parents without an openid get a stand-in
   * (embedded demo without mini-program credentials), so the dry run records their message.
   */
  async expand(m: EntityManager, campaignId: number, channel: PushChannel, audience: AudienceRow, now: Date, options: { templateId?: string; demoOpenids: boolean }): Promise<void> {
    const audienceSql =
      audience.kind === 'all'
        ? { join: '', where: 'WHERE p.openid IS NOT NULL' }
        : { join: 'JOIN push_subscription s ON s.parent_id = p.id AND s.target_kind = :kind AND s.target_code = :code', where: '' };
    const params: Record<string, unknown> = { campaignId, now, kind: audience.kind, code: audience.code };
    const columns = 'campaign_id, parent_id, channel, openid, status, reason, attempts, next_attempt_at, dry_run, updated_at';
    if (channel === 'subscribe') {
      const demoOpenid = options.demoOpenids ? (this.db.sqlite ? "'demo-parent-' || p.id" : "CONCAT('demo-parent-', p.id)") : 'NULL';
      const openid = `COALESCE(p.openid, CASE WHEN p.demo = 1 THEN ${demoOpenid} END)`;
      await this.db.query(
        m,
        `INSERT INTO push_delivery (${columns})
         SELECT :campaignId, p.id, 'subscribe', ${openid},
           CASE WHEN ${openid} IS NULL OR q.parent_id IS NULL THEN 'skipped' ELSE 'queued' END,
           CASE WHEN ${openid} IS NULL THEN 'no_openid' WHEN q.parent_id IS NULL THEN 'no_quota' END,
           0, :now, 0, :now
         FROM parent_account p ${audienceSql.join}
         LEFT JOIN push_quota q ON q.parent_id = p.id AND q.template_id = :templateId AND q.remaining > 0
         ${audienceSql.where} ORDER BY p.id`,
        { ...params, templateId: options.templateId },
      );
      return;
    }
    // A parent reaches the official account through the follower with the same unionid (the latest, should there be two).
    const follower = 'SELECT f.openid FROM oa_follower f WHERE f.unionid = p.unionid AND f.followed = 1 ORDER BY f.followed_at DESC LIMIT 1';
    await this.db.query(
      m,
      `INSERT INTO push_delivery (${columns})
       SELECT :campaignId, x.id, 'template', x.openid,
         CASE WHEN x.openid IS NULL THEN 'skipped' ELSE 'queued' END, CASE WHEN x.openid IS NULL THEN 'not_following' END,
         0, :now, 0, :now
       FROM (SELECT p.id, (${follower}) AS openid FROM parent_account p ${audienceSql.join} ${audienceSql.where}) x ORDER BY x.id`,
      params,
    );
  }

  /** How many deliveries of the campaign per channel, status and reason. */
  async countsByChannel(m: EntityManager, campaignId: number): Promise<{ channel: string; status: string; reason: string | null; n: number }[]> {
    const groups = await m
      .createQueryBuilder()
      .select('d.channel', 'channel')
      .addSelect('d.status', 'status')
      .addSelect('d.reason', 'reason')
      .addSelect('COUNT(*)', 'n')
      .from(PushDelivery, 'd')
      .where('d.campaign_id = :campaignId', { campaignId })
      .groupBy('d.channel')
      .addGroupBy('d.status')
      .addGroupBy('d.reason')
      .getRawMany<{ channel: string; status: string; reason: string | null; n: number | string }>();
    return groups.map((g) => ({ ...g, n: Number(g.n) }));
  }

  async find(id: number): Promise<PushCampaign | null> {
    await this.db.settled();
    return this.db.dataSource.getRepository(PushCampaign).findOneBy({ id });
  }

  findIn(m: EntityManager, id: number): Promise<PushCampaign | null> {
    return m.findOneBy(PushCampaign, { id });
  }

  async exists(id: number): Promise<boolean> {
    await this.db.settled();
    return this.db.dataSource.getRepository(PushCampaign).existsBy({ id });
  }

  async noticeTitle(noticeId: number): Promise<string | null> {
    const notice = await this.db.dataSource.getRepository(Notice).findOne({ where: { id: noticeId }, select: { id: true, title: true } });
    return notice?.title ?? null;
  }

  /** Deliveries per status and reason, from the (campaign_id, status, reason) index alone: the live report polls campaigns of up to 100,000 rows. */
  async statusCounts(id: number): Promise<{ status: PushDeliveryStatus; reason: PushFailureReason | null; n: number }[]> {
    const groups = await this.db.dataSource
      .getRepository(PushDelivery)
      .createQueryBuilder('d')
      .select('d.status', 'status')
      .addSelect('d.reason', 'reason')
      .addSelect('COUNT(*)', 'n')
      .where('d.campaign_id = :id', { id })
      .groupBy('d.status')
      .addGroupBy('d.reason')
      .getRawMany<{ status: PushDeliveryStatus; reason: PushFailureReason | null; n: string | number }>();
    return groups.map((g) => ({ ...g, n: Number(g.n) }));
  }

  /** When the campaign's last delivery changed (ms), null without deliveries. */
  async lastUpdate(id: number): Promise<number | null> {
    const row = await this.db.dataSource.getRepository(PushDelivery).createQueryBuilder('d').select('MAX(d.updated_at)', 'last').where('d.campaign_id = :id', { id }).getRawOne<{ last: string | Date | null }>();
    return instant(row?.last ?? null);
  }

  /** The campaign's first 500 dry-run deliveries with the request each recorded. */
  async dryRuns(id: number): Promise<{ delivery: Pick<PushDelivery, 'id' | 'parentId' | 'channel'>; recorded: PushDryRun }[]> {
    await this.db.settled();
    const deliveries = await this.db.dataSource.getRepository(PushDelivery).find({ select: { id: true, parentId: true, channel: true }, where: { campaignId: id, dryRun: true }, order: { id: 'ASC' }, take: 500 });
    const recorded = deliveries.length ? await this.db.dataSource.getRepository(PushDryRun).findBy({ deliveryId: In(deliveries.map((d) => d.id)) }) : [];
    const byId = new Map(recorded.map((r) => [r.deliveryId, r]));
    return deliveries.flatMap((delivery) => {
      const r = byId.get(delivery.id);
      return r ? [{ delivery, recorded: r }] : [];
    });
  }

  /** Up to `limit` deliveries of the campaign after id `after`, in id order. */
  async deliveries(id: number, query: { status?: string; after: number | null; limit: number }): Promise<PushDelivery[]> {
    await this.db.settled();
    const qb = this.db.dataSource.getRepository(PushDelivery).createQueryBuilder('d').where('d.campaign_id = :id', { id });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.after !== null) qb.andWhere('d.id > :after', { after: query.after });
    return qb.orderBy('d.id', 'ASC').take(query.limit).getMany();
  }

  /** Every delivery to the parent, oldest first (the parent's export, which settles first). */
  parentDeliveries(parentId: number): Promise<PushDelivery[]> {
    return this.db.dataSource.getRepository(PushDelivery).find({ where: { parentId }, order: { id: 'ASC' } });
  }

  /**
   * A cancelled parent's deliveries keep their status and counts but lose the openid they went
   * to, and so do the requests recorded for them in dry runs. Those still queued will not go out
   * (there is nobody to send them to any more): they become cancelled. Answers the rows changed.
   */
  async forgetParent(m: EntityManager, parentId: number, now: Date): Promise<{ deliveries: number; dryRuns: number }> {
    await m.update(PushDelivery, { parentId, status: 'queued' }, { status: 'cancelled', updatedAt: now });
    const ids = (await m.find(PushDelivery, { where: { parentId, openid: Not(IsNull()) }, select: { id: true } })).map((d) => d.id);
    return this.forgetOpenids(m, ids);
  }

  /**
   * Retention: up to `limit` deliveries finished (sent, failed, skipped or cancelled) before
   * `cutoff` that still hold an openid lose it, and their recorded dry-run requests with it.
   * Answers how many deliveries it changed (fewer than `limit`: nothing more is due).
   */
  async forgetFinishedBefore(m: EntityManager, cutoff: Date, limit: number): Promise<number> {
    const rows = await m
      .createQueryBuilder(PushDelivery, 'd')
      .select('d.id', 'id')
      .where("d.openid IS NOT NULL AND d.status IN ('sent', 'failed', 'skipped', 'cancelled') AND d.updated_at < :cutoff", { cutoff })
      .orderBy('d.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string }>();
    return (await this.forgetOpenids(m, rows.map((r) => Number(r.id)))).deliveries;
  }

  /** Drops the openid from these deliveries and from the `touser` of the requests recorded for them. */
  private async forgetOpenids(m: EntityManager, ids: number[]): Promise<{ deliveries: number; dryRuns: number }> {
    if (!ids.length) return { deliveries: 0, dryRuns: 0 };
    let dryRuns = 0;
    for (const recorded of await m.findBy(PushDryRun, { deliveryId: In(ids) })) {
      const body = recorded.body as Record<string, unknown>;
      if (body.touser === null || body.touser === undefined) continue;
      await m.update(PushDryRun, { deliveryId: recorded.deliveryId }, { body: { ...body, touser: null } });
      dryRuns++;
    }
    // Status, reason and times stay: the campaign's report counts the same afterwards.
    const result = await m.update(PushDelivery, { id: In(ids) }, { openid: null });
    return { deliveries: result.affected ?? ids.length, dryRuns };
  }

  /** Queued deliveries become cancelled, and the campaign; answers how many deliveries were cancelled. */
  async cancel(m: EntityManager, id: number, now: Date): Promise<number> {
    const result = await m.update(PushDelivery, { campaignId: id, status: 'queued' }, { status: 'cancelled', updatedAt: now });
    await m.update(PushCampaign, { id }, { status: 'cancelled' });
    return result.affected ?? 0;
  }
}

function instant(value: string | Date | null): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  // SQLite returns the stored text (UTC, no zone).
  const t = new Date(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`).getTime();
  return Number.isNaN(t) ? null : t;
}
