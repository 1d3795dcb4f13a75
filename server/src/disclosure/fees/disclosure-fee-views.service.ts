import { Injectable } from '@nestjs/common';
import type { DisclosureFeeView } from '@gongkai/shared';

/** The fee of a request as the applicant's and staff's views show it (the latest notice, if any). */
@Injectable()
export class DisclosureFeeViews {
  async forRequest(requestId: number): Promise<DisclosureFeeView | null> {
    void requestId;
    throw new Error('not implemented');
  }
}
