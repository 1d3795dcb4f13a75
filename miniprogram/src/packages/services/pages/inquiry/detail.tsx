import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { INQUIRY_LIMITS, INQUIRY_RATINGS, INQUIRY_RATING_LABELS, type InquiryRating, type InquiryStatus, type ParentInquiryView } from '@gongkai/shared';
import { getMyInquiry, rateInquiry, reopenInquiry } from '../../../../api/inquiries';
import { hasToken } from '../../../../api/tokens';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { AuthImage, DeadlineExplain, InquiryTimeline } from '../../../../inquiry/InquiryParts';
import { formatDateTime } from '../../../../utils/format';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { charCount, kindLabel } from '../../../../inquiry/inquiry';
import { param } from '../../../../utils/routes';
import { Chips, SignInFirst } from '../../../../inquiry/InquiryControls';
import '../../../../inquiry/inquiry.scss';
import { pageRootClass } from '../../../../utils/text-scale';

const STEPS = ['提交', '受理', '答复', '办结'] as const;

/** How many of STEPS are done, as the parent sees the status. */
function stepsDone(status: InquiryStatus): number {
  switch (status) {
    case 'held':
    case 'submitted':
    case 'rejected':
      return 1;
    case 'accepted':
    case 'reply_pending':
      return 2;
    case 'replied':
      return 3;
    case 'closed':
      return 4;
  }
}

const RATING_OPTIONS = INQUIRY_RATINGS.map((r) => ({ value: r, label: INQUIRY_RATING_LABELS[r] }));

/** One of the parent's inquiries: progress, timeline, the reply, 为什么是这一天, rating and the one reopen. */
export default function InquiryDetail() {
  const router = useRouter();
  const id = param(router.params, 'id');
  const signedIn = hasToken('parent');
  const state = useAsync<ParentInquiryView | null>(async () => (signedIn ? getMyInquiry(id) : null), [id]);
  const [view, setView] = useState<ParentInquiryView | null>(null);
  const [shown, setShown] = useState(false);
  useDidShow(() => {
    if (shown) void state.reload().then(() => setView(null));
    setShown(true);
  });
  const [rating, setRating] = useState<InquiryRating | ''>('');
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [formError, setFormError] = useState('');
  const { busy, run: runAction } = useAction();

  if (!signedIn) return <SignInFirst pageClass='e2e-inquiry-detail' />;
  const inquiry = view ?? state.data;
  if (!inquiry) {
    return (
      <View className={pageRootClass('gk-page gk-iq e2e-inquiry-detail')}>
        {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const act = (run: () => Promise<ParentInquiryView>, ok: string) =>
    runAction(
      async () => {
        setView(await run());
        setFormError('');
      },
      { success: ok },
    );

  const rate = () => {
    if (!rating) {
      setFormError('请选择评价');
      return;
    }
    const text = comment.trim();
    if (charCount(text) > INQUIRY_LIMITS.ratingCommentMax) {
      setFormError(`评价说明不能超过${INQUIRY_LIMITS.ratingCommentMax}字`);
      return;
    }
    void act(() => rateInquiry(inquiry.id, { rating, ...(text ? { comment: text } : {}) }), '感谢您的评价');
  };

  const reopen = () => {
    const text = reason.trim();
    if (!text) {
      setFormError('请说明需要重新办理的原因');
      return;
    }
    if (charCount(text) > INQUIRY_LIMITS.reasonMax) {
      setFormError(`原因不能超过${INQUIRY_LIMITS.reasonMax}字`);
      return;
    }
    void act(() => reopenInquiry(inquiry.id, { reason: text }), '已申请重新办理');
  };

  const done = stepsDone(inquiry.status);
  // Counting starts after the day of receipt, or of a reopen.
  const from = inquiry.deadline.from;

  return (
    <View className={pageRootClass('gk-page gk-iq e2e-inquiry-detail')} data-status={inquiry.status}>
      <View className='gk-iq__section'>
        <View className='gk-iq__meta' style={{ marginTop: 0 }}>
          <Text className='gk-iq__status e2e-inquiry-detail-status' data-status={inquiry.status}>
            {inquiry.statusLabel}
          </Text>
          <Text>{kindLabel(inquiry.kind)}</Text>
          <Text className='e2e-inquiry-detail-tracking'>{inquiry.trackingNo}</Text>
        </View>
        <Text className='gk-iq__item-title e2e-inquiry-detail-subject'>{inquiry.subject}</Text>
        <View className='gk-iq__steps e2e-inquiry-steps' data-done={done} style={{ marginTop: '24px' }}>
          {STEPS.map((s, i) => (
            <Text key={s} className={`gk-iq__step ${i < done ? 'gk-iq__step--done' : ''}`}>
              {inquiry.status === 'rejected' && i === 1 ? '不予受理' : s}
            </Text>
          ))}
        </View>
      </View>

      <View className='gk-iq__section'>
        <DeadlineExplain deadline={inquiry.deadline} from={from} />
      </View>

      {inquiry.reply ? (
        <View className='gk-iq__section e2e-inquiry-reply'>
          <Text className='gk-iq__title'>答复</Text>
          <Text className='gk-iq__text e2e-inquiry-reply-text'>{inquiry.reply.text}</Text>
          <View className='gk-iq__meta'>
            <Text>{inquiry.reply.unitName}</Text>
            <Text>{formatDateTime(inquiry.reply.at)}</Text>
          </View>
        </View>
      ) : null}

      {inquiry.rating ? (
        <View className='gk-iq__section e2e-inquiry-rating' data-rating={inquiry.rating.rating}>
          <Text className='gk-iq__title'>我的评价：{INQUIRY_RATING_LABELS[inquiry.rating.rating]}</Text>
          {inquiry.rating.comment ? <Text className='gk-iq__text'>{inquiry.rating.comment}</Text> : null}
        </View>
      ) : null}

      {inquiry.canRate ? (
        <View className='gk-iq__section e2e-rate'>
          <Text className='gk-iq__title'>评价本次答复</Text>
          <Chips options={RATING_OPTIONS} selected={rating} onSelect={setRating} hookPrefix='e2e-rate' />
          <Textarea
            className='gk-iq-textarea e2e-rate-comment'
            value={comment}
            maxlength={INQUIRY_LIMITS.ratingCommentMax}
            placeholder='说说您的看法（选填）'
            onInput={(e) => setComment(e.detail.value)}
          />
          <Text className='gk-iq__note'>评价后本件办结。{rating === 'unsatisfied' ? '不满意的，可申请重新办理一次。' : ''}</Text>
          {formError ? <Text className='gk-iq__error e2e-rate-error'>{formError}</Text> : null}
          <View className={`gk-iq__button e2e-rate-submit ${busy ? 'gk-iq__button--disabled' : ''}`} role='button' aria-disabled={busy} onClick={rate}>
            <Text>提交评价</Text>
          </View>
        </View>
      ) : null}

      {inquiry.canReopen ? (
        <View className='gk-iq__section e2e-reopen'>
          <Text className='gk-iq__title'>申请重新办理</Text>
          <Text className='gk-iq__note'>对答复不满意的，可申请重新办理一次。</Text>
          <Textarea
            className='gk-iq-textarea e2e-reopen-reason'
            value={reason}
            maxlength={INQUIRY_LIMITS.reasonMax}
            placeholder='请说明仍未解决的问题'
            onInput={(e) => setReason(e.detail.value)}
          />
          {formError ? <Text className='gk-iq__error e2e-reopen-error'>{formError}</Text> : null}
          <View className={`gk-iq__button e2e-reopen-submit ${busy ? 'gk-iq__button--disabled' : ''}`} role='button' aria-disabled={busy} onClick={reopen}>
            <Text>申请重新办理</Text>
          </View>
        </View>
      ) : null}

      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>我的问题</Text>
        <Text className='gk-iq__text e2e-inquiry-detail-content'>{inquiry.content}</Text>
        {inquiry.photos.length ? (
          <View className='gk-iq-photos' style={{ marginTop: '16px' }}>
            {inquiry.photos.map((p) => (
              <AuthImage key={p.id} url={p.url} auth='parent' className='e2e-inquiry-photo' />
            ))}
          </View>
        ) : null}
        <View className='gk-iq__meta'>
          <Text>办理单位：{inquiry.unitName}</Text>
          <Text>提交于 {formatDateTime(inquiry.createdAt)}</Text>
          {inquiry.phone ? <Text>电话：{inquiry.phone}</Text> : null}
          <Text>{inquiry.allowPublish ? '同意匿名公开' : '不公开'}</Text>
        </View>
      </View>

      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>办理过程</Text>
        <InquiryTimeline entries={inquiry.timeline} />
      </View>
    </View>
  );
}
