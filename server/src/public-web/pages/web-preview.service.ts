import { Injectable } from '@nestjs/common';
import { INDEX_NO_PENDING, type NoticeDetail, type StaffNoticeView } from '@gongkai/shared';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { NoticesService } from '../../catalog/notices.service';
import { StaffNoticesService } from '../../catalog/staff-notices.service';
import { PublicPagesService } from './public-pages.service';

/**
 * 网页预览: the public page of a notice as /gk/notices/:id shows (or will show) it, for the staff
 * who may read the notice (the staff read's rule: their unit's, or every unit's for the roles that
 * see all). A notice the public reads now is shown as published, corrections included; any other
 * (a draft, one in review, scheduled) is built from the notice as saved, its files through the
 * signed links staff views carry, dated now (or at its scheduled time).
 */
@Injectable()
export class WebPreviewService {
  constructor(
    private readonly staffNotices: StaffNoticesService,
    private readonly notices: NoticesService,
    private readonly pages: PublicPagesService,
    private readonly clock: Clock,
  ) {}

  async page(staff: StaffPrincipal, id: number): Promise<string> {
    const view = await this.staffNotices.view(staff, id);
    const published = view.status === 'published' ? (await this.notices.documents([id])).get(id) : undefined;
    return this.pages.previewPage(published ?? (await this.draftDetail(view)));
  }

  private async draftDetail(n: StaffNoticeView): Promise<NoticeDetail> {
    const { views } = await this.notices.snapshot();
    const unit = views.units.find((u) => u.code === n.unitCode);
    const category = views.categories.find((c) => c.code === n.categoryCode);
    return {
      id: n.id,
      title: n.title,
      summary: n.summary,
      category: { code: n.categoryCode, name: category?.name ?? n.categoryCode },
      topics: n.topicCodes.map((code) => ({ code, name: views.topics.find((t) => t.code === code)?.name ?? code })),
      unit: { code: n.unitCode, name: unit?.name ?? n.unitCode },
      documentNo: n.documentNo,
      indexNo: n.indexNo ?? INDEX_NO_PENDING,
      infoType: n.infoType,
      normative: n.normative,
      normativeIssuedOn: n.normativeIssuedOn,
      normativeRepealedOn: n.normativeRepealedOn,
      publishedAt: n.publishedAt ?? (n.status === 'scheduled' && n.publishAt ? n.publishAt : this.clock.now().toISOString()),
      viewCount: n.viewCount,
      disclosure: n.disclosure,
      bodyHtml: n.bodyHtml,
      attachments: n.attachments,
      corrections: [],
      portalUrl: null,
    };
  }
}
