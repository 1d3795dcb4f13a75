/**
 * What every API operation answers, by route: the one place the OpenAPI document learns its
 * response bodies. A JSON answer names a type expression over shared's API types
 * (shared/src/api/*.ts: `StaffNoticeView`, `Page<QaItem>`, `TopicView[]`, `RoundChanges | null`);
 * scripts/generate-api-schemas.ts turns exactly these expressions into shared-api-schemas.json.
 * Kept here rather than as decorators so controllers stay as they are.
 *
 * Keys: `METHOD /path` under /api/v1, with the document's `{param}` templates.
 */
import { PUSH_DELIVERY_STATUSES } from '@gongkai/shared';

export type ResponseSpec =
  /** JSON of a shared type expression, answered with `status`; `revalidates`: ETag, 304 to If-None-Match. */
  | { status: number; json: string; revalidates?: true }
  /** No body (204). */
  | { status: number; noContent: true }
  /** A body that is not JSON (an image, a file, HTML); `schema` describes it for clients. `ranges`: Range requests (206, 416). */
  | { status: number; media: string; description: string; revalidates?: true; ranges?: true };

const json = (type: string, status = 200): ResponseSpec => ({ status, json: type });
const created = (type: string): ResponseSpec => json(type, 201);
const noContent: ResponseSpec = { status: 204, noContent: true };
/** The public, prebuilt answers: each carries an ETag and answers 304 to a matching If-None-Match. */
const cached = (type: string): ResponseSpec => ({ status: 200, json: type, revalidates: true });

export const RESPONSES: Record<string, ResponseSpec> = {
  // identity
  'POST /auth/staff': json('TokenResponse'),
  'POST /auth/staff/password': json('TokenResponse'),
  'GET /auth/me': json('StaffMe'),
  'GET /auth/options': json('AuthOptions'),
  'POST /auth/wechat': json('TokenResponse'),
  'POST /auth/demo': json('TokenResponse'),
  'GET /parents/me': json('ParentMe'),
  'PATCH /parents/me': json('ParentMe'),
  'PUT /parents/me': json('ParentMe'),
  'GET /staff/accounts': json('StaffAccountView[]'),
  'POST /staff/accounts': created('StaffAccountView'),
  'PATCH /staff/accounts/{id}': json('StaffAccountView'),
  'GET /staff/audit': json('Page<AuditEntryView>'),

  // catalog: the public read API and staff drafts
  'GET /categories': cached('CategoryView[]'),
  'GET /topics': cached('TopicView[]'),
  'GET /units': cached('UnitView[]'),
  'GET /notices': cached('Page<NoticeListItem>'),
  'GET /notices/{id}': cached('NoticeDetail'),
  'GET /staff/categories': json('StaffCategoryView[]'),
  'PATCH /staff/categories/{code}': json('StaffCategoryView'),
  'POST /staff/topics': created('TopicView'),
  'PATCH /staff/topics/{code}': json('TopicView'),
  'POST /staff/units': created('UnitView'),
  'PATCH /staff/units/{code}': json('UnitView'),
  'POST /staff/notices': created('StaffNoticeView'),
  'GET /staff/notices': json('Page<StaffNoticeView>'),
  'GET /staff/notices/{id}': json('StaffNoticeView'),
  'PATCH /staff/notices/{id}': json('StaffNoticeView'),
  'PUT /staff/notices/{id}': json('StaffNoticeView'),
  'DELETE /staff/notices/{id}': noContent,
  'POST /staff/notices/import-word': json('WordImportResult'),
  'GET /staff/notices/{id}/web-preview': { status: 200, media: 'text/html', description: '网页预览（公开网站的页面，样式内嵌，无脚本）' },
  'GET /staff/notices/{id}/views': json('NoticeViewsView'),

  // catalog: uploaded attachments
  'POST /staff/attachments': created('UploadedFileView'),
  'GET /attachments/{fileId}': { status: 200, media: 'application/octet-stream', description: '附件文件（Content-Type 按文件类型，Content-Disposition 带原文件名）', revalidates: true, ranges: true },

  // publishing: the review chain
  'POST /staff/notices/{id}/submit': json('StaffNoticeView'),
  'POST /staff/notices/{id}/review': json('StaffNoticeView'),
  'POST /staff/notices/{id}/registration': json('StaffNoticeView'),
  'POST /staff/notices/{id}/unschedule': json('StaffNoticeView'),
  'POST /staff/notices/{id}/withdraw': json('StaffNoticeView'),
  'GET /staff/notices/{id}/reviews': json('ReviewLogEntry[]'),
  'GET /staff/notices/{id}/revisions': json('NoticeRevision[]'),
  'GET /staff/notices/{id}/changes': json('RoundChanges | null'),
  // corrections (更正): content (catalog) and steps (publishing)
  'POST /staff/notices/{id}/corrections': created('StaffCorrectionView'),
  'GET /staff/notices/{id}/correction': json('StaffCorrectionView'),
  'PATCH /staff/notices/{id}/correction': json('StaffCorrectionView'),
  'PUT /staff/notices/{id}/correction': json('StaffCorrectionView'),
  'POST /staff/notices/{id}/correction/submit': json('StaffCorrectionView'),
  'POST /staff/notices/{id}/correction/review': json('StaffCorrectionView'),
  'POST /staff/notices/{id}/correction/registration': json('StaffCorrectionView'),
  'POST /staff/notices/{id}/correction/cancel': json('StaffCorrectionView'),
  'GET /staff/reviews/pending': json('PendingReview[]'),
  'GET /staff/reviews/counts': json('ReviewCounts'),

  // push
  'GET /parents/me/subscriptions': json('PushSubscriptionsBody'),
  'PUT /parents/me/subscriptions': json('PushSubscriptionsBody'),
  'POST /parents/me/subscribe-results': json('PushQuotasResponse'),
  'GET /parents/me/quotas': json('PushQuotasResponse'),
  'GET /push/templates': json('PushTemplatesResponse'),
  'POST /staff/pushes/preview': json('PushPreviewResponse'),
  'POST /staff/pushes': created('PushCampaignView'),
  'GET /staff/pushes/{id}': json('PushCampaignView'),
  'GET /staff/pushes/{id}/deliveries': json('Page<PushDeliveryView>'),
  'GET /staff/pushes/{id}/dry-run': json('PushDryRunView'),
  'POST /staff/pushes/{id}/cancel': json('PushCampaignView'),
  'GET /staff/push/auto-push': json('AutoPushCategoryView[]'),
  'PUT /staff/push/auto-push/{categoryCode}': json('AutoPushCategoryView'),

  // official account
  'GET /staff/oa/keyword-replies': json('KeywordReplyView[]'),
  'POST /staff/oa/keyword-replies': created('KeywordReplyView'),
  'PATCH /staff/oa/keyword-replies/{id}': json('KeywordReplyView'),
  'PUT /staff/oa/keyword-replies/{id}': json('KeywordReplyView'),
  'DELETE /staff/oa/keyword-replies/{id}': noContent,
  'GET /staff/me/oa-binding': json('StaffOaBindingView'),
  'POST /staff/me/oa-binding': json('StaffOaBindingView'),
  'DELETE /staff/me/oa-binding': json('StaffOaBindingView'),

  // calendar
  'GET /calendar/deadline': json('DeadlineView'),
  'GET /staff/calendar/{year}': json('CalendarYearView'),
  'PUT /staff/calendar/{year}': json('CalendarYearView'),

  // inquiries
  'POST /inquiries/photos': created('InquiryPhotoUpload'),
  'GET /inquiries/photos/{id}': { status: 200, media: 'image/*', description: '照片（JPEG、PNG、GIF 或 WebP）', revalidates: true, ranges: true },
  'POST /inquiries': created('ParentInquiryView'),
  'GET /parents/me/inquiries': json('Page<ParentInquiryListItem>'),
  'GET /parents/me/inquiries/{id}': json('ParentInquiryView'),
  'POST /parents/me/inquiries/{id}/rating': json('ParentInquiryView'),
  'POST /parents/me/inquiries/{id}/reopen': json('ParentInquiryView'),
  'GET /staff/inquiries': json('Page<StaffInquiryListItem>'),
  'GET /staff/inquiries/alerts': json('InquiryAlerts'),
  'GET /staff/inquiries/stats': json('InquiryStats'),
  'GET /staff/inquiries/{id}': json('StaffInquiryView'),
  'POST /staff/inquiries/{id}/release': json('StaffInquiryView'),
  'POST /staff/inquiries/{id}/reject': json('StaffInquiryView'),
  'POST /staff/inquiries/{id}/accept': json('StaffInquiryView'),
  'POST /staff/inquiries/{id}/transfer': json('StaffInquiryView'),
  'POST /staff/inquiries/{id}/reply': json('StaffInquiryView'),
  'POST /staff/inquiries/{id}/reply-review': json('StaffInquiryView'),
  'POST /staff/inquiries/{id}/notes': json('StaffInquiryView'),
  'POST /staff/inquiries/{id}/publish-qa': created('QaItem'),
  'GET /qa': json('Page<QaItem>'),
  'GET /qa/{id}': json('QaItem'),

  // privacy: the notice, consents, the rights flow, rights requests, access and erasure records
  'GET /privacy/notice': cached('PrivacyNoticeView'),
  'GET /parents/me/consents': json('ParentConsentsView'),
  'POST /parents/me/consents': json('ParentConsentsView'),
  'GET /parents/me/data': json('ParentDataExport'),
  'DELETE /parents/me': json('AccountCancellationResult'),
  'GET /parents/me/rights-requests': json('RightsRequestView[]'),
  'POST /parents/me/rights-requests': created('RightsRequestView'),
  'GET /staff/privacy/rights-requests': json('Page<StaffRightsRequestView>'),
  'GET /staff/privacy/rights-requests/{id}': json('StaffRightsRequestView'),
  'POST /staff/privacy/rights-requests/{id}/reply': json('StaffRightsRequestView'),
  'GET /staff/privacy/access-log': json('Page<PersonalDataAccessView>'),
  'GET /staff/privacy/erasures': json('Page<ErasureRecordView>'),

  // portal: the change feed (portal key) and its API keys
  'GET /sync/changes': json('SyncChangesPage'),
  'PUT /sync/notices/{id}/portal-url': json('PortalUrlView'),
  'GET /staff/portal/clients': json('PortalClientView[]'),
  'POST /staff/portal/clients': created('PortalClientCreated'),
  'DELETE /staff/portal/clients/{id}': noContent,

  // portal: signed pushes to its endpoints, their sync state and re-sends
  'GET /staff/portal/endpoints': json('PortalEndpointView[]'),
  'POST /staff/portal/endpoints': created('PortalEndpointSaved'),
  'PATCH /staff/portal/endpoints/{id}': json('PortalEndpointSaved'),
  'PUT /staff/portal/endpoints/{id}': json('PortalEndpointSaved'),
  'DELETE /staff/portal/endpoints/{id}': noContent,
  'GET /staff/portal/endpoints/{id}/deliveries': json('Page<PortalDeliveryView>'),
  'POST /staff/portal/endpoints/{id}/resend': json('PortalResendResult'),
  'GET /staff/notices/{id}/portal-sync': json('NoticePortalSync'),

  // search: one search for parents (no-store: a query can hold an address) and suggestions; staff's synonyms and insight
  'GET /search': json('SearchResponse'),
  'GET /search/suggest': json('SearchSuggestResponse'),
  'GET /staff/search/synonyms': json('SynonymGroupView[]'),
  'POST /staff/search/synonyms': created('SynonymGroupView'),
  'PUT /staff/search/synonyms/{id}': json('SynonymGroupView'),
  'DELETE /staff/search/synonyms/{id}': noContent,
  'GET /staff/search/insight': json('SearchInsight'),
  // zoning: the public lookup (a parent's address: never cached), its cascade and years; searches that found nothing
  'GET /zoning/lookup': json('ZoningLookupResult'),
  'GET /zoning/places': cached('ZoningPlaces'),
  'GET /zoning/years': cached('ZoningYearSummary[]'),
  'GET /staff/zoning/misses': json('Page<ZoningMissView>'),

  // zoning: the staff side (import, corrections, attaching to the 划片 notice, comparing years)
  'GET /staff/zoning/template.xlsx': { status: 200, media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', description: '划片表导入模板（XLSX，Content-Disposition 带中文文件名）' },
  'GET /staff/zoning/years': json('ZoningYearView[]'),
  'POST /staff/zoning/years/{year}/import': created('ZoningImportResult'),
  'GET /staff/zoning/compare': json('ZoningDiff'),
  'GET /staff/zoning/tables/{id}': json('ZoningTableView'),
  'DELETE /staff/zoning/tables/{id}': noContent,
  'GET /staff/zoning/tables/{id}/diff': json('ZoningDiff'),
  'GET /staff/zoning/tables/{id}/rules': json('Page<ZoningRuleStaffView>'),
  'GET /staff/zoning/tables/{id}/export.xlsx': { status: 200, media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', description: '划片表（XLSX，与模板格式相同，Content-Disposition 带中文文件名）' },
  'POST /staff/zoning/tables/{id}/rules': created('ZoningRuleStaffView'),
  'POST /staff/zoning/tables/{id}/attach': json('ZoningTableView'),
  'PATCH /staff/zoning/rules/{id}': json('ZoningRuleStaffView'),
  'PUT /staff/zoning/rules/{id}': json('ZoningRuleStaffView'),
  'DELETE /staff/zoning/rules/{id}': noContent,

  // disclosure: reply letters (答复书: drafted, approved by the office head, HTML and PDF) and reconsiderations / lawsuits (table 四)
  'POST /staff/disclosure/requests/{id}/letter': json('DisclosureLetterView'),
  'POST /staff/disclosure/requests/{id}/letter/approve': json('DisclosureLetterView'),
  'POST /staff/disclosure/requests/{id}/letter/return': json('DisclosureLetterView'),
  'GET /staff/disclosure/requests/{id}/letter.html': { status: 200, media: 'text/html', description: '答复书（HTML；未审批的为草稿）', revalidates: true, ranges: true },
  'GET /staff/disclosure/requests/{id}/letter.pdf': { status: 200, media: 'application/pdf', description: '答复书（PDF，嵌入中文字体；未审批的为草稿）', revalidates: true, ranges: true },
  'GET /parents/me/disclosure-requests/{id}/letter.html': { status: 200, media: 'text/html', description: '答复书（HTML）', revalidates: true, ranges: true },
  'GET /parents/me/disclosure-requests/{id}/letter.pdf': { status: 200, media: 'application/pdf', description: '答复书（PDF，嵌入中文字体）', revalidates: true, ranges: true },
  'GET /disclosure/lookup/{token}/letter.html': { status: 200, media: 'text/html', description: '答复书（HTML）', revalidates: true, ranges: true },
  'GET /disclosure/lookup/{token}/letter.pdf': { status: 200, media: 'application/pdf', description: '答复书（PDF，嵌入中文字体）', revalidates: true, ranges: true },
  'GET /staff/disclosure/challenges': json('Page<DisclosureChallengeView>'),
  'POST /staff/disclosure/challenges': created('DisclosureChallengeView'),
  'PUT /staff/disclosure/challenges/{id}': json('DisclosureChallengeView'),

  // disclosure: applicants (online requests, their own requests, 补正, withdrawal) and the public lookup
  'POST /disclosure/requests': created('DisclosureCreated'),
  'GET /parents/me/disclosure-requests': json('Page<ApplicantDisclosureListItem>'),
  'GET /parents/me/disclosure-requests/{id}': json('ApplicantDisclosureView'),
  'POST /parents/me/disclosure-requests/{id}/supplement': json('ApplicantDisclosureView'),
  'POST /parents/me/disclosure-requests/{id}/withdraw': json('ApplicantDisclosureView'),
  'POST /disclosure/lookup': json('DisclosureLookupView'),

  // disclosure: staff handling (entry of paper / post / fax requests, the inbox, receipt, 补正, consultation, extension, notes)
  'POST /staff/disclosure/requests': created('DisclosureCreated'),
  'GET /staff/disclosure/requests': json('Page<StaffDisclosureListItem>'),
  'GET /staff/disclosure/alerts': json('DisclosureAlerts'),
  'GET /staff/disclosure/requests/{id}': json('StaffDisclosureView'),
  'POST /staff/disclosure/requests/{id}/confirm-receipt': json('StaffDisclosureView'),
  'POST /staff/disclosure/requests/{id}/supplement-request': json('StaffDisclosureView'),
  'POST /staff/disclosure/requests/{id}/supplement': json('StaffDisclosureView'),
  'POST /staff/disclosure/requests/{id}/consultation': json('StaffDisclosureView'),
  'POST /staff/disclosure/requests/{id}/consultation/end': json('StaffDisclosureView'),
  'POST /staff/disclosure/requests/{id}/extension': json('StaffDisclosureView'),
  'POST /staff/disclosure/requests/{id}/extension/approve': json('StaffDisclosureView'),
  'POST /staff/disclosure/requests/{id}/extension/refuse': json('StaffDisclosureView'),
  'POST /staff/disclosure/requests/{id}/notes': json('StaffDisclosureView'),

  // disclosure: 信息处理费 (the public calculator, fee notices, payment, cancellation, refunds)
  'GET /disclosure/fee': json('FeeQuote'),
  'GET /disclosure/lookup/{token}/fee-notice': { status: 200, media: 'text/html', description: '收费通知书（HTML）' },
  'POST /parents/me/disclosure-requests/{id}/pay': json('PayStart'),
  'GET /parents/me/disclosure-requests/{id}/fee-notice': { status: 200, media: 'text/html', description: '收费通知书（HTML）' },
  'POST /staff/disclosure/requests/{id}/fee': json('DisclosureFeeView'),
  'POST /staff/disclosure/requests/{id}/fee/cancel': json('DisclosureFeeView'),
  'POST /staff/disclosure/requests/{id}/fee/refund': json('DisclosureFeeView'),
  'GET /staff/disclosure/requests/{id}/fee-notice': { status: 200, media: 'text/html', description: '收费通知书（HTML）' },

  // reports: the yearly 政府信息公开工作年度报告 and the records it counts
  'GET /staff/reports/hot-topics': json('ReportRecordList<HotTopicView>'),
  'POST /staff/reports/hot-topics': created('HotTopicView'),
  'PUT /staff/reports/hot-topics/{id}': json('HotTopicView'),
  'DELETE /staff/reports/hot-topics/{id}': noContent,
  'GET /staff/reports/briefings': json('ReportRecordList<BriefingView>'),
  'POST /staff/reports/briefings': created('BriefingView'),
  'PUT /staff/reports/briefings/{id}': json('BriefingView'),
  'DELETE /staff/reports/briefings/{id}': noContent,
  'GET /staff/reports/proposals': json('ReportRecordList<ProposalView>'),
  'POST /staff/reports/proposals': created('ProposalView'),
  'PUT /staff/reports/proposals/{id}': json('ProposalView'),
  'DELETE /staff/reports/proposals/{id}': noContent,
  'GET /staff/reports/figures': json('YearlyFiguresView'),
  'PUT /staff/reports/figures/{year}': json('YearlyFiguresView'),
  'GET /staff/reports/normative': json('NormativeRegister'),
  'PUT /staff/reports/normative/{noticeId}': json('NormativeItem'),
  'GET /staff/reports/years': json('ReportYears'),
  'GET /staff/reports/annual': json('AnnualReportView'),
  'PUT /staff/reports/annual/{year}/narrative': json('AnnualReportView'),
  'POST /staff/reports/annual/{year}/notice': json('AnnualReportView'),
  'GET /staff/reports/annual/{year}/export.pdf': { status: 200, media: 'application/pdf', description: '年度报告（PDF，嵌入中文字体，含图表）' },
  'GET /staff/reports/annual/{year}/export.docx': { status: 200, media: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', description: '年度报告（DOCX，表格按全国统一格式）' },
  'GET /staff/reports/annual/{year}/export.md': { status: 200, media: 'text/markdown', description: '年度报告（Markdown，图表为内嵌 SVG 图片）' },
  'GET /staff/reports/annual/{year}/export.html': { status: 200, media: 'text/html', description: '年度报告（可打印的 HTML）' },
};

/**
 * Query parameters whose schema the controller cannot state (a plain `@Query('name')` string):
 * the schema to document instead. Every other query parameter without a type is a string.
 */
export const QUERY_SCHEMAS: Record<string, Record<string, { [key: string]: unknown }>> = {
  'GET /staff/pushes/{id}/deliveries': {
    status: { type: 'string', enum: [...PUSH_DELIVERY_STATUSES] },
    cursor: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
};

/** The error body every 4xx/5xx carries (shared/src/api/errors.ts). */
export const ERROR_TYPE = 'ErrorBody';

/** Every shared type expression the document needs, in a stable order. */
export function responseTypeExpressions(): string[] {
  const types = new Set<string>([ERROR_TYPE]);
  for (const spec of Object.values(RESPONSES)) if ('json' in spec) types.add(spec.json);
  return [...types].sort();
}
