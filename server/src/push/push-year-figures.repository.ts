import { Injectable } from '@nestjs/common';
import { shanghaiYearRange } from '@gongkai/shared';
import { Db } from '../database/db';
import { PushCampaign } from './entities/push-campaign.entity';
import { PushDelivery } from './entities/push-delivery.entity';

/** The yearly report's queries over campaigns and their deliveries. */
@Injectable()
export class PushYearFiguresRepository {
  constructor(private readonly db: Db) {}

  /** Campaigns whose first delivery went out in the Shanghai year (cancelled later or not). */
  async campaignsStarted(year: number): Promise<number> {
    await this.db.settled();
    const { start, end } = shanghaiYearRange(year);
    return this.db.dataSource.createQueryBuilder(PushCampaign, 'c').where('c.startedAt >= :start AND c.startedAt < :end', { start, end }).getCount();
  }

  /**
   * Messages WeChat accepted in the Shanghai year: deliveries `sent`, by the time they were sent.
   * A dry run (WeChat not configured: nothing left the server) is not a message delivered.
   */
  async messagesSent(year: number): Promise<number> {
    await this.db.settled();
    const { start, end } = shanghaiYearRange(year);
    return this.db.dataSource
      .createQueryBuilder(PushDelivery, 'd')
      .where('d.status = :sent', { sent: 'sent' })
      .andWhere('d.dryRun = :dryRun', { dryRun: false })
      .andWhere('d.sentAt >= :start AND d.sentAt < :end', { start, end })
      .getCount();
  }
}
