import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { DISCLOSURE_LIMITS, type ApplicantDisclosureView } from '@gongkai/shared';
import { getMyDisclosureRequest, myDisclosureFileUrl, payDisclosureFee, supplyDisclosure, withdrawDisclosure } from '../../../../api/disclosure';
import { hasToken } from '../../../../api/tokens';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { SignInFirst } from '../../../../inquiry/InquiryControls';
import { chars } from '../../../../utils/disclosure-form';
import { param } from '../../../../utils/routes';
import { DisclosureDetailBody } from './DisclosureDetail';
import type { DocumentSource } from './DisclosureParts';
import '../../../../inquiry/inquiry.scss';
import './disclosure.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** How often and how long the page asks again after WeChat Pay says paid, while the payment notification is on its way. */
const PAID_POLLS = 5;
const PAID_POLL_MS = 2000;
const WITHDRAW_REASON_MAX = 200;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** WeChat's cancel comes back as a rejection whose errMsg ends in `cancel`. */
function cancelled(e: unknown): boolean {
  const msg = (e as { errMsg?: unknown } | null)?.errMsg;
  return typeof msg === 'string' && /cancel/i.test(msg);
}

/** One of the applicant's requests: progress and deadline, 补正, the fee and its payment, the letter, withdrawal. */
export default function DisclosureDetail() {
  const router = useRouter();
  const id = param(router.params, 'id');
  const signedIn = hasToken('parent');
  const state = useAsync<ApplicantDisclosureView | null>(async () => (signedIn ? getMyDisclosureRequest(id) : null), [id]);
  const [view, setView] = useState<ApplicantDisclosureView | null>(null);
  const [shown, setShown] = useState(false);
  useDidShow(() => {
    if (shown) void state.reload().then(() => setView(null));
    setShown(true);
  });
  const [supplyText, setSupplyText] = useState('');
  const [supplyError, setSupplyError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [simulatedPaidAt, setSimulatedPaidAt] = useState<string | null>(null);
  const { busy, run } = useAction();

  if (!signedIn) return <SignInFirst pageClass='e2e-dc-detail' />;
  const request = view ?? state.data;
  if (!request) {
    return (
      <View className={pageRootClass('gk-page gk-iq e2e-dc-detail')}>
        {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const docs: DocumentSource = {
    feeNotice: myDisclosureFileUrl(request.id, 'fee-notice'),
    letterHtml: myDisclosureFileUrl(request.id, 'letter.html'),
    letterPdf: myDisclosureFileUrl(request.id, 'letter.pdf'),
    signedIn: true,
  };

  const supply = () => {
    const text = supplyText.trim();
    if (!text) return setSupplyError('请填写补正内容');
    if (chars(text) > DISCLOSURE_LIMITS.description) return setSupplyError(`补正内容不能超过${DISCLOSURE_LIMITS.description}字`);
    setSupplyError('');
    void run(async () => setView(await supplyDisclosure(request.id, text)), {
      success: '已提交补正',
      onError: (e) => {
        const detail = (e as { details?: { message: string }[] } | null)?.details?.[0];
        if (detail) {
          setSupplyError(detail.message);
          return true;
        }
      },
    });
  };

  const withdraw = () => {
    const text = reason.trim();
    if (chars(text) > WITHDRAW_REASON_MAX) return void Taro.showToast({ title: `原因不能超过${WITHDRAW_REASON_MAX}字`, icon: 'none' });
    void run(
      async () => {
        setView(await withdrawDisclosure(request.id, text || undefined));
        setConfirming(false);
      },
      { success: '已撤回申请' },
    );
  };

  /** Re-reads the request until the fee shows paid (the payment notification may come a little after WeChat says paid). */
  const waitUntilPaid = async (): Promise<boolean> => {
    for (let i = 0; i < PAID_POLLS; i++) {
      const next = await getMyDisclosureRequest(request.id);
      setView(next);
      if (next.fee?.status === 'paid') return true;
      await sleep(PAID_POLL_MS);
    }
    return false;
  };

  const pay = () =>
    void run(async () => {
      const start = await payDisclosureFee(request.id);
      if (start.mode === 'simulated') {
        setSimulatedPaidAt(start.paidAt);
        setView(await getMyDisclosureRequest(request.id));
        void Taro.showToast({ title: '模拟支付成功', icon: 'success' });
        return;
      }
      if (process.env.TARO_ENV !== 'weapp') {
        void Taro.showToast({ title: '请在微信小程序中完成支付', icon: 'none' });
        return;
      }
      try {
        await Taro.requestPayment({ ...start.params });
      } catch (e) {
        void Taro.showToast({ title: cancelled(e) ? '已取消支付' : '支付未完成，请稍后重试', icon: 'none' });
        setView(await getMyDisclosureRequest(request.id));
        return;
      }
      const paid = await waitUntilPaid();
      void Taro.showToast(paid ? { title: '支付成功', icon: 'success' } : { title: '支付结果确认中，请稍后刷新查看', icon: 'none' });
    });

  const supplyForm = request.actions.includes('supply') ? (
    <View className='e2e-dc-supply' style={{ marginTop: '24px' }}>
      <View className='gk-iq__label'>
        <Text>补正内容</Text>
        <Text className='gk-iq__count'>
          {chars(supplyText)}/{DISCLOSURE_LIMITS.description}
        </Text>
      </View>
      <Textarea
        className='gk-iq-textarea e2e-dc-supply-text'
        value={supplyText}
        maxlength={DISCLOSURE_LIMITS.description}
        placeholder='按补正通知的要求，写明更具体的信息名称、文号或时间范围等'
        onInput={(e) => setSupplyText(e.detail.value)}
      />
      {supplyError ? <Text className='gk-iq__error e2e-dc-supply-error'>{supplyError}</Text> : null}
      <View className={`gk-iq__button e2e-dc-supply-submit ${busy ? 'gk-iq__button--disabled' : ''}`} onClick={supply}>
        <Text>提交补正</Text>
      </View>
    </View>
  ) : null;

  const footer = request.actions.includes('withdraw') ? (
    <View className='gk-iq__section'>
      <View className='gk-iq__button gk-iq__button--outline e2e-dc-withdraw' onClick={() => setConfirming(true)}>
        <Text>撤回申请</Text>
      </View>
      <Text className='gk-iq__note'>撤回后本申请终止办理；如仍需要该信息，可以重新申请。</Text>
      {confirming ? (
        <View className='gk-dc-dialog e2e-dc-withdraw-dialog'>
          <View className='gk-dc-dialog__box'>
            <Text className='gk-iq__title'>确认撤回申请？</Text>
            <Text className='gk-iq__note'>撤回后不能恢复，答复期限不再计算。</Text>
            <Textarea
              className='gk-iq-textarea e2e-dc-withdraw-reason'
              style={{ height: '140px', marginTop: '16px' }}
              value={reason}
              maxlength={WITHDRAW_REASON_MAX}
              placeholder='撤回原因（选填）'
              onInput={(e) => setReason(e.detail.value)}
            />
            <View className='gk-dc__actions'>
              <View className='gk-iq__button gk-iq__button--outline e2e-dc-withdraw-cancel' onClick={() => setConfirming(false)}>
                <Text>再想想</Text>
              </View>
              <View className={`gk-iq__button e2e-dc-withdraw-confirm ${busy ? 'gk-iq__button--disabled' : ''}`} onClick={withdraw}>
                <Text>确认撤回</Text>
              </View>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  ) : null;

  return <DisclosureDetailBody view={request} docs={docs} pageClass='e2e-dc-detail' slots={{ supplyForm, footer, onPay: pay, paying: busy, simulatedPaidAt }} />;
}
