import { useState, type ReactNode } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import {
  DISCLOSURE_ACTION_LABELS,
  DISCLOSURE_CONSULTATION_WORKING_DAYS,
  DISCLOSURE_SUPPLEMENT_DEFAULT_WORKING_DAYS,
  FEE_MAX_COUNT,
  formatFen,
  may,
  type DisclosureAction,
  type StaffDisclosureView,
  type StaffRole,
} from '@gongkai/shared';
import { staffMe } from '../../components/staff-session';
import { errorMessage } from '../../../../api/errors';
import {
  addDisclosureNote,
  approveDisclosureExtension,
  approveDisclosureLetter,
  cancelDisclosureFee,
  chargeDisclosureFee,
  confirmDisclosureReceipt,
  draftDisclosureLetter,
  endDisclosureConsultation,
  enterDisclosureSupplement,
  getStaffDisclosure,
  refundDisclosureFee,
  refuseDisclosureExtension,
  requestDisclosureExtension,
  requestDisclosureSupplement,
  returnDisclosureLetter,
  staffDisclosureFileUrl,
  startDisclosureConsultation,
} from '../../../../api/staff-disclosure';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import { FormField } from '../../components/Controls';
import { DateField } from '../../components/DateField';
import { openStaffDocument } from '../../utils/disclosure-documents';
import { extensionRoom, todayShanghai, wholeNumber, yuanToFen } from '../../utils/disclosure-format';
import { formatDateTime } from '../../utils/time';
import { DeadlinePanel, DisclosureTimeline, FeeFacts, RequestCard } from './DisclosureCards';
import { FeeForm, type FeeDraft } from './FeeForm';
import { LetterForm, letterDraftFrom, letterInput, type LetterDraft, type LetterErrors } from './LetterForm';
import '../../components/staff.scss';
import './disclosure.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

/** Caps for short texts (reasons, notices); the server has the last word. */
const TEXT_MAX = 2000;

interface Loaded {
  view: StaffDisclosureView;
  roles: StaffRole[];
}

type TextKey = 'supplementText' | 'supplementDays' | 'suppliedText' | 'consultText' | 'consultEndText' | 'extDays' | 'extReason' | 'extRefuse' | 'feeCancel' | 'refundYuan' | 'refundReason' | 'letterReturn' | 'note';
type DateKey = 'suppliedDate' | 'consultSent' | 'consultEnd';
type Errors = Partial<Record<TextKey | 'fee', string>>;

const EMPTY_TEXTS: Record<TextKey, string> = {
  supplementText: '',
  supplementDays: '',
  suppliedText: '',
  consultText: '',
  consultEndText: '',
  extDays: '',
  extReason: '',
  extRefuse: '',
  feeCancel: '',
  refundYuan: '',
  refundReason: '',
  letterReturn: '',
  note: '',
};

function isView(value: unknown): value is StaffDisclosureView {
  return typeof value === 'object' && value !== null && 'staffActions' in value;
}

/**
 * One 依申请公开 request for staff: everything the server tells, the clock, the fee and the letter,
 * and buttons for exactly the steps in `staffActions`. Each step sends the version read; when the
 * server refuses (409 someone acted first, 403, 400) its message is shown and the page reads the
 * request again.
 */
function StaffDisclosureDetailPage() {
  const router = useRouter();
  const id = param(router.params, 'id');
  const state = useAsync<Loaded>(async () => {
    const [view, me] = await Promise.all([getStaffDisclosure(id), staffMe()]);
    return { view, roles: me.roles };
  }, [id]);
  const [fresh, setFresh] = useState<StaffDisclosureView | null>(null);
  const action = useAction();
  const [texts, setTexts] = useState<Record<TextKey, string>>(EMPTY_TEXTS);
  const [dates, setDates] = useState<Record<DateKey, string>>(() => ({ suppliedDate: todayShanghai(), consultSent: todayShanghai(), consultEnd: todayShanghai() }));
  const [errors, setErrors] = useState<Errors>({});
  const [fee, setFee] = useState<FeeDraft>({ method: '', count: '' });
  const [letter, setLetter] = useState<LetterDraft | null>(null);
  const [letterErrors, setLetterErrors] = useState<LetterErrors>({});

  const data = state.data;
  const view = fresh && data && fresh.id === data.view.id && fresh.version >= data.view.version ? fresh : data?.view;
  if (!data || !view) {
    return (
      <View className={pageRootClass('gk-page gk-staff-disclosure e2e-staff-disclosure')}>
        {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const roles = data.roles;
  const can = (a: DisclosureAction) => view.staffActions.includes(a);
  const busy = action.busy;
  const btn = (extra = '') => `gk-btn ${extra} ${busy ? 'gk-btn--disabled' : ''}`;
  const set = (k: TextKey) => (e: { detail: { value: string } }) => {
    setTexts((t) => ({ ...t, [k]: e.detail.value }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };
  const setDate = (k: DateKey) => (v: string) => setDates((d) => ({ ...d, [k]: v }));
  const reread = async () => {
    setFresh(null);
    await state.reload();
  };

  /** Runs a step: a view answer is shown at once, anything else (fee, letter) makes the page read the request again; a refusal shows the server's message and re-reads too. */
  const act = (run: () => Promise<unknown>, success: string, clear: TextKey[] = [], after?: () => void) =>
    action.run(run, {
      success,
      refresh: async (result) => {
        setTexts((t) => ({ ...t, ...Object.fromEntries(clear.map((k) => [k, ''])) }));
        setErrors({});
        after?.();
        if (isView(result)) setFresh(result);
        else await reread();
      },
      onError: () => {
        void reread();
        return false;
      },
    });

  /** The trimmed text, or null after saying what is missing under the field. */
  const need = (k: TextKey, what: string, max = TEXT_MAX): string | null => {
    const text = texts[k].trim();
    const problem = !text ? `请填写${what}` : Array.from(text).length > max ? `${what}不能超过${max}字` : '';
    if (problem) {
      setErrors((e) => ({ ...e, [k]: problem }));
      void Taro.showToast({ title: problem, icon: 'none' });
      return null;
    }
    return text;
  };
  const problem = (k: TextKey | 'fee', message: string) => {
    setErrors((e) => ({ ...e, [k]: message }));
    void Taro.showToast({ title: message, icon: 'none' });
  };

  const open = (file: 'letter.html' | 'letter.pdf' | 'fee-notice') =>
    void openStaffDocument(staffDisclosureFileUrl(view.id, file), file === 'letter.pdf' ? 'pdf' : 'html').catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }));

  // ── the steps ──
  const requestSupplement = () => {
    const text = need('supplementText', '需要补正的内容');
    if (!text) return;
    const days = texts.supplementDays.trim() ? wholeNumber(texts.supplementDays, 60) : undefined;
    if (days === null) return problem('supplementDays', '补正期限应为1至60的整数（工作日）');
    void act(() => requestDisclosureSupplement(view.id, { version: view.version, text, ...(days ? { workingDays: days } : {}) }), '已告知补正', ['supplementText', 'supplementDays']);
  };
  const enterSupplement = () => {
    const text = need('suppliedText', '补正材料的内容');
    if (text) void act(() => enterDisclosureSupplement(view.id, { version: view.version, text, receivedDate: dates.suppliedDate }), '已录入补正材料', ['suppliedText']);
  };
  const startConsultation = () => {
    const text = need('consultText', '征求意见的说明');
    if (text) void act(() => startDisclosureConsultation(view.id, { version: view.version, text, sentDate: dates.consultSent }), '已记录征求意见', ['consultText']);
  };
  const endConsultation = () => {
    const text = need('consultEndText', '第三方意见或结束原因');
    if (text) void act(() => endDisclosureConsultation(view.id, { version: view.version, text, endDate: dates.consultEnd }), '已记录', ['consultEndText']);
  };
  const room = extensionRoom(view.deadline?.extensionDays ?? 0);
  const requestExtension = () => {
    const days = wholeNumber(texts.extDays, room);
    if (days === null) return problem('extDays', room ? `延期天数应为1至${room}的整数（工作日）` : '延期已用完');
    const reason = need('extReason', '延期理由');
    if (reason) void act(() => requestDisclosureExtension(view.id, { version: view.version, days, reason }), '已提交延期申请', ['extDays', 'extReason']);
  };
  const refuseExtension = () => {
    const reason = need('extRefuse', '不同意的理由');
    if (reason) void act(() => refuseDisclosureExtension(view.id, { version: view.version, reason }), '已退回延期申请', ['extRefuse']);
  };
  const chargeFee = () => {
    if (!fee.method) return problem('fee', '请选择计收方式');
    const count = wholeNumber(fee.count, FEE_MAX_COUNT);
    if (count === null) return problem('fee', fee.method === 'volume' ? '请填写页数（正整数）' : '请填写件数（正整数）');
    void act(() => chargeDisclosureFee(view.id, { version: view.version, method: fee.method as 'piece' | 'volume', count }), '已发出收费通知', [], () => setFee({ method: '', count: '' }));
  };
  const cancelFee = () => {
    const reason = need('feeCancel', '撤销理由');
    if (reason) void act(() => cancelDisclosureFee(view.id, { version: view.version, reason }), '已撤销收费通知', ['feeCancel']);
  };
  const refundable = view.fee ? view.fee.amountFen - view.fee.refundedFen : 0;
  const refund = () => {
    const amountFen = yuanToFen(texts.refundYuan);
    if (amountFen === null || amountFen <= 0) return problem('refundYuan', '请填写退款金额（元，最多两位小数）');
    if (amountFen > refundable) return problem('refundYuan', `退款金额不能超过 ${formatFen(refundable)}`);
    const reason = need('refundReason', '退款理由');
    if (reason) void act(() => refundDisclosureFee(view.id, { amountFen, reason }), '已提交退款', ['refundYuan', 'refundReason']);
  };
  const letterDraft = letter ?? letterDraftFrom(view.letter?.status === 'returned' ? view.letter.outcome : null, view.letter?.status === 'returned' ? view.letter.content : undefined);
  const draftLetter = () => {
    const { input, errors: problems } = letterInput(letterDraft);
    setLetterErrors(problems);
    if (!input) {
      void Taro.showToast({ title: Object.values(problems)[0] ?? '请检查答复书', icon: 'none' });
      return;
    }
    void act(() => draftDisclosureLetter(view.id, { version: view.version, ...input }), '答复书已提交审批', [], () => setLetter(null));
  };
  const returnLetter = () => {
    const reason = need('letterReturn', '退回意见');
    if (reason) void act(() => returnDisclosureLetter(view.id, { version: view.version, reason }), '已退回', ['letterReturn']);
  };
  const note = () => {
    const text = need('note', '备注');
    if (text) void act(() => addDisclosureNote(view.id, text), '已添加备注', ['note']);
  };

  const textarea = (k: TextKey, hook: string, placeholder: string) => (
    <Textarea className={`gk-textarea gk-dq__textarea ${hook}`} value={texts[k]} maxlength={TEXT_MAX} placeholder={placeholder} onInput={set(k)} />
  );
  const submitRow = (children: ReactNode) => (
    <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
      {children}
    </View>
  );
  const letterPending = view.letter && view.letter.status === 'draft';
  const refundAllowed = may(roles, 'disclosure.approve') && !!view.fee && (view.fee.status === 'paid' || view.fee.status === 'partially_refunded') && refundable > 0;

  return (
    <View className={pageRootClass('gk-page gk-staff-disclosure e2e-staff-disclosure')} data-status={view.status} data-version={view.version}>
      <RequestCard view={view} />
      <DeadlinePanel view={view} />

      {view.fee ? (
        <View className='gk-dq__card'>
          <Text className='gk-dq__title'>信息处理费</Text>
          <FeeFacts fee={view.fee} />
          {submitRow(
            <View className={btn('e2e-fee-notice-open')} onClick={() => open('fee-notice')}>
              <Text>查看收费通知书</Text>
            </View>,
          )}
          {can('cancel_fee') ? (
            <FormField label='撤销收费通知' error={errors.feeCancel}>
              {textarea('feeCancel', 'e2e-fee-cancel-reason', '撤销理由（如：误发）')}
              {submitRow(
                <View className={btn('e2e-action-cancel-fee')} onClick={cancelFee}>
                  <Text>{DISCLOSURE_ACTION_LABELS.cancel_fee}</Text>
                </View>,
              )}
            </FormField>
          ) : null}
          {refundAllowed ? (
            <FormField label={`退款（可退 ${formatFen(refundable)}）`} error={errors.refundYuan ?? errors.refundReason}>
              <Input className='gk-input e2e-fee-refund-amount' type='digit' value={texts.refundYuan} placeholder='金额（元）' onInput={set('refundYuan')} />
              {textarea('refundReason', 'e2e-fee-refund-reason', '退款理由（如：不应收费）')}
              {submitRow(
                <View className={btn('e2e-action-refund')} onClick={refund}>
                  <Text>退款</Text>
                </View>,
              )}
            </FormField>
          ) : null}
        </View>
      ) : null}

      {view.letter ? (
        <View className='gk-dq__card e2e-disclosure-letter' data-status={view.letter.status}>
          <Text className='gk-dq__title'>
            答复书{view.letter.status === 'draft' ? '（待审批）' : view.letter.status === 'returned' ? '（已退回）' : ''}
          </Text>
          <View className='gk-dq__facts'>
            {view.letter.number ? <Text className='e2e-disclosure-letter-number'>文号：{view.letter.number}</Text> : null}
            <Text className='e2e-disclosure-letter-outcome'>答复结果：{view.letter.outcomeLabel}</Text>
            {view.letter.draftedBy ? <Text>拟写人：{view.letter.draftedBy}</Text> : null}
            {view.letter.approvedAt ? <Text>审批送达：{formatDateTime(view.letter.approvedAt)}</Text> : null}
          </View>
          {submitRow(
            <>
              <View className={btn('e2e-letter-preview')} onClick={() => open('letter.html')}>
                <Text>{view.letter.status === 'approved' ? '查看答复书' : '预览答复书'}</Text>
              </View>
              {view.letter.pdfUrl ? (
                <View className={btn('e2e-letter-pdf')} onClick={() => open('letter.pdf')}>
                  <Text>下载 PDF</Text>
                </View>
              ) : null}
            </>,
          )}
          {letterPending && (can('approve_letter') || can('return_letter')) ? (
            <View className='e2e-letter-review'>
              <Text className='gk-dq__small'>答复书须由拟写人以外的负责人审批；审批后编号并送达申请人。</Text>
              {can('approve_letter')
                ? submitRow(
                    <View className={btn('gk-btn--primary e2e-action-approve-letter')} onClick={() => void act(() => approveDisclosureLetter(view.id, view.version), '已审批并送达')}>
                      <Text>{DISCLOSURE_ACTION_LABELS.approve_letter}</Text>
                    </View>,
                  )
                : null}
              {can('return_letter') ? (
                <FormField label='退回意见' error={errors.letterReturn}>
                  {textarea('letterReturn', 'e2e-letter-return-reason', '需要修改的地方')}
                  {submitRow(
                    <View className={btn('e2e-action-return-letter')} onClick={returnLetter}>
                      <Text>{DISCLOSURE_ACTION_LABELS.return_letter}</Text>
                    </View>,
                  )}
                </FormField>
              ) : null}
            </View>
          ) : null}
        </View>
      ) : null}

      {view.staffActions.length ? (
        <View className='gk-dq__card e2e-disclosure-actions'>
          <Text className='gk-dq__title'>办理</Text>
          {can('confirm_receipt')
            ? submitRow(
                <View className={btn('gk-btn--primary e2e-action-confirm-receipt')} onClick={() => void act(() => confirmDisclosureReceipt(view.id, view.version), '已确认收到')}>
                  <Text>确认收到</Text>
                </View>,
              )
            : null}
          {can('request_supplement') ? (
            <FormField label='告知补正（只能一次）' error={errors.supplementText ?? errors.supplementDays} hint={view.supplementNoticeDueDate ? `须在${view.supplementNoticeDueDate}前告知` : undefined}>
              {textarea('supplementText', 'e2e-supplement-text', '需要补正的事项（申请人可见）')}
              <Input className='gk-input e2e-supplement-days' type='number' value={texts.supplementDays} placeholder={`补正期限（工作日，默认 ${DISCLOSURE_SUPPLEMENT_DEFAULT_WORKING_DAYS}）`} onInput={set('supplementDays')} />
              {submitRow(
                <View className={btn('e2e-action-request-supplement')} onClick={requestSupplement}>
                  <Text>告知补正</Text>
                </View>,
              )}
            </FormField>
          ) : null}
          {can('supply') ? (
            <FormField label='录入补正材料（纸质、邮寄）' error={errors.suppliedText} hint='答复期限自补正材料到达之日起重新计算'>
              {textarea('suppliedText', 'e2e-supplied-text', '补正的内容')}
              <DateField mode='date' value={dates.suppliedDate} className='e2e-supplied-date' onChange={setDate('suppliedDate')} />
              {submitRow(
                <View className={btn('e2e-action-supply')} onClick={enterSupplement}>
                  <Text>录入补正材料</Text>
                </View>,
              )}
            </FormField>
          ) : null}
          {can('start_consultation') ? (
            <FormField label='征求第三方意见' error={errors.consultText} hint={`第三方 ${DISCLOSURE_CONSULTATION_WORKING_DAYS} 个工作日内提出意见；征求意见期间不计入答复期限`}>
              {textarea('consultText', 'e2e-consult-text', '征求谁的意见、涉及的内容')}
              <DateField mode='date' value={dates.consultSent} className='e2e-consult-sent' onChange={setDate('consultSent')} />
              {submitRow(
                <View className={btn('e2e-action-start-consultation')} onClick={startConsultation}>
                  <Text>征求第三方意见</Text>
                </View>,
              )}
            </FormField>
          ) : null}
          {can('end_consultation') ? (
            <FormField label='意见征求完毕' error={errors.consultEndText}>
              {textarea('consultEndText', 'e2e-consult-end-text', '第三方的意见，或逾期未提出意见')}
              <DateField mode='date' value={dates.consultEnd} className='e2e-consult-end' onChange={setDate('consultEnd')} />
              {submitRow(
                <View className={btn('e2e-action-end-consultation')} onClick={endConsultation}>
                  <Text>意见征求完毕</Text>
                </View>,
              )}
            </FormField>
          ) : null}
          {can('request_extension') ? (
            <FormField label={`申请延期（还可延长 ${room} 个工作日）`} error={errors.extDays ?? errors.extReason} hint='须经政府信息公开办公室负责人批准，并告知申请人'>
              <Input className='gk-input e2e-extension-days' type='number' value={texts.extDays} placeholder={`延长的工作日（1–${room}）`} onInput={set('extDays')} />
              {textarea('extReason', 'e2e-extension-reason', '延期理由')}
              {submitRow(
                <View className={btn('e2e-action-request-extension')} onClick={requestExtension}>
                  <Text>申请延期</Text>
                </View>,
              )}
            </FormField>
          ) : null}
          {can('approve_extension') || can('refuse_extension') ? (
            <FormField label='延期审批' error={errors.extRefuse}>
              {can('approve_extension')
                ? submitRow(
                    <View className={btn('gk-btn--primary e2e-action-approve-extension')} onClick={() => void act(() => approveDisclosureExtension(view.id, view.version), '已批准延期')}>
                      <Text>批准延期</Text>
                    </View>,
                  )
                : null}
              {can('refuse_extension') ? (
                <View>
                  {textarea('extRefuse', 'e2e-extension-refuse-reason', '不同意的理由')}
                  {submitRow(
                    <View className={btn('e2e-action-refuse-extension')} onClick={refuseExtension}>
                      <Text>不同意延期</Text>
                    </View>,
                  )}
                </View>
              ) : null}
            </FormField>
          ) : null}
          {can('charge_fee') ? (
            <View className='e2e-fee-charge'>
              <Text className='gk-dq__group'>收费（仅在《政府信息公开信息处理费管理办法》规定的情形下）</Text>
              <FeeForm draft={fee} onChange={(next) => {
                setFee(next);
                setErrors((e) => ({ ...e, fee: undefined }));
              }} error={errors.fee} />
              {submitRow(
                <View className={btn('e2e-action-charge-fee')} onClick={chargeFee}>
                  <Text>发出收费通知</Text>
                </View>,
              )}
            </View>
          ) : null}
          {can('draft_letter') ? (
            <View className='e2e-letter-draft'>
              <Text className='gk-dq__group'>拟写答复书（提交后由负责人审批）</Text>
              <LetterForm draft={letterDraft} onChange={setLetter} errors={letterErrors} />
              {submitRow(
                <View className={btn('gk-btn--primary e2e-action-draft-letter')} onClick={draftLetter}>
                  <Text>提交审批</Text>
                </View>,
              )}
            </View>
          ) : null}
        </View>
      ) : null}

      <View className='gk-dq__card'>
        <Text className='gk-dq__title'>办理过程</Text>
        <DisclosureTimeline entries={view.timeline} />
        {may(roles, 'disclosure.handle') ? (
          <FormField label='内部备注（申请人不可见）' error={errors.note}>
            <Input className='gk-input e2e-note-text' value={texts.note} maxlength={TEXT_MAX} placeholder='记录办理情况' onInput={set('note')} />
            {submitRow(
              <View className={btn('e2e-action-note')} onClick={note}>
                <Text>添加备注</Text>
              </View>,
            )}
          </FormField>
        ) : null}
        {may(roles, 'disclosure.challenges') && (view.status === 'answered' || view.status === 'closed') ? (
          submitRow(
            <View className='gk-btn gk-btn--small e2e-disclosure-challenge-link' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffDisclosureChallenges, { requestId: view.id, trackingNo: view.trackingNo }) })}>
              <Text>登记行政复议、诉讼</Text>
            </View>,
          )
        ) : null}
      </View>
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks disclosure; phones get the page alone). */
export default function StaffDisclosureDetail() {
  return (
    <StaffShell active='disclosure'>
      <StaffDisclosureDetailPage />
    </StaffShell>
  );
}
