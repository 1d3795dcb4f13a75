import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import {
  INQUIRY_ACTION_LABELS,
  INQUIRY_LIMITS,
  INQUIRY_RATING_LABELS,
  REPLY_REVIEWER_LABELS,
  type StaffInquiryView,
  type UnitView,
} from '@gongkai/shared';
import { listUnits } from '../../../../api/catalog';
import {
  acceptInquiry,
  addInquiryNote,
  getStaffInquiry,
  publishInquiryQa,
  rejectInquiry,
  releaseInquiry,
  replyInquiry,
  reviewInquiryReply,
  transferInquiry,
} from '../../../../api/inquiries';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { AuthImage, DeadlineExplain, InquiryTimeline } from '../../../../inquiry/InquiryParts';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { charCount, kindLabel } from '../../../../inquiry/inquiry';
import { param } from '../../../../utils/routes';
import { ChoiceChips, FormField } from '../../components/Controls';
import { formatDateTime } from '../../utils/time';
import '../../components/staff.scss';
import '../inquiries/index.scss';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

const CHECK_LABELS = { pass: '通过', review: '需人工审核', risky: '有风险' } as const;

interface Loaded {
  view: StaffInquiryView;
  units: UnitView[];
}

type TextKey = 'reject' | 'transfer' | 'reply' | 'return' | 'note' | 'question' | 'answer';

/**
 * One inquiry for staff: everything the server tells (the phone as it gives it: in full only for
 * the assigned handler), the timeline with internal notes, and exactly the actions in `view.actions`.
 */
function StaffInquiryPage() {
  const router = useRouter();
  const id = param(router.params, 'id');
  const state = useAsync<Loaded>(async () => {
    const [view, units] = await Promise.all([getStaffInquiry(id), listUnits().catch(() => [] as UnitView[])]);
    return { view, units };
  }, [id]);
  const [fresh, setFresh] = useState<StaffInquiryView | null>(null);
  const action = useAction();
  const { busy } = action;
  const [texts, setTexts] = useState<Record<TextKey, string>>({ reject: '', transfer: '', reply: '', return: '', note: '', question: '', answer: '' });
  const [errors, setErrors] = useState<Partial<Record<TextKey | 'unit', string>>>({});
  const [unit, setUnit] = useState('');
  const [publishOpen, setPublishOpen] = useState(false);

  const data = state.data;
  const view = fresh && data && fresh.id === data.view.id ? fresh : data?.view;
  if (!data || !view) {
    return (
      <View className={pageRootClass('gk-page gk-staff-inquiry e2e-staff-inquiry')}>
        {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const can = (a: StaffInquiryView['actions'][number]) => view.actions.includes(a);
  const set = (k: TextKey) => (e: { detail: { value: string } }) => setTexts((t) => ({ ...t, [k]: e.detail.value }));

  /** Runs an action; the answer is the new view (with its new version). */
  const act = (run: () => Promise<StaffInquiryView>, clear: TextKey[] = [], after?: () => void) =>
    action.run(run, {
      success: '已处理',
      refresh: (next) => {
        setFresh(next);
        setTexts((t) => ({ ...t, ...Object.fromEntries(clear.map((k) => [k, ''])) }));
        setErrors({});
        after?.();
      },
    });

  /** The trimmed text, or null after saying what is wrong under the field. */
  const need = (k: TextKey, what: string, max: number): string | null => {
    const text = texts[k].trim();
    const problem = !text ? `请填写${what}` : charCount(text) > max ? `${what}不能超过${max}字` : '';
    if (problem) {
      setErrors((e) => ({ ...e, [k]: problem }));
      void Taro.showToast({ title: problem, icon: 'none' });
      return null;
    }
    return text;
  };

  const reject = () => {
    const reason = need('reject', '不予受理的理由', INQUIRY_LIMITS.reasonMax);
    if (reason) void act(() => rejectInquiry(view.id, { version: view.version, reason }), ['reject']);
  };
  const transfer = () => {
    if (!unit) {
      setErrors((e) => ({ ...e, unit: '请选择转办单位' }));
      void Taro.showToast({ title: '请选择转办单位', icon: 'none' });
      return;
    }
    const reason = need('transfer', '转办理由', INQUIRY_LIMITS.reasonMax);
    if (reason) void act(() => transferInquiry(view.id, { version: view.version, unitCode: unit, reason }), ['transfer'], () => setUnit(''));
  };
  const reply = () => {
    const text = need('reply', '答复内容', INQUIRY_LIMITS.replyMax);
    if (text) void act(() => replyInquiry(view.id, { version: view.version, text }), ['reply']);
  };
  const returnReply = () => {
    const opinion = need('return', '退回意见', INQUIRY_LIMITS.reasonMax);
    if (opinion) void act(() => reviewInquiryReply(view.id, { version: view.version, action: 'return', opinion }), ['return']);
  };
  const note = () => {
    const text = need('note', '备注', INQUIRY_LIMITS.noteMax);
    if (text) void act(() => addInquiryNote(view.id, { text }), ['note']);
  };
  const openPublish = () => {
    setTexts((t) => ({ ...t, question: `${view.subject}\n${view.content}`, answer: view.reply?.text ?? '' }));
    setPublishOpen(true);
  };
  const publish = () => {
    const question = need('question', '问题', INQUIRY_LIMITS.contentMax);
    const answer = question ? need('answer', '答复', INQUIRY_LIMITS.replyMax) : null;
    if (question && answer) {
      void act(
        async () => {
          await publishInquiryQa(view.id, { question, answer });
          return getStaffInquiry(view.id);
        },
        ['question', 'answer'],
        () => setPublishOpen(false),
      );
    }
  };

  // Publishing as Q&A is not one of the state machine's actions: offered when the parent allowed it and the reply is out.
  const publishable = view.allowPublish && !!view.reply && view.publishedQaId === null && (view.status === 'replied' || view.status === 'closed');
  const transferUnits = data.units.filter((u) => u.code !== view.unitCode).map((u) => ({ value: u.code, label: u.name }));
  const btn = (extra = '') => `gk-btn ${extra} ${busy ? 'gk-btn--disabled' : ''}`;
  // Counting starts after the day of receipt, or of a reopen.
  const from = view.deadline.from;
  const textarea = (k: TextKey, hook: string, placeholder: string, max: number) => (
    <Textarea className={`gk-textarea gk-si__textarea ${hook}`} value={texts[k]} maxlength={max} placeholder={placeholder} onInput={set(k)} />
  );

  return (
    <View className={pageRootClass('gk-page gk-staff-inquiry e2e-staff-inquiry')} data-status={view.status} data-version={view.version}>
      <View className='gk-si__card'>
        <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
          <Text className='gk-status e2e-staff-inquiry-status' data-status={view.status}>
            {view.statusLabel}
          </Text>
          <Text>{kindLabel(view.kind)}</Text>
          <Text className='e2e-staff-inquiry-tracking'>{view.trackingNo}</Text>
          {view.overdue ? <Text className='gk-iq-due--overdue e2e-overdue'>已超期</Text> : null}
          {view.deadline.flagged ? <Text className='gk-iq-flag e2e-calendar-flag'>日历未录入</Text> : null}
        </View>
        {view.involvesChild ? (
          <View className='gk-si__sensitive e2e-staff-inquiry-child'>
            <Text className='gk-si__sensitive-title'>敏感个人信息</Text>
            <Text>内容涉及未满十四周岁儿童的信息，家长已作为监护人单独同意。仅限办理本事项使用，不得外传；公开为问答时须删去。</Text>
          </View>
        ) : null}
        <Text className='gk-si__subject e2e-staff-inquiry-subject'>{view.subject}</Text>
        <Text className='gk-si__text e2e-staff-inquiry-content'>{view.content}</Text>
        {view.photos.length ? (
          <View className='gk-si__photos'>
            {view.photos.map((p) => (
              <AuthImage key={p.id} url={p.url} auth='staff' className='e2e-staff-inquiry-photo' />
            ))}
          </View>
        ) : null}
        <View className='gk-si__facts'>
          <Text>办理单位：{view.unitName}</Text>
          <Text>办理人：{view.handler?.name ?? '未指定'}</Text>
          <Text>提交时间：{formatDateTime(view.createdAt)}</Text>
          <Text className='e2e-staff-inquiry-phone'>联系电话：{view.phone ?? '未留'}</Text>
          <Text>公开：{view.allowPublish ? '同意匿名公开' : '不同意公开'}</Text>
          {view.contentCheck ? <Text className='e2e-staff-inquiry-check'>内容安全检测：{CHECK_LABELS[view.contentCheck.suggest]}</Text> : null}
          {view.reopenCount ? <Text>已重新办理 {view.reopenCount} 次</Text> : null}
          {view.publishedQaId !== null ? <Text className='e2e-staff-inquiry-published'>已公开为问答 #{view.publishedQaId}</Text> : null}
        </View>
      </View>

      <View className='gk-si__card'>
        <DeadlineExplain deadline={view.deadline} from={from} />
      </View>

      {view.pendingReply ? (
        <View className='gk-si__card e2e-staff-inquiry-pending-reply'>
          <Text className='gk-si__title'>{view.replyReviewer ? `待${REPLY_REVIEWER_LABELS[view.replyReviewer]}审核的答复` : '待审核的答复'}</Text>
          <Text className='gk-si__text'>{view.pendingReply.text}</Text>
          <Text className='gk-si__small'>
            {view.pendingReply.by} · {formatDateTime(view.pendingReply.at)}
          </Text>
        </View>
      ) : null}
      {view.reply ? (
        <View className='gk-si__card e2e-staff-inquiry-reply'>
          <Text className='gk-si__title'>答复</Text>
          <Text className='gk-si__text'>{view.reply.text}</Text>
          <Text className='gk-si__small'>
            {view.reply.unitName} · {formatDateTime(view.reply.at)}
          </Text>
        </View>
      ) : null}
      {view.rating ? (
        <View className='gk-si__card e2e-staff-inquiry-rating' data-rating={view.rating.rating}>
          <Text className='gk-si__title'>家长评价：{INQUIRY_RATING_LABELS[view.rating.rating]}</Text>
          {view.rating.comment ? <Text className='gk-si__text'>{view.rating.comment}</Text> : null}
        </View>
      ) : null}

      {view.actions.length ? (
        <View className='gk-si__actions e2e-staff-inquiry-actions'>
          {can('release') || can('accept') || can('approve_reply') ? (
            <View className='gk-btn-row'>
              {can('release') ? (
                <View className={btn('gk-btn--primary e2e-action-release')} onClick={() => void act(() => releaseInquiry(view.id, view.version))}>
                  <Text>{INQUIRY_ACTION_LABELS.release}</Text>
                </View>
              ) : null}
              {can('accept') ? (
                <View className={btn('gk-btn--primary e2e-action-accept')} onClick={() => void act(() => acceptInquiry(view.id, view.version))}>
                  <Text>{INQUIRY_ACTION_LABELS.accept}</Text>
                </View>
              ) : null}
              {can('approve_reply') ? (
                <View className={btn('gk-btn--primary e2e-action-approve-reply')} onClick={() => void act(() => reviewInquiryReply(view.id, { version: view.version, action: 'approve' }))}>
                  <Text>{INQUIRY_ACTION_LABELS.approve_reply}</Text>
                </View>
              ) : null}
            </View>
          ) : null}
          {can('reply') ? (
            <FormField label={view.kind === 'complaint' ? '答复（投诉的答复须经他人审核后发出：本单位另一位科室负责人，没有时由分管领导）' : '答复'} required error={errors.reply}>
              {textarea('reply', 'e2e-reply-text', '答复家长的内容', INQUIRY_LIMITS.replyMax)}
              <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
                <View className={btn('gk-btn--primary e2e-action-reply')} onClick={reply}>
                  <Text>{view.kind === 'complaint' ? '提交答复审核' : '发送答复'}</Text>
                </View>
              </View>
            </FormField>
          ) : null}
          {can('return_reply') ? (
            <FormField label='退回意见' required error={errors.return}>
              {textarea('return', 'e2e-return-reply-opinion', '需要修改的地方', INQUIRY_LIMITS.reasonMax)}
              <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
                <View className={btn('e2e-action-return-reply')} onClick={returnReply}>
                  <Text>{INQUIRY_ACTION_LABELS.return_reply}</Text>
                </View>
              </View>
            </FormField>
          ) : null}
          {can('transfer') ? (
            <FormField label='转办' error={errors.unit ?? errors.transfer}>
              <ChoiceChips className='gk-chips--small' options={transferUnits} selected={unit ? [unit] : []} onToggle={(v) => setUnit(v === unit ? '' : v)} hookPrefix='e2e-transfer-unit' />
              {textarea('transfer', 'e2e-transfer-reason', '转办理由', INQUIRY_LIMITS.reasonMax)}
              <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
                <View className={btn('e2e-action-transfer')} onClick={transfer}>
                  <Text>{INQUIRY_ACTION_LABELS.transfer}</Text>
                </View>
              </View>
            </FormField>
          ) : null}
          {can('reject') ? (
            <FormField label='不予受理' error={errors.reject}>
              {textarea('reject', 'e2e-reject-reason', '不予受理的理由（家长可见）', INQUIRY_LIMITS.reasonMax)}
              <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
                <View className={btn('e2e-action-reject')} onClick={reject}>
                  <Text>{INQUIRY_ACTION_LABELS.reject}</Text>
                </View>
              </View>
            </FormField>
          ) : null}
        </View>
      ) : null}

      {publishable ? (
        <View className='gk-si__card e2e-publish-qa'>
          <Text className='gk-si__title'>公开为问答</Text>
          {publishOpen ? (
            <View>
              <Text className='gk-si__small'>请删去姓名、电话、学生信息等个人信息后再公开。</Text>
              <FormField label='问题' required error={errors.question}>
                {textarea('question', 'e2e-publish-qa-question', '公开的问题', INQUIRY_LIMITS.contentMax)}
              </FormField>
              <FormField label='答复' required error={errors.answer}>
                {textarea('answer', 'e2e-publish-qa-answer', '公开的答复', INQUIRY_LIMITS.replyMax)}
              </FormField>
              <View className='gk-btn-row'>
                <View className={btn('gk-btn--primary e2e-publish-qa-submit')} onClick={publish}>
                  <Text>确认公开</Text>
                </View>
                <View className={btn('e2e-publish-qa-cancel')} onClick={() => setPublishOpen(false)}>
                  <Text>取消</Text>
                </View>
              </View>
            </View>
          ) : (
            <View className={btn('e2e-publish-qa-open')} onClick={openPublish}>
              <Text>编辑并公开</Text>
            </View>
          )}
        </View>
      ) : null}

      <View className='gk-si__card'>
        <Text className='gk-si__title'>办理过程</Text>
        <InquiryTimeline entries={view.timeline} showBy />
        <FormField label='内部备注（家长不可见）' error={errors.note}>
          <Input className='gk-input e2e-note-text' value={texts.note} maxlength={INQUIRY_LIMITS.noteMax} placeholder='记录办理情况' onInput={set('note')} />
          <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
            <View className={btn('e2e-action-note')} onClick={note}>
              <Text>添加备注</Text>
            </View>
          </View>
        </FormField>
      </View>
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks inquiries; phones get the page alone). */
export default function StaffInquiry() {
  return (
    <StaffShell active='inquiries'>
      <StaffInquiryPage />
    </StaffShell>
  );
}
