import type { CorrectionStartRequest, StaffCorrectionView } from '@gongkai/shared';
import { ok, type Chain } from './review-chain';

/**
 * Corrects a published notice through the API as staff would (更正): the chain's editor starts a
 * correction with `changes` (note = what was corrected, shown to the public; title, summary, 文号
 * and body as corrected), submits it, the unit head, secrecy reviewer and leader approve it and the
 * publisher registers it, which applies it. Returns the applied correction. The editor must be of
 * the notice's unit (as `throughChain`'s editor is).
 */
export async function correctNotice(chain: Chain, noticeId: number, changes: CorrectionStartRequest): Promise<StaffCorrectionView> {
  const started = await chain.editor.post(`/staff/notices/${noticeId}/corrections`, changes);
  if (started.status !== 201) throw new Error(`correction of ${noticeId}: ${started.status} ${started.text}`);
  const path = `/staff/notices/${noticeId}/correction`;
  let c: StaffCorrectionView = await ok(chain.editor.post(`${path}/submit`, { version: started.body.version }));
  c = await ok(chain.unitHead.post(`${path}/review`, { action: 'approve', version: c.version }));
  c = await ok(chain.secrecy.post(`${path}/review`, { action: 'approve', version: c.version }));
  c = await ok(chain.leader.post(`${path}/review`, { action: 'approve', version: c.version }));
  return ok(chain.publisher.post(`${path}/registration`, { version: c.version }));
}
