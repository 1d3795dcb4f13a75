import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { RIGHTS_REQUEST_LIMITS, RIGHTS_REQUEST_STATUS_LABELS, RIGHTS_REQUEST_WORKING_DAYS, type RightsRequestReply, type StaffRightsRequestView } from '@gongkai/shared';
import { getRightsRequest, replyRightsRequest } from '../../../../api/staff-privacy';
import { ApiError } from '../../../../api/errors';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { charCount } from '../../../../inquiry/inquiry';
import { param } from '../../../../utils/routes';
import { ChoiceChips, FormField } from '../../components/Controls';
import { formatDateTime } from '../../utils/time';
import '../../components/staff.scss';
import '../inquiries/index.scss';
import '../inquiry/index.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

type Outcome = RightsRequestReply['status'];

const OUTCOMES: { value: Outcome; label: string }[] = [
  { value: 'done', label: '办结' },
  { value: 'refused', label: RIGHTS_REQUEST_STATUS_LABELS.refused },
];

/**
 * One rights request: what the parent asked, by when (15 working days), and while it is pending the
 * answer: 办结 or 不予办理 with the reply the parent reads. Opening it is recorded as a read of the
 * parent's personal data (the server does that).
 */
function StaffPrivacyRequestPage() {
  const router = useRouter();
  const id = param(router.params, 'id');
  const state = useAsync(() => getRightsRequest(id), [id]);
  const [fresh, setFresh] = useState<StaffRightsRequestView | null>(null);
  const { busy, run } = useAction();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; reply?: string }>({});

  const view = fresh ?? state.data;
  if (!view) {
    return (
      <View className={pageRootClass('gk-page gk-staff-privacy-request e2e-privacy-request')}>
        {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const submit = () => {
    const reply = text.trim();
    const problems = {
      ...(outcome ? {} : { outcome: '请选择办理结果' }),
      ...(!reply ? { reply: '请填写答复内容' } : charCount(reply) > RIGHTS_REQUEST_LIMITS.reply ? { reply: `答复内容不能超过${RIGHTS_REQUEST_LIMITS.reply}字` } : {}),
    };
    setErrors(problems);
    const first = problems.outcome ?? problems.reply;
    if (first || !outcome) {
      if (first) void Taro.showToast({ title: first, icon: 'none' });
      return;
    }
    void run(() => replyRightsRequest(view.id, { status: outcome, reply }), {
      success: '已答复',
      // The server's complaint about a field goes under that field (the toast says it too).
      onError: (e) => {
        if (!(e instanceof ApiError)) return;
        // Answered meanwhile (by another admin): show the answer that stands.
        if (e.statusCode === 409) {
          setFresh(null);
          void state.reload();
        }
        if (!e.details) return;
        const reply = e.details.find((d) => d.field === 'reply')?.message;
        const status = e.details.find((d) => d.field === 'status')?.message;
        setErrors({ ...(status ? { outcome: status } : {}), ...(reply ? { reply } : {}) });
      },
      refresh: (next) => {
        setFresh(next);
        setText('');
        setOutcome('');
      },
    });
  };

  return (
    <View className={pageRootClass('gk-page gk-staff-privacy-request e2e-privacy-request')} data-status={view.status}>
      <View className='gk-si__card'>
        <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
          <Text className='gk-status e2e-privacy-request-status' data-status={view.status}>
            {view.statusLabel}
          </Text>
          <Text className='e2e-privacy-request-kind'>{view.kindLabel}</Text>
          {view.overdue ? <Text className='gk-iq-due--overdue e2e-overdue'>已超期</Text> : null}
        </View>
        <Text className='gk-si__text e2e-privacy-request-content'>{view.content}</Text>
        <View className='gk-si__facts'>
          <Text className='e2e-privacy-request-parent'>申请人：{view.parentName}</Text>
          <Text>收到时间：{formatDateTime(view.receivedAt)}</Text>
          <Text className={`e2e-privacy-request-due ${view.overdue ? 'gk-iq-due--overdue' : ''}`}>办理期限：{view.dueDate}（{RIGHTS_REQUEST_WORKING_DAYS}个工作日）</Text>
        </View>
      </View>

      {view.reply !== null ? (
        <View className='gk-si__card e2e-privacy-request-reply'>
          <Text className='gk-si__title'>答复</Text>
          <Text className='gk-si__text'>{view.reply}</Text>
          <Text className='gk-si__small'>
            {view.handledBy ? `${view.handledBy} · ` : ''}
            {formatDateTime(view.repliedAt)}
          </Text>
        </View>
      ) : null}

      {view.status === 'pending' ? (
        <View className='gk-si__actions e2e-privacy-request-form'>
          <FormField label='办理结果' required error={errors.outcome}>
            <ChoiceChips options={OUTCOMES} selected={outcome ? [outcome] : []} onToggle={(v) => setOutcome(v === outcome ? '' : (v as Outcome))} hookPrefix='e2e-privacy-outcome' />
          </FormField>
          <FormField label='答复（家长可见）' required error={errors.reply} hint='办结时说明已如何处理；不予办理时说明理由和依据。'>
            <Textarea
              className='gk-textarea gk-si__textarea e2e-privacy-reply-text'
              value={text}
              maxlength={RIGHTS_REQUEST_LIMITS.reply}
              placeholder='答复家长的内容'
              onInput={(e) => setText(e.detail.value)}
            />
            <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
              <View className={`gk-btn gk-btn--primary e2e-privacy-reply-submit ${busy ? 'gk-btn--disabled' : ''}`} onClick={submit}>
                <Text>提交答复</Text>
              </View>
            </View>
          </FormField>
        </View>
      ) : null}
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks privacy; phones get the page alone). */
export default function StaffPrivacyRequest() {
  return (
    <StaffShell active='privacy'>
      <StaffPrivacyRequestPage />
    </StaffShell>
  );
}
