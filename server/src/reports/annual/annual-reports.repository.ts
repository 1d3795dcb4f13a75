import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db';

/** The annual_report rows (narrative, yearly figures' version, notice, frozen copy). */
@Injectable()
export class AnnualReportsRepository {
  constructor(readonly db: Db) {}
}
