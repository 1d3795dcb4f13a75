import { Inject, Injectable } from '@nestjs/common';
import { outcomeLabel, type DisclosureLetterView } from '@gongkai/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { DisclosureLetter } from '../entities/disclosure-letter.entity';
import { DisclosureRequestsRepository } from '../requests/disclosure-requests.repository';
import { letterNumber } from './letter-template';
import { DisclosureLettersRepository } from './letters.repository';

export const LETTER_PATHS = {
  staff: (id: number) => `/api/v1/staff/disclosure/requests/${id}/letter`,
  applicant: (id: number) => `/api/v1/parents/me/disclosure-requests/${id}/letter`,
  lookup: (token: string) => `/api/v1/disclosure/lookup/${encodeURIComponent(token)}/letter`,
};

/** A request's reply letter as a view: the applicant sees it once approved and sent; staff see the draft too. */
@Injectable()
export class DisclosureLetterViews {
  constructor(
    private readonly letters: DisclosureLettersRepository,
    private readonly requests: DisclosureRequestsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `applicant`: only the approved letter, with the signed-in applicant's download links, or with
   * the public lookup's links when `options.lookupToken` is given (the lookup's token opens them
   * without signing in). `staff`: the newest letter (draft, returned or approved) with what the
   * handler wrote, and staff's links (a draft renders on the fly, marked 草稿).
   */
  async forRequest(requestId: number, audience: 'applicant' | 'staff', options: { lookupToken?: string } = {}): Promise<DisclosureLetterView | null> {
    if (audience === 'applicant') {
      const letter = await this.letters.approved(requestId);
      if (!letter) return null;
      const base = options.lookupToken ? LETTER_PATHS.lookup(options.lookupToken) : LETTER_PATHS.applicant(requestId);
      return this.view(letter, base);
    }
    const letter = await this.letters.latest(requestId);
    if (!letter) return null;
    return { ...this.view(letter, LETTER_PATHS.staff(requestId)), content: letter.content, draftedBy: await this.requests.staffName(letter.draftedById) };
  }

  private view(letter: DisclosureLetter, base: string): DisclosureLetterView {
    return {
      id: letter.id,
      number: letter.year !== null && letter.seq !== null ? letterNumber(this.config.disclosure.letterPrefix, letter.year, letter.seq) : null,
      outcome: letter.outcome,
      outcomeLabel: outcomeLabel(letter.outcome),
      status: letter.status,
      approvedAt: letter.approvedAt?.toISOString() ?? null,
      htmlUrl: `${base}.html`,
      pdfUrl: `${base}.pdf`,
    };
  }
}
