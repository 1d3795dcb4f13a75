import { useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NoticeAction, NoticeActionRefusal, StaffNoticeView } from '@gongkai/shared';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { PublishTimeFields, ReviewOpinion, SecrecyDecisionFields, WithdrawFields } from './ReviewFields';
import type { ReviewForm } from './useReviewForm';
import { useReviewShortcuts } from './useReviewShortcuts';

/** Hooks for the refusals the browser tests look for, by the server's code. */
const REFUSAL_HOOKS: Record<string, string> = { OWN_NOTICE: 'e2e-review-own', FOUR_EYES: 'e2e-review-four-eyes' };

/**
 * The server's reasons for the given actions where their buttons would be, each message once
 * (also leaving out those already said for the actions in `said`: publish and schedule share one).
 */
function Refusals({ refusals, of, said = [] }: { refusals: NoticeActionRefusal[]; of: readonly NoticeAction[]; said?: readonly NoticeAction[] }) {
  const earlier = new Set(refusals.filter((r) => said.includes(r.action)).map((r) => r.message));
  const shown = refusals.filter((r, i) => of.includes(r.action) && !earlier.has(r.message) && refusals.findIndex((o) => of.includes(o.action) && o.message === r.message) === i);
  return (
    <>
      {shown.map((r) => (
        <Text key={r.action} className={`gk-review__note e2e-review-refusal ${REFUSAL_HOOKS[r.code] ?? ''}`} data-action={r.action} data-code={r.code}>
          {r.message}
        </Text>
      ))}
    </>
  );
}

/** Ids for the actions' element, which the keys check is on screen. */
let scopes = 0;

/** The keys of the review actions at a desk (H5): one letter each, shown on the button. */
export const REVIEW_SHORTCUTS = { approve: 'A', return: 'R', publish: 'P' } as const;

function Button({ hook, primary, busy, onClick, shortcut, children }: { hook: string; primary?: boolean; busy: boolean; onClick: () => void; shortcut?: string; children: ReactNode }) {
  return (
    <View className={`gk-btn ${primary ? 'gk-btn--primary' : ''} ${hook} ${busy ? 'gk-btn--disabled' : ''}`} onClick={onClick} {...(shortcut ? { 'aria-keyshortcuts': shortcut } : {})}>
      <Text>{children}</Text>
      {shortcut ? <Text className='gk-kbd e2e-shortcut-hint'>{shortcut}</Text> : null}
    </View>
  );
}

const approveLabel = (status: StaffNoticeView['status']) => (status === 'secrecy_review' ? '审查通过' : status === 'leader_approval' ? '审批通过' : '审核通过');

/**
 * 办理: exactly the buttons the server lists in `notice.actions`, and for each action it refuses
 * (`notice.refusals`) its reason in the button's place. Nothing here decides who may do what.
 * `shortcuts` (a desk): A, R and P press the offered 通过, 退回 and 立即发布 buttons (the same
 * handlers as a click), shown on them.
 */
async function confirmPublish(publish: () => unknown): Promise<void> {
  const answer = await Taro.showModal({ title: '立即发布', content: '确定立即发布这条信息吗？发布后公众即可看到。', confirmText: '发布', cancelText: '取消' });
  if (answer.confirm) await publish();
}

export function ReviewActions({ notice, form, shortcuts = false }: { notice: StaffNoticeView; form: ReviewForm; shortcuts?: boolean }) {
  const { actions, refusals } = notice;
  const can = (a: NoticeAction) => actions.includes(a);
  const touches = (of: readonly NoticeAction[]) => of.some((a) => can(a) || refusals.some((r) => r.action === a));
  const { busy } = form;
  // Only the offered actions have keys; a key while one is in flight is ignored by useAction, as a tap is.
  const keyed = {
    ...(can('approve') ? { a: form.approve } : {}),
    ...(can('return') ? { r: form.sendBack } : {}),
    // Publishing is public and immediate: a stray key asks first (the button is a deliberate tap).
    ...(can('publish') ? { p: () => void confirmPublish(form.publishNow) } : {}),
  };
  const [scopeId] = useState(() => `gk-review-actions-${++scopes}`);
  useReviewShortcuts(keyed, shortcuts, scopeId);
  const key = (k: keyof typeof REVIEW_SHORTCUTS) => (shortcuts ? REVIEW_SHORTCUTS[k] : undefined);
  const review = ['approve', 'return'] as const;
  if (!touches(['edit', 'submit', ...review, 'publish', 'unschedule', 'schedule', 'withdraw'])) return null;

  return (
    <View id={scopeId} className='gk-review__section gk-review__actions e2e-review-actions'>
      <Text className='gk-review__section-title'>办理</Text>

      {touches(['edit', 'submit']) ? (
        <View className='gk-btn-row'>
          {can('edit') ? (
            <Button hook='e2e-review-edit' primary busy={busy} onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffCompose, { id: notice.id }) })}>
              {!can('submit') ? '编辑' : notice.status === 'returned' ? '修改后重新提交' : '编辑并提交审核'}
            </Button>
          ) : null}
          <Refusals refusals={refusals} of={['edit', 'submit']} />
        </View>
      ) : null}

      {touches(review) ? (
        <View className='gk-review__opinion'>
          {notice.status === 'secrecy_review' && can('approve') ? <SecrecyDecisionFields secrecy={form.secrecy} /> : null}
          {can('approve') || can('return') ? <ReviewOpinion opinion={form.opinion} /> : null}
          <Refusals refusals={refusals} of={review} />
          <View className='gk-btn-row'>
            {can('approve') ? (
              <Button hook='e2e-review-approve' primary busy={busy} onClick={form.approve} shortcut={key('approve')}>
                {approveLabel(notice.status)}
              </Button>
            ) : null}
            {can('return') ? (
              <Button hook='e2e-review-return' busy={busy} onClick={form.sendBack} shortcut={key('return')}>
                退回修改
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}

      {touches(['publish', 'unschedule']) ? (
        <View>
          <Refusals refusals={refusals} of={['publish', 'unschedule']} />
          <View className='gk-btn-row'>
            {can('publish') ? (
              <Button hook='e2e-publish-now' primary busy={busy} onClick={form.publishNow} shortcut={key('publish')}>
                立即发布
              </Button>
            ) : null}
            {can('unschedule') ? (
              <Button hook='e2e-unschedule' busy={busy} onClick={form.unschedule}>
                取消定时
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}

      {touches(['schedule']) ? (
        <View className='gk-review__schedule e2e-schedule'>
          {can('schedule') ? <PublishTimeFields when={form.publishTime} /> : null}
          <Refusals refusals={refusals} of={['schedule']} said={['publish', 'unschedule']} />
          {can('schedule') ? (
            <View className='gk-btn-row'>
              <Button hook='e2e-publish-at' busy={busy} onClick={form.publishAt}>
                定时发布
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}

      {touches(['withdraw']) ? (
        <View className='gk-review__withdraw'>
          {can('withdraw') ? <WithdrawFields reason={form.withdrawReason} /> : null}
          <Refusals refusals={refusals} of={['withdraw']} />
          {can('withdraw') ? (
            <View className='gk-btn-row'>
              <Button hook='e2e-withdraw' busy={busy} onClick={form.withdraw}>
                撤回
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
