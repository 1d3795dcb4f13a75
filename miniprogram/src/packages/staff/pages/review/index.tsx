import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import {
  DISCLOSURE_ATTRIBUTES,
  DISCLOSURE_LABELS,
  INFO_TYPE_LABELS,
  NOTICE_STATUS_LABELS,
  REVIEW_ACTION_LABELS,
  REVIEW_STEP_LABELS,
  STAFF_ROLE_LABELS,
  WITHHOLD_REASONS,
  availableActions,
  disclosureReasonProblem,
  reviewRefusal,
  roundSteps,
  isReviewStep,
  type CategoryView,
  type DisclosureAttribute,
  type ReviewActor,
  type ReviewLogEntry,
  type RoundContext,
  type SecrecyDecision,
  type RoundChanges,
  type StaffMe,
  type StaffNoticeView,
  type TextChange,
  type UnitView,
} from '@gongkai/shared';
import { getStaffMe } from '../../../../api/auth';
import { listCategories, listUnits } from '../../../../api/catalog';
import { errorMessage } from '../../../../api/errors';
import { getRoundChanges, getStaffNotice, listReviewLog, registerNotice, reviewNotice, unscheduleNotice, withdrawNotice } from '../../../../api/staff';
import { useAsync } from '../../../../hooks/useAsync';
import { Attachment } from '../../../../components/Attachment';
import { NoticeHtml } from '../../../../components/NoticeHtml';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { ChoiceChips, Toggle } from '../../components/Controls';
import { DateField } from '../../components/DateField';
import { formatDateTime, shanghaiIso } from '../../utils/time';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import '../../components/staff.scss';
import './index.scss';

interface Loaded {
  me: StaffMe;
  notice: StaffNoticeView;
  log: ReviewLogEntry[];
  changes: RoundChanges | null;
  categories: CategoryView[];
  units: UnitView[];
}

function roleLabel(role: ReviewLogEntry['role']): string {
  if (role === 'author') return '撰稿人';
  if (role === 'system') return '系统';
  return STAFF_ROLE_LABELS[role] ?? role;
}

function stepLabel(status: StaffNoticeView['status']): string {
  return isReviewStep(status) ? REVIEW_STEP_LABELS[status] : NOTICE_STATUS_LABELS[status] ?? status;
}

function Changes({ parts, hook }: { parts: TextChange[]; hook: string }) {
  return (
    <View className={`gk-diff ${hook}`}>
      {parts.map((p, i) => (
        <Text key={i} className={p.type === 'added' ? 'gk-diff__added e2e-diff-added' : p.type === 'removed' ? 'gk-diff__removed e2e-diff-removed' : 'gk-diff__same'}>
          {p.text}
        </Text>
      ))}
    </View>
  );
}

function LogItem({ entry }: { entry: ReviewLogEntry }) {
  return (
    <View className={`gk-log__item e2e-review-log-item gk-log__item--${entry.action}`} data-action={entry.action}>
      <View className='gk-log__dot' />
      <View className='gk-log__body'>
        <View className='gk-log__head'>
          <Text className='gk-log__step'>{stepLabel(entry.fromStatus)}</Text>
          <Text className='gk-log__action e2e-review-log-action'>{REVIEW_ACTION_LABELS[entry.action] ?? entry.action}</Text>
        </View>
        <Text className='gk-log__actor'>
          {entry.actorName ?? roleLabel(entry.role)}
          {entry.actorName ? `（${roleLabel(entry.role)}）` : ''} · 第 {entry.round} 轮 · {formatDateTime(entry.createdAt)}
        </Text>
        {entry.opinion ? <Text className='gk-log__opinion e2e-review-log-opinion'>意见：{entry.opinion}</Text> : null}
        {entry.secrecy ? (
          <Text className='gk-log__opinion'>
            保密审查：{entry.secrecy.publishable ? '可以公开' : '不可公开'}，{DISCLOSURE_LABELS[entry.secrecy.disclosure] ?? entry.secrecy.disclosure}
            {entry.secrecy.disclosureReason ? `（${entry.secrecy.disclosureReason}）` : ''}
          </Text>
        ) : null}
        {entry.publishAt ? <Text className='gk-log__opinion'>定时：{formatDateTime(entry.publishAt)}</Text> : null}
      </View>
    </View>
  );
}

/**
 * One notice in the review chain: the content, what changed since the last round, the log, and the
 * actions the caller may take now (availableActions over their roles, plus 'author' for their own,
 * and the four-eyes rules over this round's log and editors, as the server checks them).
 */
export default function StaffReview() {
  const router = useRouter();
  const id = param(router.params, 'id');

  const state = useAsync<Loaded>(async () => {
    const [me, notice, log, categories, units] = await Promise.all([
      getStaffMe(),
      getStaffNotice(id),
      listReviewLog(id),
      listCategories().catch(() => [] as CategoryView[]),
      listUnits().catch(() => [] as UnitView[]),
    ]);
    const changes = notice.round > 1 ? await getRoundChanges(id).catch(() => null) : null;
    return { me, notice, log, changes, categories, units };
  }, [id]);

  const [shown, setShown] = useState(false);
  useDidShow(() => {
    // Back from the editor: the notice may have been resubmitted.
    if (shown) void state.reload();
    setShown(true);
  });

  const [busy, setBusy] = useState(false);
  const [opinion, setOpinion] = useState('');
  const [opinionError, setOpinionError] = useState('');
  const [publishable, setPublishable] = useState(true);
  const [disclosure, setDisclosure] = useState<DisclosureAttribute | ''>('');
  const [reason, setReason] = useState('');
  const [secrecyError, setSecrecyError] = useState('');
  const [publishDate, setPublishDate] = useState('');
  const [publishTime, setPublishTime] = useState('');
  const [publishError, setPublishError] = useState('');
  const [withdrawReason, setWithdrawReason] = useState('');
  const [withdrawError, setWithdrawError] = useState('');

  if (!state.data) {
    return (
      <View className='gk-page gk-review e2e-review'>
        {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const { me, notice, log, changes, categories, units } = state.data;
  const mine = notice.authorId === me.id;
  const actors: ReviewActor[] = [...me.roles, ...(mine ? (['author'] as const) : [])];
  const round: RoundContext = { actorId: me.id, authorId: notice.authorId, editorIds: notice.editorIds, earlierSteps: roundSteps(log, notice.round) };
  // What the roles alone would allow, and what this person may do in this round.
  const byRole = availableActions(notice.status, actors);
  const actions = availableActions(notice.status, actors, round);
  const can = (a: (typeof actions)[number]) => actions.includes(a);
  const reviewable = can('approve') || can('return');
  // The server lets nobody review their own notice, take two steps of a round, or approve a round
  // they edited: say why instead of offering buttons it refuses.
  const fourEyes = mine ? null : byRole.filter((a) => !actions.includes(a)).map((a) => reviewRefusal(notice.status, a, actors, round)?.message)[0] ?? null;
  const atSecrecy = notice.status === 'secrecy_review';

  /** Runs an action; on success the page reloads and says 已处理, on refusal the server's words. */
  const act = async (run: () => Promise<StaffNoticeView>, after?: () => void) => {
    if (busy) return;
    setBusy(true);
    try {
      await run();
      after?.();
      void Taro.showToast({ title: '已处理', icon: 'success' });
      await state.reload();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const approve = () => {
    let secrecy: SecrecyDecision | undefined;
    if (atSecrecy) {
      if (!disclosure) {
        setSecrecyError('请选择公开属性');
        void Taro.showToast({ title: '请先完成保密审查意见', icon: 'none' });
        return;
      }
      const problem = disclosureReasonProblem(disclosure, reason);
      if (problem) {
        setSecrecyError(problem);
        void Taro.showToast({ title: problem, icon: 'none' });
        return;
      }
      setSecrecyError('');
      secrecy = { publishable, disclosure, disclosureReason: disclosure === 'proactive' ? null : reason.trim() };
    }
    const text = opinion.trim();
    void act(
      () => reviewNotice(notice.id, { action: 'approve', version: notice.version, ...(text ? { opinion: text } : {}), ...(secrecy ? { secrecy } : {}) }),
      () => setOpinion(''),
    );
  };

  const sendBack = () => {
    const text = opinion.trim();
    if (!text) {
      setOpinionError('退回须填写意见');
      void Taro.showToast({ title: '退回须填写意见', icon: 'none' });
      return;
    }
    setOpinionError('');
    void act(() => reviewNotice(notice.id, { action: 'return', version: notice.version, opinion: text }), () => setOpinion(''));
  };

  const publishAt = () => {
    const iso = shanghaiIso(publishDate, publishTime);
    if (!iso) {
      setPublishError('请选择发布日期和时间');
      return;
    }
    if (Date.parse(iso) <= Date.now()) {
      setPublishError('定时发布的时间须晚于现在');
      return;
    }
    setPublishError('');
    void act(() => registerNotice(notice.id, { version: notice.version, publishAt: iso }));
  };

  const withdraw = () => {
    const text = withdrawReason.trim();
    if (!text) {
      setWithdrawError('撤回须说明理由');
      void Taro.showToast({ title: '撤回须说明理由', icon: 'none' });
      return;
    }
    setWithdrawError('');
    void act(() => withdrawNotice(notice.id, { version: notice.version, reason: text }), () => setWithdrawReason(''));
  };

  const category = categories.find((c) => c.code === notice.categoryCode)?.name ?? notice.categoryCode;
  const unit = units.find((u) => u.code === notice.unitCode)?.name ?? notice.unitCode;
  const btn = (extra = '') => `gk-btn ${extra} ${busy ? 'gk-btn--disabled' : ''}`;

  return (
    <View className='gk-page gk-review e2e-review' data-status={notice.status}>
      <View className='gk-review__card'>
        <View className='gk-review__head'>
          <Text className='gk-status e2e-review-status' data-status={notice.status}>
            {NOTICE_STATUS_LABELS[notice.status] ?? notice.status}
          </Text>
          {notice.round > 0 ? <Text className='gk-review__round'>第 {notice.round} 轮</Text> : null}
        </View>
        <Text className='gk-review__title e2e-review-title'>{notice.title}</Text>
        <View className='gk-review__meta'>
          <Text>发布机构：{unit}</Text>
          <Text>分类：{category}</Text>
          <Text>信息类别：{INFO_TYPE_LABELS[notice.infoType] ?? notice.infoType}</Text>
          {notice.documentNo ? <Text>文号：{notice.documentNo}</Text> : null}
          {notice.indexNo ? <Text>索引号：{notice.indexNo}</Text> : null}
          <Text>
            公开属性：{DISCLOSURE_LABELS[notice.disclosure] ?? notice.disclosure}
            {notice.disclosureReason ? `（${notice.disclosureReason}）` : ''}
          </Text>
          {notice.normative ? <Text>规范性文件：{[notice.normativeIssuedOn && `${notice.normativeIssuedOn} 印发`, notice.normativeRepealedOn && `${notice.normativeRepealedOn} 废止`].filter(Boolean).join('，') || '是'}</Text> : null}
          <Text>撰稿人：{notice.authorName}</Text>
          {notice.publishedAt ? <Text>发布时间：{formatDateTime(notice.publishedAt)}</Text> : null}
          {notice.status === 'scheduled' && notice.publishAt ? <Text className='e2e-review-publish-at'>定时发布：{formatDateTime(notice.publishAt)}</Text> : null}
        </View>
        {notice.summary ? <Text className='gk-review__summary'>摘要：{notice.summary}</Text> : null}
        <View className='gk-staff-body e2e-review-body'>
          <NoticeHtml html={notice.bodyHtml} />
        </View>
        {notice.attachments.length ? (
          <View className='gk-review__attachments'>
            {notice.attachments.map((a) => (
              <Attachment key={a.url} a={a} />
            ))}
          </View>
        ) : null}
      </View>

      {changes ? (
        <View className='gk-review__section e2e-review-changes'>
          <Text className='gk-review__section-title'>
            本轮修改（第 {changes.fromRound} 轮 → 第 {changes.toRound} 轮）
          </Text>
          <Text className='gk-review__label'>标题</Text>
          <Changes parts={changes.title} hook='e2e-review-changes-title' />
          <Text className='gk-review__label'>正文</Text>
          <Changes parts={changes.body} hook='e2e-review-changes-body' />
        </View>
      ) : null}

      {byRole.length ? (
        <View className='gk-review__section gk-review__actions e2e-review-actions'>
          <Text className='gk-review__section-title'>办理</Text>

          {can('submit') ? (
            <View className='gk-btn-row'>
              <View className={btn('gk-btn--primary e2e-review-edit')} onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffCompose, { id: notice.id }) })}>
                <Text>{notice.status === 'returned' ? '修改后重新提交' : '编辑并提交审核'}</Text>
              </View>
            </View>
          ) : null}

          {(byRole.includes('approve') || byRole.includes('return')) && mine ? <Text className='gk-review__note e2e-review-own'>这是您撰写的信息，须由他人审核。</Text> : null}
          {fourEyes ? <Text className='gk-review__note e2e-review-four-eyes'>{fourEyes}</Text> : null}

          {reviewable && atSecrecy && can('approve') ? (
            <View className='gk-secrecy e2e-secrecy'>
              <View className='gk-secrecy__row'>
                <Text className='gk-review__label'>可否公开</Text>
                <Toggle
                  className='e2e-secrecy-publishable'
                  on={publishable}
                  label={publishable ? '可以公开' : '不可公开'}
                  onChange={(on) => {
                    setPublishable(on);
                    if (!on && disclosure !== 'withheld') {
                      setDisclosure('withheld');
                      setReason('');
                    }
                  }}
                />
              </View>
              <Text className='gk-review__label'>公开属性</Text>
              <ChoiceChips
                className='e2e-secrecy-disclosure'
                hookPrefix='e2e-secrecy-disclosure'
                options={DISCLOSURE_ATTRIBUTES.map((d) => ({ value: d, label: DISCLOSURE_LABELS[d] }))}
                selected={disclosure ? [disclosure] : []}
                onToggle={(v) => {
                  setDisclosure(v as DisclosureAttribute);
                  setReason('');
                  setSecrecyError('');
                }}
              />
              {disclosure === 'on_request' ? (
                <Input className='gk-input e2e-secrecy-reason' value={reason} maxlength={200} placeholder='依申请公开的理由' onInput={(e) => setReason(e.detail.value)} />
              ) : null}
              {disclosure === 'withheld' ? (
                <View className='e2e-secrecy-reason'>
                  <Text className='gk-review__label'>不予公开的法定情形</Text>
                  <ChoiceChips
                    hookPrefix='e2e-withhold-reason'
                    options={WITHHOLD_REASONS.map((r, i) => ({ value: String(i), label: r }))}
                    selected={[String(WITHHOLD_REASONS.indexOf(reason as (typeof WITHHOLD_REASONS)[number]))]}
                    onToggle={(v) => setReason(WITHHOLD_REASONS[Number(v)] ?? '')}
                  />
                </View>
              ) : null}
              {secrecyError ? <Text className='gk-review__error e2e-secrecy-error'>{secrecyError}</Text> : null}
            </View>
          ) : null}

          {reviewable ? (
            <View className='gk-review__opinion'>
              <Text className='gk-review__label'>审核意见（退回时必填）</Text>
              <Textarea
                className='gk-textarea e2e-review-opinion'
                value={opinion}
                maxlength={1000}
                placeholder='填写审核意见'
                onInput={(e) => {
                  setOpinion(e.detail.value);
                  if (opinionError) setOpinionError('');
                }}
              />
              {opinionError ? <Text className='gk-review__error e2e-review-opinion-error'>{opinionError}</Text> : null}
              <View className='gk-btn-row'>
                {can('approve') ? (
                  <View className={btn('gk-btn--primary e2e-review-approve')} onClick={approve}>
                    <Text>{atSecrecy ? '审查通过' : notice.status === 'leader_approval' ? '审批通过' : '审核通过'}</Text>
                  </View>
                ) : null}
                {can('return') ? (
                  <View className={btn('e2e-review-return')} onClick={sendBack}>
                    <Text>退回修改</Text>
                  </View>
                ) : null}
              </View>
            </View>
          ) : null}

          {can('publish') ? (
            <View className='gk-btn-row'>
              <View className={btn('gk-btn--primary e2e-publish-now')} onClick={() => void act(() => registerNotice(notice.id, { version: notice.version }))}>
                <Text>立即发布</Text>
              </View>
              {can('unschedule') ? (
                <View className={btn('e2e-unschedule')} onClick={() => void act(() => unscheduleNotice(notice.id, notice.version))}>
                  <Text>取消定时</Text>
                </View>
              ) : null}
            </View>
          ) : null}

          {can('schedule') ? (
            <View className='gk-review__schedule e2e-schedule'>
              <Text className='gk-review__label'>定时发布（北京时间）</Text>
              <View className='gk-review__when'>
                <DateField className='e2e-publish-date' mode='date' value={publishDate} onChange={setPublishDate} />
                <DateField className='e2e-publish-time' mode='time' value={publishTime} onChange={setPublishTime} />
              </View>
              {publishError ? <Text className='gk-review__error e2e-publish-error'>{publishError}</Text> : null}
              <View className='gk-btn-row'>
                <View className={btn('e2e-publish-at')} onClick={publishAt}>
                  <Text>定时发布</Text>
                </View>
              </View>
            </View>
          ) : null}

          {can('withdraw') ? (
            <View className='gk-review__withdraw'>
              <Text className='gk-review__label'>撤回理由（必填）</Text>
              <Textarea
                className='gk-textarea e2e-withdraw-reason'
                value={withdrawReason}
                maxlength={500}
                placeholder='说明撤回的理由'
                onInput={(e) => {
                  setWithdrawReason(e.detail.value);
                  if (withdrawError) setWithdrawError('');
                }}
              />
              {withdrawError ? <Text className='gk-review__error e2e-withdraw-error'>{withdrawError}</Text> : null}
              <View className='gk-btn-row'>
                <View className={btn('e2e-withdraw')} onClick={withdraw}>
                  <Text>撤回</Text>
                </View>
              </View>
            </View>
          ) : null}
        </View>
      ) : null}

      {notice.status === 'published' && me.roles.includes('publisher') ? (
        <View className='gk-btn-row'>
          <View className='gk-btn gk-btn--primary e2e-review-push' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffPush, { id: notice.id }) })}>
            <Text>推送给订阅家长</Text>
          </View>
        </View>
      ) : null}

      <View className='gk-review__section'>
        <Text className='gk-review__section-title'>审核记录</Text>
        <View className='gk-log e2e-review-log'>
          {log.length ? log.map((e) => <LogItem key={e.id} entry={e} />) : <Text className='gk-review__note'>尚未提交审核</Text>}
        </View>
      </View>
    </View>
  );
}
