import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { shanghaiDate, type ApplicantDisclosureView, type DisclosureStatus } from '@gongkai/shared';
import { dayLabel } from '../../../../utils/disclosure-text';
import { formatDateTime } from '../../../../utils/format';
import { DisclosureDeadline, DisclosureTimeline, FeeCard, LetterCard, RequestFacts, type DocumentSource } from './DisclosureParts';
import '../../../../inquiry/inquiry.scss';
import './disclosure.scss';
import { pageRootClass } from '../../../../utils/text-scale';

const STEPS = ['提交', '收到', '办理', '答复'] as const;

/** How many of STEPS are done. */
function stepsDone(status: DisclosureStatus): number {
  switch (status) {
    case 'submitted':
      return 1;
    case 'processing':
    case 'supplement_requested':
    case 'consulting':
    case 'fee_pending':
    case 'letter_pending':
      return 3;
    case 'answered':
    case 'closed':
      return 4;
  }
}

export interface DetailSlots {
  /** Under the 补正 request (signed-in applicants when `supply` is allowed). */
  supplyForm?: ReactNode;
  /** At the foot of the page (withdraw). */
  footer?: ReactNode;
  /** The fee's 支付 button. */
  onPay?: () => void;
  paying?: boolean;
  /** After a simulated payment (embedded demo only). */
  simulatedPaidAt?: string | null;
}

/**
 * One request as its applicant sees it: status and steps, the deadline (or why it is paused or
 * stopped), the 补正 request, the fee, the letter, what was asked, and the timeline. Shared by the
 * signed-in detail and the public lookup (which has no actions).
 */
export function DisclosureDetailBody({ view, docs, pageClass, slots = {} }: { view: ApplicantDisclosureView; docs: DocumentSource; pageClass: string; slots?: DetailSlots }) {
  const today = shanghaiDate(new Date());
  const done = stepsDone(view.status);
  const supplement = view.supplement;
  return (
    <View className={pageRootClass(`gk-page gk-iq ${pageClass}`)} data-status={view.status} data-id={view.id}>
      <View className='gk-iq__section'>
        <View className='gk-iq__meta' style={{ marginTop: 0 }}>
          <Text className='gk-iq__status e2e-dc-status' data-status={view.status}>
            {view.statusLabel}
          </Text>
          <Text className='e2e-dc-tracking'>{view.trackingNo}</Text>
        </View>
        {view.outcomeLabel ? <Text className='gk-iq__item-title e2e-dc-outcome'>{view.outcomeLabel}</Text> : null}
        <View className='gk-iq__steps e2e-dc-steps' data-done={done} style={{ marginTop: '24px' }}>
          {STEPS.map((s, i) => (
            <Text key={s} className={`gk-iq__step ${i < done ? 'gk-iq__step--done' : ''}`}>
              {view.status === 'closed' && i === 3 ? '终止' : s}
            </Text>
          ))}
        </View>
        <View style={{ marginTop: '24px' }}>
          <DisclosureDeadline view={view} />
        </View>
      </View>

      {slots.simulatedPaidAt ? <Text className='gk-dc__demo e2e-dc-simulated'>演示环境：模拟支付成功（{formatDateTime(slots.simulatedPaidAt)}），未发生真实扣款。</Text> : null}

      {supplement ? (
        <View className='gk-iq__section e2e-dc-supplement' data-supplied={supplement.suppliedAt ? 'true' : 'false'}>
          <Text className='gk-iq__title'>补正通知</Text>
          <Text className='gk-iq__text e2e-dc-supplement-request'>{supplement.requestText}</Text>
          <View className='gk-iq__meta'>
            <Text>通知于 {formatDateTime(supplement.requestedAt)}</Text>
            {!supplement.suppliedAt ? <Text className='e2e-dc-supplement-due'>请于{dayLabel(supplement.dueDate, today)}前补正</Text> : null}
          </View>
          {supplement.suppliedAt ? (
            <View style={{ marginTop: '16px' }}>
              <Text className='gk-iq__label'>已补正（{formatDateTime(supplement.suppliedAt)}）</Text>
              {supplement.suppliedText ? <Text className='gk-iq__text e2e-dc-supplement-text'>{supplement.suppliedText}</Text> : null}
            </View>
          ) : (
            <Text className='gk-iq__note'>逾期不补正的，视为放弃申请，本申请终止办理。</Text>
          )}
          {slots.supplyForm}
        </View>
      ) : null}

      {view.fee ? <FeeCard fee={view.fee} docs={docs} payable={view.actions.includes('pay')} paying={!!slots.paying} onPay={slots.onPay} trackingNo={view.trackingNo} /> : null}

      <LetterCard view={view} docs={docs} />

      <RequestFacts view={view} />

      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>办理过程</Text>
        <DisclosureTimeline entries={view.timeline} />
      </View>

      {slots.footer}
    </View>
  );
}
