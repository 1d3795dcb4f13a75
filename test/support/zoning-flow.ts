import type { StaffRole, ZoningImportResult } from '@gongkai/shared';
import { ContractError, contractOf } from '../contract/contract-check';
import { ApiClient, type ApiResponse } from './api-client';
import { PASSWORD, aNotice, login } from './builders';
import { PROACTIVE } from './review-chain';
import type { TestServer } from './test-server';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Imports a year's table as the staff page does: multipart/form-data, `file` (and for a CSV
 * table optionally `schools`), as `token` (or `api`'s own). The answer is checked against the
 * OpenAPI document like every API test's.
 */
export async function importZoning(
  api: ApiClient,
  token: string | undefined,
  year: number | string,
  file: Buffer,
  name: string,
  schools?: { bytes: Buffer; name: string },
): Promise<ApiResponse> {
  const form = new FormData();
  const type = (n: string) => (n.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX);
  form.append('file', new Blob([file], { type: type(name) }), name);
  if (schools) form.append('schools', new Blob([schools.bytes], { type: 'text/csv' }), schools.name);
  const bearer = token ?? api.token;
  const path = `/api/v1/staff/zoning/years/${year}/import`;
  const res = await fetch(`${api.baseUrl}${path}`, { method: 'POST', body: form, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  const violation = (await contractOf(api.baseUrl)).check('POST', path, res.status, res.headers.get('content-type'), text, body);
  if (violation) throw new ContractError(violation);
  return { status: res.status, headers: res.headers, body, text };
}

/** The staff of a zoning publication: an editor of the 基础教育科 and the four steps of the review chain, each a different person. */
export interface ZoningStaff {
  unitCode: string;
  editor: ApiClient;
  unitHead: ApiClient;
  secrecy: ApiClient;
  leader: ApiClient;
  publisher: ApiClient;
}

const ZONING_UNIT = 'JCJYZONING00000001';
const staffPerServer = new Map<string, Promise<ZoningStaff>>();

/** The accounts `zoningStaff` uses, made through the admin API once per server. */
export function zoningStaff(admin: ApiClient): Promise<ZoningStaff> {
  let staff = staffPerServer.get(admin.baseUrl);
  if (!staff) {
    staff = (async () => {
      const unit = await admin.post('/staff/units', { code: ZONING_UNIT, name: '基础教育科（划片）', kind: 'bureau_office' });
      if (unit.status !== 201 && unit.body?.code !== 'CODE_TAKEN') throw new Error(`unit: ${unit.status} ${unit.text}`);
      const account = async (username: string, role: StaffRole): Promise<ApiClient> => {
        const res = await admin.post('/staff/accounts', { username, displayName: username, password: PASSWORD, unitCode: ZONING_UNIT, roles: [role] });
        if (res.status !== 201 && res.body?.code !== 'USERNAME_TAKEN') throw new Error(`staff ${username}: ${res.status} ${res.text}`);
        return admin.as(await login(new ApiClient(admin.baseUrl), username));
      };
      return {
        unitCode: ZONING_UNIT,
        editor: await account('zoning-editor', 'editor'),
        unitHead: await account('zoning-head', 'unit_head'),
        secrecy: await account('zoning-secrecy', 'secrecy_reviewer'),
        leader: await account('zoning-leader', 'leader'),
        publisher: await account('zoning-publisher', 'publisher'),
      };
    })();
    staff.catch(() => staffPerServer.delete(admin.baseUrl));
    staffPerServer.set(admin.baseUrl, staff);
  }
  return staff;
}

async function step(client: ApiClient, path: string, body: object): Promise<{ version: number; status: string }> {
  const res = await client.post(path, body);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.body;
}

export interface PublishedZoning {
  tableId: number;
  noticeId: number;
  imported: ZoningImportResult;
  /** The notice's status at the end: `published`, or `scheduled` with `publishAt`. */
  status: string;
}

/**
 * A year's table put in effect the way the bureau does it: the editor imports it over HTTP,
 * writes the year's 划片 notice (topic 义务教育划片) and attaches the table; the notice goes through
 * the review chain (submit → 科室负责人 → 保密审查 → 分管领导 → 登记发布), each step by another
 * person. `publishAt` schedules the publication instead (the table takes effect then).
 * `server`: a server whose admin is bootstrapAdmin's `root`; or pass an admin client.
 */
export async function publishZoningYear(
  server: TestServer | ApiClient,
  year: number,
  file: Buffer,
  options: { name?: string; title?: string; publishAt?: string } = {},
): Promise<PublishedZoning> {
  const admin = server instanceof ApiClient ? server : new ApiClient(server.baseUrl).as(await login(new ApiClient(server.baseUrl), 'root'));
  const s = await zoningStaff(admin);
  const imported = await importZoning(s.editor, undefined, year, file, options.name ?? `${year}年划片范围.xlsx`);
  if (imported.status !== 201) throw new Error(`import ${year}: ${imported.status} ${imported.text}`);
  const result = imported.body as ZoningImportResult;
  const noticeId = await aNotice()
    .titled(options.title ?? `${year}年城区义务教育学校划片招生方案`)
    .inCategory('ZSKS')
    .withTopics('zoning')
    .withBody(`<p>${year}年城区义务教育学校划片范围见附件。</p>`)
    .create(s.editor);
  const attached = await s.editor.post(`/staff/zoning/tables/${result.table.id}/attach`, { noticeId, tableVersion: result.table.version });
  if (attached.status !== 200) throw new Error(`attach ${year}: ${attached.status} ${attached.text}`);
  const base = `/staff/notices/${noticeId}`;
  const draft = await s.editor.get(base);
  let n = await step(s.editor, `${base}/submit`, { version: draft.body.version });
  n = await step(s.unitHead, `${base}/review`, { action: 'approve', version: n.version });
  n = await step(s.secrecy, `${base}/review`, { action: 'approve', version: n.version, secrecy: PROACTIVE });
  n = await step(s.leader, `${base}/review`, { action: 'approve', version: n.version });
  n = await step(s.publisher, `${base}/registration`, { version: n.version, ...(options.publishAt ? { publishAt: options.publishAt } : {}) });
  return { tableId: result.table.id, noticeId, imported: result, status: n.status };
}
