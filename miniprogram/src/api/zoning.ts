import type {
  Page,
  ZoningApplicant,
  ZoningAttachInput,
  ZoningDiff,
  ZoningImportResult,
  ZoningLookupResult,
  ZoningMissView,
  ZoningPlaces,
  ZoningRuleInput,
  ZoningRuleStaffView,
  ZoningTableView,
  ZoningYearSummary,
  ZoningYearView,
} from '@gongkai/shared';
import { apiUrl } from './config';
import { errorFromResponse, networkError } from './errors';
import { clientChannel, download, request, sendToSignIn, upload } from './request';
import { clearToken, getToken } from './tokens';

/**
 * 学区查询: the public lookup (no sign-in) and the staff side of the bureau's zoning tables
 * (`zoning.manage`). Shapes are shared/src/api/zoning.ts.
 */

const enc = (v: number | string) => encodeURIComponent(String(v));

/* ---------- public ---------- */

/** What a parent asks: free text, or a place chosen in the cascade (with a house / building number when the place is split). */
export interface ZoningLookupQuery {
  q?: string;
  year?: number;
  /** Not sent when the parent is unsure: the answer then shows each case. */
  applicant?: Exclude<ZoningApplicant, 'all'>;
  town?: string;
  village?: string;
  compound?: string;
  number?: number;
  building?: number;
}

export function lookupZoning(query: ZoningLookupQuery): Promise<ZoningLookupResult> {
  return request<ZoningLookupResult>('/zoning/lookup', {
    query: {
      q: query.q,
      year: query.year,
      applicant: query.applicant,
      town: query.town,
      village: query.village,
      compound: query.compound,
      number: query.number,
      building: query.building,
    },
  });
}

/** The cascade's next level: towns (no town), a town's villages and roads, a village's compounds and roads. */
export function getZoningPlaces(query: { year?: number; town?: string; village?: string }): Promise<ZoningPlaces> {
  return request<ZoningPlaces>('/zoning/places', { query: { year: query.year, town: query.town, village: query.village } });
}

/** The school years in effect, newest first as the server sends them. */
export function getZoningYears(): Promise<ZoningYearSummary[]> {
  return request<ZoningYearSummary[]>('/zoning/years');
}

/* ---------- staff ---------- */

export function listZoningYearsStaff(): Promise<ZoningYearView[]> {
  return request<ZoningYearView[]>('/staff/zoning/years', { auth: 'staff' });
}

export function getZoningTable(id: number | string): Promise<ZoningTableView> {
  return request<ZoningTableView>(`/staff/zoning/tables/${enc(id)}`, { auth: 'staff' });
}

/** What the table changes against the previous year's table in effect. */
export function getZoningTableDiff(id: number | string): Promise<ZoningDiff> {
  return request<ZoningDiff>(`/staff/zoning/tables/${enc(id)}/diff`, { auth: 'staff' });
}

export function listZoningRules(id: number | string, query: { cursor?: string; q?: string; limit?: number } = {}): Promise<Page<ZoningRuleStaffView>> {
  return request<Page<ZoningRuleStaffView>>(`/staff/zoning/tables/${enc(id)}/rules`, { auth: 'staff', query: { cursor: query.cursor, q: query.q, limit: query.limit } });
}

/** A correction of one rule of an editable table. PUT, not PATCH: wx.request has no PATCH (the route takes both). */
export function updateZoningRule(ruleId: number | string, body: ZoningRuleInput): Promise<ZoningRuleStaffView> {
  return request<ZoningRuleStaffView>(`/staff/zoning/rules/${enc(ruleId)}`, { method: 'PUT', auth: 'staff', body });
}

/** Removes one rule of an editable table; `tableVersion` is the table's optimistic lock. */
export function deleteZoningRule(ruleId: number | string, tableVersion: number): Promise<void> {
  return request<void>(`/staff/zoning/rules/${enc(ruleId)}`, { method: 'DELETE', auth: 'staff', query: { tableVersion } });
}

/** Removes a draft table (one attached to no notice). */
export function deleteZoningTable(id: number | string, tableVersion: number): Promise<void> {
  return request<void>(`/staff/zoning/tables/${enc(id)}`, { method: 'DELETE', auth: 'staff', query: { tableVersion } });
}

/** The table goes with this 划片 notice (a draft of the caller's) through the review chain. */
export function attachZoningTable(id: number | string, body: ZoningAttachInput): Promise<ZoningTableView> {
  return request<ZoningTableView>(`/staff/zoning/tables/${enc(id)}/attach`, { method: 'POST', auth: 'staff', body });
}

/** The two years' tables in effect, compared. */
export function compareZoningYears(from: number, to: number): Promise<ZoningDiff> {
  return request<ZoningDiff>('/staff/zoning/compare', { auth: 'staff', query: { from, to } });
}

export function listZoningMisses(query: { year?: number; cursor?: string; limit?: number } = {}): Promise<Page<ZoningMissView>> {
  return request<Page<ZoningMissView>>('/staff/zoning/misses', { auth: 'staff', query: { year: query.year, cursor: query.cursor, limit: query.limit } });
}

/** The template workbook, fetched with the staff token; resolves with the local temp path (H5: a blob: URL). */
export function downloadZoningTemplate(): Promise<string> {
  return download(apiUrl('/staff/zoning/template.xlsx'), { auth: 'staff' });
}

export const ZONING_TEMPLATE_NAME = '学区划分导入模板.xlsx';

/** A file chosen for the import: the platform's path (H5: a blob: URL) and its name. */
export interface ChosenFile {
  path: string;
  name: string;
}

/** A workbook of a few thousand rules over a slow line. */
const IMPORT_TIMEOUT_MS = 5 * 60_000;

/**
 * POST /staff/zoning/years/:year/import: an XLSX, or a CSV of rules (with an optional CSV of
 * schools; without it the year's known schools are used). 201 → the table and what it changes;
 * a file with problems → an ApiError 422 ZONING_IMPORT_INVALID whose details name sheet, row and
 * column.
 */
export async function importZoningTable(year: number, file: ChosenFile, schools?: ChosenFile, onProgress?: (percent: number) => void): Promise<ZoningImportResult> {
  const path = `/staff/zoning/years/${enc(year)}/import`;
  if (!schools) {
    return upload<ZoningImportResult>(path, file.path, { name: 'file', auth: 'staff', fileName: file.name, timeoutMs: IMPORT_TIMEOUT_MS, ...(onProgress ? { onProgress } : {}) });
  }
  return uploadTwoFilesH5<ZoningImportResult>(path, { file, schools });
}

/**
 * H5 only (the page offers a second file only there): Taro.uploadFile sends one file, so two go
 * in one FormData over fetch, with the same headers and the same error contract as `upload`.
 */
async function uploadTwoFilesH5<T>(path: string, files: Record<string, ChosenFile>): Promise<T> {
  const form = new FormData();
  for (const [field, f] of Object.entries(files)) {
    const blob = await fetch(f.path).then((r) => r.blob());
    form.append(field, blob, f.name);
  }
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Client-Channel': clientChannel() };
  const token = getToken('staff');
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(apiUrl(path), { method: 'POST', headers, body: form });
  } catch {
    throw networkError();
  }
  const text = await res.text().catch(() => '');
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.status >= 200 && res.status < 300) return data as T;
  if (res.status === 401) {
    clearToken('staff');
    sendToSignIn('staff');
  }
  throw errorFromResponse(res.status, data);
}
