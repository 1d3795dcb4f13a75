import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NoticeAction, NoticeActionRefusal, StaffNoticeView } from '@gongkai/shared';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { PublishTimeFields, ReviewOpinion, SecrecyDecisionFields, WithdrawFields } from './ReviewFields';
import type { ReviewForm } from './useReviewForm';

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

function Button({ hook, primary, busy, onClick, children }: { hook: string; primary?: boolean; busy: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <View className={`gk-btn ${primary ? 'gk-btn--primary' : ''} ${hook} ${busy ? 'gk-btn--disabled' : ''}`} onClick={onClick}>
      <Text>{children}</Text>
    </View>
  );
}

const approveLabel = (status: StaffNoticeView['status']) => (status === 'secrecy_review' ? '审查通过' : status === 'leader_approval' ? '审批通过' : '审核通过');

/**
 * 办理: exactly the buttons the server lists in `notice.actions`, and for each action it refuses
 * (`notice.refusals`) its reason in the button's place. Nothing here decides who may do what.
 */
export function ReviewActions({ notice, form }: { notice: StaffNoticeView; form: ReviewForm }) {
  const { actions, refusals } = notice;
  const can = (a: NoticeAction) => actions.includes(a);
  const touches = (of: readonly NoticeAction[]) => of.some((a) => can(a) || refusals.some((r) => r.action === a));
  const { busy } = form;
  const review = ['approve', 'return'] as const;
  if (!touches(['edit', 'submit', ...review, 'publish', 'unschedule', 'schedule', 'withdraw'])) return null;

  return (
    <View className='gk-review__section gk-review__actions e2e-review-actions'>
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
              <Button hook='e2e-review-approve' primary busy={busy} onClick={form.approve}>
                {approveLabel(notice.status)}
              </Button>
            ) : null}
            {can('return') ? (
              <Button hook='e2e-review-return' busy={busy} onClick={form.sendBack}>
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
              <Button hook='e2e-publish-now' primary busy={busy} onClick={form.publishNow}>
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
