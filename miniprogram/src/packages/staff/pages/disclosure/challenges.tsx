import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import {
  CHALLENGE_KINDS,
  CHALLENGE_KIND_LABELS,
  CHALLENGE_RESULTS,
  CHALLENGE_RESULT_LABELS,
  type ChallengeKind,
  type ChallengeResult,
  type DisclosureChallengeInput,
  type DisclosureChallengeView,
} from '@gongkai/shared';
import { ApiError } from '../../../../api/errors';
import { createDisclosureChallenge, listDisclosureChallenges, listStaffDisclosures, updateDisclosureChallenge } from '../../../../api/staff-disclosure';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyState, ErrorState, ListSkeleton } from '../../../../components/States';
import { param } from '../../../../utils/routes';
import { ChoiceChips, FormField } from '../../components/Controls';
import { DateField } from '../../components/DateField';
import { Tabs } from '../../components/Tabs';
import { challengeProblems, todayShanghai, type ChallengeDraft } from '../../utils/disclosure-format';
import '../../components/staff.scss';
import './disclosure.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

const EMPTY: ChallengeDraft = { kind: '', about: 'request', trackingNo: '', noticeId: '', caseNo: '', body: '', filedDate: '', decidedDate: '', result: 'pending', note: '' };

/** The pages a typed tracking number is looked for in (50 a page): the inbox has no search by number. */
const LOOKUP_PAGES = 20;

/** The request id of a tracking number, from the inbox's 全部; null when not found. */
async function requestIdOf(trackingNo: string): Promise<number | null> {
  let cursor: string | undefined;
  for (let i = 0; i < LOOKUP_PAGES; i++) {
    const page = await listStaffDisclosures('all', cursor, 50);
    const hit = page.items.find((r) => r.trackingNo === trackingNo);
    if (hit) return hit.id;
    if (!page.nextCursor) return null;
    cursor = page.nextCursor;
  }
  return null;
}

/**
 * 复议诉讼登记: administrative reconsiderations and lawsuits about the bureau's disclosure work, as
 * table 四 of the yearly report counts them: about a request (by its tracking number) or a
 * proactively published notice; kind, the body, dates and result. Listed by the year filed.
 */
function StaffDisclosureChallengesPage() {
  const router = useRouter();
  const thisYear = Number(todayShanghai().slice(0, 4));
  const years = [0, 1, 2, 3, 4].map((n) => thisYear - n);
  const [year, setYear] = useState(String(thisYear));
  const list = useAsync(() => listDisclosureChallenges(Number(year)), [year]);
  const fromRequest = param(router.params, 'trackingNo');
  const fromRequestId = Number(param(router.params, 'requestId')) || null;
  const [draft, setDraft] = useState<ChallengeDraft>(() => ({ ...EMPTY, trackingNo: fromRequest, filedDate: todayShanghai() }));
  const [editing, setEditing] = useState<DisclosureChallengeView | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof ChallengeDraft, string>>>({});
  const action = useAction();

  const set = <K extends keyof ChallengeDraft>(k: K, v: ChallengeDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const input = (k: keyof ChallengeDraft) => (e: { detail: { value: string } }) => set(k, e.detail.value as never);

  const edit = (c: DisclosureChallengeView) => {
    setEditing(c);
    setErrors({});
    setDraft({
      kind: c.kind,
      about: c.noticeId !== null ? 'notice' : 'request',
      trackingNo: c.requestTrackingNo ?? '',
      noticeId: c.noticeId !== null ? String(c.noticeId) : '',
      caseNo: c.caseNo,
      body: c.body,
      filedDate: c.filedDate,
      decidedDate: c.decidedDate ?? '',
      result: c.result,
      note: c.note ?? '',
    });
    void Taro.pageScrollTo({ selector: '.e2e-challenge-form', duration: 0 }).catch(() => undefined);
  };
  const reset = () => {
    setEditing(null);
    setErrors({});
    setDraft({ ...EMPTY, filedDate: todayShanghai() });
  };

  const save = () => {
    const problems = challengeProblems(draft, todayShanghai());
    setErrors(problems);
    if (Object.keys(problems).length) {
      void Taro.showToast({ title: Object.values(problems)[0] ?? '请检查填写的内容', icon: 'none' });
      return;
    }
    void action.run(
      async () => {
        let about: Pick<DisclosureChallengeInput, 'requestId' | 'noticeId'>;
        if (draft.about === 'notice') {
          about = { requestId: null, noticeId: Number(draft.noticeId) };
        } else {
          const tracking = draft.trackingNo.trim();
          const known = editing && editing.requestTrackingNo === tracking ? editing.requestId : tracking === fromRequest ? fromRequestId : null;
          const requestId = known ?? (await requestIdOf(tracking));
          if (requestId === null) throw new ApiError({ statusCode: 404, code: 'NOT_FOUND', message: `没有找到申请编号为 ${tracking} 的申请` });
          about = { requestId, noticeId: null };
        }
        const body: DisclosureChallengeInput = {
          kind: draft.kind as ChallengeKind,
          ...about,
          caseNo: draft.caseNo.trim(),
          body: draft.body.trim(),
          filedDate: draft.filedDate,
          decidedDate: draft.result === 'pending' ? null : draft.decidedDate || null,
          result: draft.result,
          note: draft.note.trim() || null,
        };
        return editing ? updateDisclosureChallenge(editing.id, { ...body, version: editing.version }) : createDisclosureChallenge(body);
      },
      {
        success: editing ? '已保存' : '已登记',
        refresh: async (saved) => {
          reset();
          if (saved.filedDate.slice(0, 4) !== year) setYear(saved.filedDate.slice(0, 4));
          else await list.reload();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.details?.length) {
            const next: Partial<Record<keyof ChallengeDraft, string>> = {};
            for (const d of e.details) {
              const key = (d.field === 'requestId' ? 'trackingNo' : d.field) as keyof ChallengeDraft;
              if (key in EMPTY && !next[key]) next[key] = d.message;
            }
            setErrors(next);
          }
          if (e instanceof ApiError && e.statusCode === 409) void list.reload();
          return false;
        },
      },
    );
  };

  const busy = action.busy ? 'gk-btn--disabled' : '';
  return (
    <View className={pageRootClass('gk-page gk-staff-disclosure-challenges e2e-staff-disclosure-challenges')}>
      <Tabs tabs={years.map((y) => ({ key: String(y), label: `${y}年` }))} value={year} onChange={setYear} e2e='challenges-year' />
      {list.loading && !list.data ? (
        <ListSkeleton rows={2} />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.reload()} />
      ) : !list.data?.length ? (
        <EmptyState text={`${year}年没有登记的行政复议、行政诉讼`} />
      ) : (
        <View>
          {list.data.map((c) => (
            <View key={c.id} className='gk-staff-item e2e-challenge-item' data-id={c.id} data-kind={c.kind} data-result={c.result} onClick={() => edit(c)}>
              <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
                <Text className='gk-status'>{c.kindLabel || CHALLENGE_KIND_LABELS[c.kind]}</Text>
                <Text className='e2e-challenge-result'>{c.resultLabel || CHALLENGE_RESULT_LABELS[c.result]}</Text>
                <Text>{c.caseNo}</Text>
              </View>
              <Text className='gk-staff-item__title'>{c.requestTrackingNo ? `申请 ${c.requestTrackingNo}` : c.noticeIndexNo ? `主动公开信息 ${c.noticeIndexNo}` : `信息 #${c.noticeId ?? ''}`}</Text>
              <View className='gk-staff-item__meta'>
                <Text>{c.body}</Text>
                <Text>受理 {c.filedDate}</Text>
                {c.decidedDate ? <Text>审结 {c.decidedDate}</Text> : null}
              </View>
              {c.note ? <Text className='gk-dq__small'>{c.note}</Text> : null}
            </View>
          ))}
        </View>
      )}

      <View className='gk-dq__card e2e-challenge-form' data-editing={editing ? editing.id : ''}>
        <Text className='gk-dq__title'>{editing ? '修改登记' : '新增登记'}</Text>
        <FormField label='类型' required error={errors.kind}>
          <ChoiceChips options={CHALLENGE_KINDS.map((k) => ({ value: k, label: CHALLENGE_KIND_LABELS[k] }))} selected={draft.kind ? [draft.kind] : []} onToggle={(v) => set('kind', v as ChallengeKind)} hookPrefix='e2e-challenge-kind' />
        </FormField>
        <FormField label='涉及' required>
          <ChoiceChips
            options={[
              { value: 'request', label: '依申请公开' },
              { value: 'notice', label: '主动公开' },
            ]}
            selected={[draft.about]}
            onToggle={(v) => set('about', v as ChallengeDraft['about'])}
            hookPrefix='e2e-challenge-about'
          />
        </FormField>
        {draft.about === 'request' ? (
          <FormField label='申请编号' required error={errors.trackingNo}>
            <Input className='gk-input e2e-challenge-tracking' value={draft.trackingNo} maxlength={40} onInput={input('trackingNo')} />
          </FormField>
        ) : (
          <FormField label='信息 ID' required error={errors.noticeId} hint='公开信息详情页地址中的 id'>
            <Input className='gk-input e2e-challenge-notice' type='number' value={draft.noticeId} maxlength={12} onInput={input('noticeId')} />
          </FormField>
        )}
        <FormField label='案号' required error={errors.caseNo}>
          <Input className='gk-input e2e-challenge-case' value={draft.caseNo} maxlength={100} onInput={input('caseNo')} />
        </FormField>
        <FormField label={draft.kind === 'reconsideration' ? '复议机关' : draft.kind ? '人民法院' : '复议机关或法院'} required error={errors.body}>
          <Input className='gk-input e2e-challenge-body' value={draft.body} maxlength={100} onInput={input('body')} />
        </FormField>
        <FormField label='受理（立案）日期' required error={errors.filedDate}>
          <DateField mode='date' value={draft.filedDate} className='e2e-challenge-filed' onChange={(v) => set('filedDate', v)} />
        </FormField>
        <FormField label='结果' required error={errors.result}>
          <ChoiceChips options={CHALLENGE_RESULTS.map((r) => ({ value: r, label: CHALLENGE_RESULT_LABELS[r] }))} selected={[draft.result]} onToggle={(v) => set('result', v as ChallengeResult)} hookPrefix='e2e-challenge-result' />
        </FormField>
        {draft.result !== 'pending' ? (
          <FormField label='审结日期' required error={errors.decidedDate}>
            <DateField mode='date' value={draft.decidedDate} className='e2e-challenge-decided' onChange={(v) => set('decidedDate', v)} />
          </FormField>
        ) : null}
        <FormField label='备注' error={errors.note}>
          <Textarea className='gk-textarea gk-dq__textarea e2e-challenge-note' value={draft.note} maxlength={1000} onInput={input('note')} />
        </FormField>
        <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
          <View className={`gk-btn gk-btn--primary ${busy} e2e-challenge-save`} onClick={save}>
            <Text>{editing ? '保存修改' : '登记'}</Text>
          </View>
          {editing ? (
            <View className='gk-btn e2e-challenge-cancel' onClick={reset}>
              <Text>取消修改</Text>
            </View>
          ) : null}
        </View>
      </View>
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks disclosure; phones get the page alone). */
export default function StaffDisclosureChallenges() {
  return (
    <StaffShell active='disclosure'>
      <StaffDisclosureChallengesPage />
    </StaffShell>
  );
}
