import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { CORRECTION_ACTION_LABELS, CORRECTION_STATUS_LABELS, type CorrectionViewAction, type StaffCorrectionView, type StaffNoticeView } from '@gongkai/shared';
import { correctionStep, reviewCorrection } from '../../../../api/staff';
import { useAction } from '../../../../hooks/useAction';
import { NoticeHtml } from '../../../../components/NoticeHtml';
import { withFileUrls } from '../../../../utils/body-html';
import { ROUTES, withQuery } from '../../../../utils/routes';

/** Opens the editor on the notice's correction (更正): a new one from the published text, or the open one. */
export function openCorrectionEditor(noticeId: number): void {
  void Taro.navigateTo({ url: withQuery(ROUTES.staffCompose, { id: noticeId, mode: 'correction' }) });
}

const approveLabel = (status: StaffCorrectionView['status']) => (status === 'secrecy_review' ? '审查通过' : status === 'leader_approval' ? '审批通过' : '审核通过');

/**
 * The open correction of a published notice: what it will change (its content and 更正说明; the
 * diff between the rounds is the page's “本轮修改”), and exactly the steps the server lists in
 * `correction.actions`, each refusal's reason in its button's place. The notice stays as published
 * until the release centre registers the correction.
 */
export function CorrectionPanel({ notice, correction, reload }: { notice: StaffNoticeView; correction: StaffCorrectionView; reload: () => Promise<void> }) {
  const action = useAction();
  const [opinion, setOpinion] = useState('');
  const [opinionError, setOpinionError] = useState('');
  const { actions, refusals } = correction;
  const can = (a: CorrectionViewAction) => actions.includes(a);
  const send = (work: () => Promise<StaffCorrectionView>, success = '已处理') =>
    void action.run(work, { success, refresh: () => (setOpinion(''), reload()) });
  const review = (kind: 'approve' | 'return') => {
    const text = opinion.trim();
    if (kind === 'return' && !text) {
      setOpinionError('退回须填写意见');
      return void Taro.showToast({ title: '退回须填写意见', icon: 'none' });
    }
    send(() => reviewCorrection(notice.id, { action: kind, version: correction.version, ...(text ? { opinion: text } : {}) }));
  };
  const bodyHtml = withFileUrls(correction.bodyHtml, (fileId) => notice.attachments.find((a) => a.fileId === fileId)?.url);
  const busy = action.busy ? 'gk-btn--disabled' : '';

  return (
    <View className='gk-review__section e2e-correction' data-status={correction.status}>
      <Text className='gk-review__section-title'>
        更正（{CORRECTION_STATUS_LABELS[correction.status]}
        {correction.round > 0 ? `，第 ${correction.round} 轮` : ''}）
      </Text>
      <Text className='gk-review__label'>更正说明（公开显示在信息下方）</Text>
      <Text className='gk-correction__note e2e-correction-note'>{correction.note}</Text>
      <Text className='gk-review__title e2e-correction-title'>{correction.title}</Text>
      <View className='gk-review__meta'>
        {correction.documentNo ? <Text>文号：{correction.documentNo}</Text> : null}
        <Text>发起人：{correction.authorName}</Text>
      </View>
      {correction.summary ? <Text className='gk-review__summary'>摘要：{correction.summary}</Text> : null}
      <View className='gk-staff-body e2e-correction-body'>
        <NoticeHtml html={bodyHtml} />
      </View>

      {can('approve') || can('return') ? (
        <View className='gk-review__opinion'>
          <Text className='gk-review__label'>审核意见（退回时必填）</Text>
          <Textarea
            className='gk-textarea e2e-correction-opinion'
            value={opinion}
            maxlength={1000}
            placeholder='填写审核意见'
            onInput={(e) => {
              setOpinion(e.detail.value);
              setOpinionError('');
            }}
          />
          {opinionError ? <Text className='gk-review__error'>{opinionError}</Text> : null}
        </View>
      ) : null}
      {refusals.map((r) => (
        <Text key={r.action} className='gk-review__note e2e-correction-refusal' data-action={r.action} data-code={r.code}>
          {r.message}
        </Text>
      ))}
      <View className='gk-btn-row'>
        {can('edit') ? (
          <View className={`gk-btn gk-btn--primary e2e-correction-edit ${busy}`} onClick={() => openCorrectionEditor(notice.id)}>
            <Text>{correction.status === 'returned' ? '修改更正' : '编辑更正'}</Text>
          </View>
        ) : null}
        {can('submit') ? (
          <View className={`gk-btn gk-btn--primary e2e-correction-submit ${busy}`} onClick={() => send(() => correctionStep(notice.id, 'submit', correction.version), '已提交审核')}>
            <Text>{CORRECTION_ACTION_LABELS.submit}</Text>
          </View>
        ) : null}
        {can('approve') ? (
          <View className={`gk-btn gk-btn--primary e2e-correction-approve ${busy}`} onClick={() => review('approve')}>
            <Text>{approveLabel(correction.status)}</Text>
          </View>
        ) : null}
        {can('return') ? (
          <View className={`gk-btn e2e-correction-return ${busy}`} onClick={() => review('return')}>
            <Text>{CORRECTION_ACTION_LABELS.return}</Text>
          </View>
        ) : null}
        {can('publish') ? (
          <View className={`gk-btn gk-btn--primary e2e-correction-publish ${busy}`} onClick={() => send(() => correctionStep(notice.id, 'registration', correction.version), '已更正')}>
            <Text>{CORRECTION_ACTION_LABELS.publish}</Text>
          </View>
        ) : null}
        {can('cancel') ? (
          <View className={`gk-btn e2e-correction-cancel ${busy}`} onClick={() => send(() => correctionStep(notice.id, 'cancel', correction.version), '已取消')}>
            <Text>{CORRECTION_ACTION_LABELS.cancel}</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}
