import { AnnualReport } from './reports/entities/annual-report.entity';
import { SearchQueryDay } from './search/entities/search-query-day.entity';
import { SearchSynonymGroup } from './search/entities/search-synonym-group.entity';
import { SearchSynonymTerm } from './search/entities/search-synonym-term.entity';
import { ReportBriefing } from './reports/entities/report-briefing.entity';
import { ReportHotTopic } from './reports/entities/report-hot-topic.entity';
import { ReportProposal } from './reports/entities/report-proposal.entity';
import { ReportYearlyFigure } from './reports/entities/report-yearly-figure.entity';
import { DisclosureChallenge } from './disclosure/entities/disclosure-challenge.entity';
import { DisclosureEvent } from './disclosure/entities/disclosure-event.entity';
import { DisclosureFee } from './disclosure/entities/disclosure-fee.entity';
import { DisclosureLetter } from './disclosure/entities/disclosure-letter.entity';
import { DisclosureRequest } from './disclosure/entities/disclosure-request.entity';
import { PaymentNotification } from './payments/entities/payment-notification.entity';
import { PaymentOrder } from './payments/entities/payment-order.entity';
import { PaymentRefund } from './payments/entities/payment-refund.entity';
import { StoredFile } from './storage/entities/stored-file.entity';
import { ZoningAlias } from './zoning/entities/zoning-alias.entity';
import { ZoningMiss } from './zoning/entities/zoning-miss.entity';
import { ZoningRule } from './zoning/entities/zoning-rule.entity';
import { ZoningSchool } from './zoning/entities/zoning-school.entity';
import { ZoningTable } from './zoning/entities/zoning-table.entity';
import { ZoningTableEditor } from './zoning/entities/zoning-table-editor.entity';
import { LegacyImportItem } from './portal/legacy/entities/legacy-import-item.entity';
import { LegacyImportRun } from './portal/legacy/entities/legacy-import-run.entity';
import { LegacyImportRunItem } from './portal/legacy/entities/legacy-import-run-item.entity';
import { Category } from './catalog/entities/category.entity';
import { Topic } from './catalog/entities/topic.entity';
import { Unit } from './identity/entities/unit.entity';
import { Notice } from './catalog/entities/notice.entity';
import { NoticeTopic } from './catalog/entities/notice-topic.entity';
import { NoticeAttachment } from './catalog/entities/notice-attachment.entity';
import { NoticeViewDaily } from './catalog/entities/notice-view-daily.entity';
import { IndexSequence } from './publishing/entities/index-sequence.entity';
import { StaffAccount } from './identity/entities/staff-account.entity';
import { LoginThrottle } from './identity/entities/login-throttle.entity';
import { AuditLog } from './common/audit/audit-log.entity';
import { AppState } from './database/app-state.entity';
import { ParentAccount } from './identity/entities/parent-account.entity';
import { WechatAccessToken } from './wechat/entities/wechat-access-token.entity';
import { NoticeReview } from './publishing/entities/notice-review.entity';
import { NoticeRevision } from './publishing/entities/notice-revision.entity';
import { NoticeChange } from './publishing/entities/notice-change.entity';
import { PortalClient } from './portal/clients/portal-client.entity';
import { PortalEndpoint } from './portal/push/entities/portal-endpoint.entity';
import { PortalDelivery } from './portal/push/entities/portal-delivery.entity';
import { OaFollower } from './wechat/official-account/entities/oa-follower.entity';
import { OaKeywordReply } from './wechat/official-account/entities/oa-keyword-reply.entity';
import { OaTemplateJobResult } from './wechat/official-account/entities/oa-template-job-result.entity';
import { OaInboundMessage } from './wechat/official-account/entities/oa-inbound-message.entity';
import { PushSubscription } from './push/entities/push-subscription.entity';
import { PushQuota } from './push/entities/push-quota.entity';
import { PushCampaign } from './push/entities/push-campaign.entity';
import { PushDelivery } from './push/entities/push-delivery.entity';
import { PushDryRun } from './push/entities/push-dry-run.entity';
import { PushWorkerHeartbeat } from './push/entities/push-worker-heartbeat.entity';
import { PushAutoSetting } from './push/entities/push-auto-setting.entity';
import { CalendarDay } from './calendar/entities/calendar-day.entity';
import { CalendarYear } from './calendar/entities/calendar-year.entity';
import { Inquiry } from './inquiries/entities/inquiry.entity';
import { InquiryEvent } from './inquiries/entities/inquiry-event.entity';
import { InquiryPhoto } from './inquiries/entities/inquiry-photo.entity';
import { InquiryQa } from './inquiries/entities/inquiry-qa.entity';
import { InquiryCheckCount } from './inquiries/entities/inquiry-check-count.entity';
import { StaffOaBinding } from './wechat/official-account/entities/staff-oa-binding.entity';
import { InquiryNotice } from './inquiries/entities/inquiry-notice.entity';
import { OaCallbackNonce } from './wechat/official-account/entities/oa-callback-nonce.entity';
import { OaBindThrottle } from './wechat/official-account/entities/oa-bind-throttle.entity';
import { NoticeEditor } from './catalog/entities/notice-editor.entity';
import { NoticeCorrection } from './catalog/entities/notice-correction.entity';
import { PrivacyConsent } from './privacy/entities/privacy-consent.entity';
import { PrivacyErasure } from './privacy/entities/privacy-erasure.entity';
import { PrivacyRightsRequest } from './privacy/entities/privacy-rights-request.entity';

/**
 * Every entity of the server, for the DataSource that app.module.ts and cli.ts build. Kept here, at
 * the composition root, so that the database module imports no feature. A module's new entity: one
 * import and one line in the list.
 */
export const ENTITIES = [
  Category,
  Topic,
  Unit,
  Notice,
  NoticeTopic,
  NoticeAttachment,
  NoticeViewDaily,
  IndexSequence,
  StaffAccount,
  LoginThrottle,
  AuditLog,
  AppState,
  ParentAccount,
  WechatAccessToken,
  NoticeReview,
  NoticeRevision,
  NoticeChange,
  PortalClient,
  PortalEndpoint,
  PortalDelivery,
  OaFollower,
  OaKeywordReply,
  OaTemplateJobResult,
  OaInboundMessage,
  PushSubscription,
  PushQuota,
  PushCampaign,
  PushDelivery,
  PushDryRun,
  PushWorkerHeartbeat,
  PushAutoSetting,
  CalendarDay,
  CalendarYear,
  Inquiry,
  InquiryEvent,
  InquiryPhoto,
  InquiryQa,
  InquiryCheckCount,
  StaffOaBinding,
  InquiryNotice,
  OaCallbackNonce,
  OaBindThrottle,
  NoticeEditor,
  NoticeCorrection,
  PrivacyConsent,
  PrivacyErasure,
  PrivacyRightsRequest,
  StoredFile,
  LegacyImportItem,
  LegacyImportRun,
  LegacyImportRunItem,
  ZoningTable,
  ZoningSchool,
  ZoningRule,
  ZoningAlias,
  ZoningMiss,
  ZoningTableEditor,
  DisclosureRequest,
  DisclosureEvent,
  DisclosureFee,
  DisclosureLetter,
  DisclosureChallenge,
  PaymentOrder,
  PaymentNotification,
  PaymentRefund,
  ReportHotTopic,
  ReportBriefing,
  ReportProposal,
  ReportYearlyFigure,
  AnnualReport,
  SearchSynonymGroup,
  SearchSynonymTerm,
  SearchQueryDay,
];
