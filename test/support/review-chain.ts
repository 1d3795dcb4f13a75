import { ApiClient } from './api-client';
import { aNotice, aStaff, aUnit } from './builders';

export const PROACTIVE = { publishable: true, disclosure: 'proactive' };

/** The staff of the review chain, one client each. */
export interface Chain {
  editor: ApiClient;
  unitHead: ApiClient;
  secrecy: ApiClient;
  leader: ApiClient;
  publisher: ApiClient;
}

/**
 * The bureau the chain runs in: the unit `unit` (基础教育科) with its editor1 and head1, the
 * release centre `center` (信息发布中心) with secrecy1, leader1 and publisher1.
 */
export async function aChain(admin: ApiClient, unit: string, center: string): Promise<Chain> {
  await aUnit(admin, unit, '基础教育科');
  await aUnit(admin, center, '信息发布中心');
  return {
    editor: await aStaff(admin, 'editor1', unit, ['editor']),
    unitHead: await aStaff(admin, 'head1', unit, ['unit_head']),
    secrecy: await aStaff(admin, 'secrecy1', center, ['secrecy_reviewer']),
    leader: await aStaff(admin, 'leader1', center, ['leader']),
    publisher: await aStaff(admin, 'publisher1', center, ['publisher']),
  };
}

export async function version(client: ApiClient, id: number): Promise<number> {
  const res = await client.get(`/staff/notices/${id}`);
  if (res.status !== 200) throw new Error(`notice ${id}: ${res.status} ${res.text}`);
  return res.body.version;
}

export async function ok(res: Promise<{ status: number; text: string; body: any }>): Promise<any> {
  const r = await res;
  if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
  return r.body;
}

/** Writes a notice and takes it through the chain up to `until` (inclusive of the step reaching it). */
export async function throughChain(c: Chain, until: 'unit_review' | 'secrecy_review' | 'leader_approval' | 'approved' | 'published', title = '审核链测试', decision: object = PROACTIVE): Promise<number> {
  const id = await aNotice().titled(title).inCategory('ZSKS').create(c.editor);
  let n = await ok(c.editor.post(`/staff/notices/${id}/submit`, { version: await version(c.editor, id) }));
  if (until === 'unit_review') return id;
  n = await ok(c.unitHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
  if (until === 'secrecy_review') return id;
  n = await ok(c.secrecy.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version, secrecy: decision }));
  if (until === 'leader_approval') return id;
  n = await ok(c.leader.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
  if (until === 'approved') return id;
  await ok(c.publisher.post(`/staff/notices/${id}/registration`, { version: n.version }));
  return id;
}
