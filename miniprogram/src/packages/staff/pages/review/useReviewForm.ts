import { useState } from 'react';
import Taro from '@tarojs/taro';
import { disclosureReasonProblem, type DisclosureAttribute, type SecrecyDecision, type StaffNoticeView } from '@gongkai/shared';
import { registerNotice, reviewNotice, unscheduleNotice, withdrawNotice } from '../../../../api/staff';
import { useAction } from '../../../../hooks/useAction';
import { shanghaiIso } from '../../utils/time';

/** The secrecy reviewer's decision as it is being filled in. */
export interface SecrecyState {
  publishable: boolean;
  disclosure: DisclosureAttribute | '';
  reason: string;
  error: string;
  setPublishable: (on: boolean) => void;
  setDisclosure: (d: DisclosureAttribute) => void;
  setReason: (r: string) => void;
}

/** A text the reviewer types, with the error shown under it. */
export interface TextField {
  value: string;
  error: string;
  set: (v: string) => void;
}

export interface PublishTimeState {
  date: string;
  time: string;
  error: string;
  setDate: (v: string) => void;
  setTime: (v: string) => void;
}

function useTextField(): TextField & { fail: (m: string) => void; clear: () => void } {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  return {
    value,
    error,
    set: (v) => {
      setValue(v);
      if (error) setError('');
    },
    fail: setError,
    clear: () => {
      setValue('');
      setError('');
    },
  };
}

/** Says what is missing next to the field and as a toast. */
function refuse(setError: (m: string) => void, message: string, toast = message): void {
  setError(message);
  void Taro.showToast({ title: toast, icon: 'none' });
}

/**
 * The review page's form state and the actions it sends: approve (with the secrecy decision at
 * secrecy_review), return (an opinion is required), publish now or at a Shanghai time, unschedule,
 * withdraw (a reason is required). Each action reloads the page when it went through.
 */
export function useReviewForm(notice: StaffNoticeView | undefined, reload: () => Promise<void>) {
  const action = useAction();
  const opinion = useTextField();
  const withdrawReason = useTextField();
  const [publishable, setPublishableRaw] = useState(true);
  const [disclosure, setDisclosureRaw] = useState<DisclosureAttribute | ''>('');
  const [reason, setReason] = useState('');
  const [secrecyError, setSecrecyError] = useState('');
  const [publishDate, setPublishDate] = useState('');
  const [publishTime, setPublishTime] = useState('');
  const [publishError, setPublishError] = useState('');

  const secrecy: SecrecyState = {
    publishable,
    disclosure,
    reason,
    error: secrecyError,
    setPublishable: (on) => {
      setPublishableRaw(on);
      // Not publishable means withheld; the reason must then be one of the legal grounds.
      if (!on && disclosure !== 'withheld') {
        setDisclosureRaw('withheld');
        setReason('');
      }
    },
    setDisclosure: (d) => {
      setDisclosureRaw(d);
      setReason('');
      setSecrecyError('');
    },
    setReason,
  };
  const publishTimeState: PublishTimeState = { date: publishDate, time: publishTime, error: publishError, setDate: setPublishDate, setTime: setPublishTime };

  const send = (work: () => Promise<StaffNoticeView>, after?: () => void) =>
    void action.run(work, { success: '已处理', refresh: () => (after?.(), reload()) });

  const approve = () => {
    if (!notice) return;
    let decision: SecrecyDecision | undefined;
    if (notice.status === 'secrecy_review') {
      if (!disclosure) return refuse(setSecrecyError, '请选择公开属性', '请先完成保密审查意见');
      const problem = disclosureReasonProblem(disclosure, reason);
      if (problem) return refuse(setSecrecyError, problem);
      setSecrecyError('');
      decision = { publishable, disclosure, disclosureReason: disclosure === 'proactive' ? null : reason.trim() };
    }
    const text = opinion.value.trim();
    send(
      () => reviewNotice(notice.id, { action: 'approve', version: notice.version, ...(text ? { opinion: text } : {}), ...(decision ? { secrecy: decision } : {}) }),
      opinion.clear,
    );
  };

  const sendBack = () => {
    if (!notice) return;
    const text = opinion.value.trim();
    if (!text) return refuse(opinion.fail, '退回须填写意见');
    send(() => reviewNotice(notice.id, { action: 'return', version: notice.version, opinion: text }), opinion.clear);
  };

  const publishNow = () => notice && send(() => registerNotice(notice.id, { version: notice.version }));
  const unschedule = () => notice && send(() => unscheduleNotice(notice.id, notice.version));

  const publishAt = () => {
    if (!notice) return;
    const iso = shanghaiIso(publishDate, publishTime);
    if (!iso) return setPublishError('请选择发布日期和时间');
    if (Date.parse(iso) <= Date.now()) return setPublishError('定时发布的时间须晚于现在');
    setPublishError('');
    send(() => registerNotice(notice.id, { version: notice.version, publishAt: iso }));
  };

  const withdraw = () => {
    if (!notice) return;
    const text = withdrawReason.value.trim();
    if (!text) return refuse(withdrawReason.fail, '撤回须说明理由');
    send(() => withdrawNotice(notice.id, { version: notice.version, reason: text }), withdrawReason.clear);
  };

  return {
    busy: action.busy,
    opinion: opinion as TextField,
    withdrawReason: withdrawReason as TextField,
    secrecy,
    publishTime: publishTimeState,
    approve,
    sendBack,
    publishNow,
    unschedule,
    publishAt,
    withdraw,
  };
}

export type ReviewForm = ReturnType<typeof useReviewForm>;
