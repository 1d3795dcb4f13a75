/** The one error shape every failing HTTP response carries. */
export interface ErrorBody {
  statusCode: number;
  /** Stable, upper-case; clients branch on it. */
  code: ErrorCode;
  /** Chinese, readable by a parent; shown as is. */
  message: string;
  details?: ErrorDetail[];
  /** Present on 5xx so a report can be matched to the server log. */
  requestId?: string;
}

export interface ErrorDetail {
  field: string;
  message: string;
  /** A spreadsheet import's problem: the sheet, the row as Excel numbers it (1 is the header) and the column header. */
  sheet?: string;
  row?: number;
  column?: string;
}

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_CURSOR',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'CURRENT_PASSWORD_WRONG',
  'LOGIN_LOCKED',
  'CONFLICT',
  'NOTICE_NOT_EDITABLE',
  'NOTICE_ALREADY_PUBLISHED',
  'REVIEW_NOT_ALLOWED',
  'OWN_NOTICE',
  'FOUR_EYES',
  'SECRECY_DECISION_REQUIRED',
  'NOT_PUBLISHABLE',
  'PUBLISH_TIME_INVALID',
  // corrections (更正)
  'NOTICE_NOT_PUBLISHED',
  'CORRECTION_OPEN',
  'CORRECTION_NOT_EDITABLE',
  'CORRECTION_UNCHANGED',
  'USERNAME_TAKEN',
  'CODE_TAKEN',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'RATE_LIMITED',
  'WECHAT_CODE_INVALID',
  'WECHAT_NOT_CONFIGURED',
  'WECHAT_UNAVAILABLE',
  'DEMO_DISABLED',
  'INQUIRY_RATE_LIMITED',
  'CONTENT_REFUSED',
  'INQUIRY_NOT_ALLOWED',
  // privacy
  'PRIVACY_CONSENT_REQUIRED',
  'NOTICE_VERSION_OUTDATED',
  'CHILD_CONSENT_REQUIRED',
  'RIGHTS_REQUESTS_PENDING',
  'RIGHTS_REQUEST_ANSWERED',
  // files
  'UNSUPPORTED_FILE_TYPE',
  /** A withdrawn notice's attachment. */
  'GONE',
  'WORD_DOC_UNSUPPORTED',
  // zoning (学区查询)
  'ZONING_IMPORT_INVALID',
  'ZONING_TABLE_LOCKED',
  'ZONING_YEAR_NOT_PUBLISHED',
  // 依申请公开 and 信息处理费
  'DISCLOSURE_NOT_ALLOWED',
  'DISCLOSURE_RATE_LIMITED',
  'DISCLOSURE_LOOKUP_FAILED',
  'DISCLOSURE_FEE_INVALID',
  /** The yearly report: a year outside 2008 … this year; a check fails (details name the cells); a (year, kind, number) proposal exists. */
  'REPORT_YEAR_INVALID',
  'REPORT_UNBALANCED',
  'PROPOSAL_DUPLICATE',
  /** Search: a query longer than SEARCH_QUERY_MAX; a synonym term already in another group. */
  'SEARCH_QUERY_INVALID',
  'SYNONYM_DUPLICATE',
  // WeChat Pay
  'PAYMENT_NOT_CONFIGURED',
  'PAYMENT_UNAVAILABLE',
  'PAYMENT_NOT_ALLOWED',
  'PAYMENT_NOTIFICATION_INVALID',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
