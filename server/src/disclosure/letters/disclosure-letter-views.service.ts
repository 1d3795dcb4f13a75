import { Injectable } from '@nestjs/common';
import type { DisclosureLetterView } from '@gongkai/shared';

/** A request's reply letter as a view: the applicant sees it once approved and sent; staff see the draft too. */
@Injectable()
export class DisclosureLetterViews {
  async forRequest(requestId: number, audience: 'applicant' | 'staff'): Promise<DisclosureLetterView | null> {
    void requestId;
    void audience;
    throw new Error('not implemented');
  }
}
