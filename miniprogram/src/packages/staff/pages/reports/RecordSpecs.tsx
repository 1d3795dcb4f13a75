import { Input, Text, View } from '@tarojs/components';
import {
  BRIEFING_KINDS,
  BRIEFING_KIND_LABELS,
  HOT_TOPIC_CHANNELS,
  HOT_TOPIC_CHANNEL_LABELS,
  PROPOSAL_KINDS,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_ROLES,
  PROPOSAL_ROLE_LABELS,
  PROPOSAL_SATISFACTION,
  PROPOSAL_SATISFACTION_LABELS,
  REPORT_RECORD_LIMITS,
  type BriefingInput,
  type BriefingKind,
  type BriefingView,
  type HotTopicChannel,
  type HotTopicInput,
  type HotTopicView,
  type ProposalInput,
  type ProposalKind,
  type ProposalRole,
  type ProposalSatisfaction,
  type ProposalView,
} from '@gongkai/shared';
import {
  createBriefing,
  createHotTopic,
  createProposal,
  listBriefings,
  listHotTopics,
  listProposals,
  updateBriefing,
  updateHotTopic,
  updateProposal,
} from '../../../../api/staff-reports';
import { ChoiceChips, FormField } from '../../components/Controls';
import { DateField } from '../../components/DateField';
import { todayShanghai } from '../../utils/disclosure-format';
import {
  BRIEFING_FIELDS,
  HOT_TOPIC_FIELDS,
  PROPOSAL_FIELDS,
  blankBriefing,
  blankHotTopic,
  blankProposal,
  briefingDraft,
  briefingInput,
  defaultRecordDate,
  hotTopicDraft,
  hotTopicInput,
  linkText,
  proposalDraft,
  proposalInput,
  type BriefingDraft,
  type HotTopicDraft,
  type LinkDraft,
  type LinkKind,
  type ProposalDraft,
} from '../../utils/reports-records';
import type { FieldErrors, RecordSpec } from './RecordPanel';

type Setter<D> = <K extends keyof D>(key: K, value: D[K]) => void;
const text = (e: { detail: { value: string } }) => e.detail.value;

/** 关联: the bureau's own notice (its id), any page, or nothing. */
function LinkFields<D extends LinkDraft>({ draft, set, errors }: { draft: D; set: Setter<D>; errors: FieldErrors<D> }) {
  const s = set as unknown as Setter<LinkDraft>;
  const e = errors as FieldErrors<LinkDraft>;
  return (
    <View>
      <FormField label='关联'>
        <ChoiceChips
          options={[
            { value: 'none', label: '无' },
            { value: 'notice', label: '本局公开信息' },
            { value: 'url', label: '网页链接' },
          ]}
          selected={[draft.linkKind]}
          onToggle={(v) => s('linkKind', v as LinkKind)}
          hookPrefix='e2e-record-link'
        />
      </FormField>
      {draft.linkKind === 'notice' ? (
        <FormField label='信息编号' required error={e.noticeId} hint='公开信息详情页地址中的 id'>
          <Input className='gk-input e2e-record-notice' type='number' value={draft.noticeId} maxlength={12} onInput={(x) => s('noticeId', text(x))} />
        </FormField>
      ) : null}
      {draft.linkKind === 'url' ? (
        <FormField label='网址' required error={e.url}>
          <Input className='gk-input e2e-record-url' value={draft.url} maxlength={REPORT_RECORD_LIMITS.urlMax} placeholder='https://…' onInput={(x) => s('url', text(x))} />
        </FormField>
      ) : null}
    </View>
  );
}

function LinkLine({ link }: { link: HotTopicView['link'] }) {
  const t = linkText(link);
  return t ? <Text className='gk-dq__small e2e-record-link'>关联：{t}</Text> : null;
}

// ── 热点回应 ─────────────────────────────────────────────────────────────

export const HOT_TOPIC_SPEC: RecordSpec<HotTopicView, HotTopicDraft, HotTopicInput> = {
  kind: 'hot-topics',
  noun: '热点回应',
  fields: HOT_TOPIC_FIELDS,
  blank: (year) => blankHotTopic(defaultRecordDate(year, todayShanghai())),
  fromView: hotTopicDraft,
  toInput: (d) => hotTopicInput(d),
  yearOf: (v) => Number(v.date.slice(0, 4)),
  list: listHotTopics,
  create: createHotTopic,
  update: updateHotTopic,
  Item: ({ item }) => (
    <View>
      <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
        <Text className='gk-status'>{HOT_TOPIC_CHANNEL_LABELS[item.channel] ?? item.channel}</Text>
        <Text>{item.date}</Text>
      </View>
      <Text className='gk-staff-item__title e2e-record-title'>{item.subject}</Text>
      <LinkLine link={item.link} />
    </View>
  ),
  Form: ({ draft, set, errors }) => (
    <View>
      <FormField label='日期' required error={errors.date}>
        <DateField mode='date' value={draft.date} className='e2e-record-date' onChange={(v) => set('date', v)} />
      </FormField>
      <FormField label='回应事项' required error={errors.subject}>
        <Input className='gk-input e2e-record-subject' value={draft.subject} maxlength={REPORT_RECORD_LIMITS.subjectMax} onInput={(e) => set('subject', text(e))} />
      </FormField>
      <FormField label='回应渠道' required error={errors.channel}>
        <ChoiceChips
          options={HOT_TOPIC_CHANNELS.map((c) => ({ value: c, label: HOT_TOPIC_CHANNEL_LABELS[c] }))}
          selected={draft.channel ? [draft.channel] : []}
          onToggle={(v) => set('channel', v as HotTopicChannel)}
          hookPrefix='e2e-record-channel'
        />
      </FormField>
      <LinkFields draft={draft} set={set} errors={errors} />
    </View>
  ),
};

// ── 新闻发布会、政策吹风会 ───────────────────────────────────────────────

export const BRIEFING_SPEC: RecordSpec<BriefingView, BriefingDraft, BriefingInput> = {
  kind: 'briefings',
  noun: '发布会',
  fields: BRIEFING_FIELDS,
  blank: (year) => blankBriefing(defaultRecordDate(year, todayShanghai())),
  fromView: briefingDraft,
  toInput: (d) => briefingInput(d),
  yearOf: (v) => Number(v.date.slice(0, 4)),
  list: listBriefings,
  create: createBriefing,
  update: updateBriefing,
  Item: ({ item }) => (
    <View>
      <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
        <Text className='gk-status'>{BRIEFING_KIND_LABELS[item.kind] ?? item.kind}</Text>
        <Text>{item.date}</Text>
      </View>
      <Text className='gk-staff-item__title e2e-record-title'>{item.subject}</Text>
      <Text className='gk-dq__small'>发布人、解读人：{item.speakers}</Text>
      <LinkLine link={item.link} />
    </View>
  ),
  Form: ({ draft, set, errors }) => (
    <View>
      <FormField label='日期' required error={errors.date}>
        <DateField mode='date' value={draft.date} className='e2e-record-date' onChange={(v) => set('date', v)} />
      </FormField>
      <FormField label='类型' required error={errors.kind}>
        <ChoiceChips
          options={BRIEFING_KINDS.map((k) => ({ value: k, label: BRIEFING_KIND_LABELS[k] }))}
          selected={draft.kind ? [draft.kind] : []}
          onToggle={(v) => set('kind', v as BriefingKind)}
          hookPrefix='e2e-record-kind'
        />
      </FormField>
      <FormField label='主题' required error={errors.subject}>
        <Input className='gk-input e2e-record-subject' value={draft.subject} maxlength={REPORT_RECORD_LIMITS.subjectMax} onInput={(e) => set('subject', text(e))} />
      </FormField>
      <FormField label='发布人、解读人' required error={errors.speakers} hint='如：县教育局局长 张某'>
        <Input className='gk-input e2e-record-speakers' value={draft.speakers} maxlength={REPORT_RECORD_LIMITS.speakersMax} onInput={(e) => set('speakers', text(e))} />
      </FormField>
      <LinkFields draft={draft} set={set} errors={errors} />
    </View>
  ),
};

// ── 人大代表建议、政协提案 ───────────────────────────────────────────────

export const PROPOSAL_SPEC: RecordSpec<ProposalView, ProposalDraft, ProposalInput> = {
  kind: 'proposals',
  noun: '建议提案',
  fields: PROPOSAL_FIELDS,
  blank: () => blankProposal(),
  fromView: proposalDraft,
  toInput: (d, year) => proposalInput(d, year),
  yearOf: (v) => v.year,
  list: listProposals,
  create: createProposal,
  update: updateProposal,
  codeField: { PROPOSAL_DUPLICATE: 'number' },
  Item: ({ item }) => (
    <View>
      <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
        <Text className='gk-status'>{PROPOSAL_KIND_LABELS[item.kind] ?? item.kind}</Text>
        <Text>{item.number}</Text>
        <Text>{PROPOSAL_ROLE_LABELS[item.role] ?? item.role}</Text>
      </View>
      <Text className='gk-staff-item__title e2e-record-title'>{item.title}</Text>
      {item.partners ? <Text className='gk-dq__small'>{item.role === 'lead' ? '协办单位' : '主办单位'}：{item.partners}</Text> : null}
      <Text className='gk-dq__small e2e-record-reply'>
        {item.replyDate ? `${item.replyDate} 答复 · ${item.satisfaction ? PROPOSAL_SATISFACTION_LABELS[item.satisfaction] : '尚未评价'}` : '办理中'}
      </Text>
    </View>
  ),
  Form: ({ draft, set, errors }) => (
    <View>
      <FormField label='类型' required error={errors.kind}>
        <ChoiceChips
          options={PROPOSAL_KINDS.map((k) => ({ value: k, label: PROPOSAL_KIND_LABELS[k] }))}
          selected={draft.kind ? [draft.kind] : []}
          onToggle={(v) => set('kind', v as ProposalKind)}
          hookPrefix='e2e-record-kind'
        />
      </FormField>
      <FormField label='编号' required error={errors.number} hint='如：第45号'>
        <Input className='gk-input e2e-record-number' value={draft.number} maxlength={REPORT_RECORD_LIMITS.proposalNumberMax} onInput={(e) => set('number', text(e))} />
      </FormField>
      <FormField label='标题' required error={errors.title}>
        <Input className='gk-input e2e-record-subject' value={draft.title} maxlength={REPORT_RECORD_LIMITS.subjectMax} onInput={(e) => set('title', text(e))} />
      </FormField>
      <FormField label='本局承办' required error={errors.role}>
        <ChoiceChips
          options={PROPOSAL_ROLES.map((r) => ({ value: r, label: PROPOSAL_ROLE_LABELS[r] }))}
          selected={draft.role ? [draft.role] : []}
          onToggle={(v) => set('role', v as ProposalRole)}
          hookPrefix='e2e-record-role'
        />
      </FormField>
      <FormField label={draft.role === 'co' ? '主办单位' : '协办单位'} error={errors.partners}>
        <Input className='gk-input e2e-record-partners' value={draft.partners} maxlength={REPORT_RECORD_LIMITS.partnersMax} onInput={(e) => set('partners', text(e))} />
      </FormField>
      <FormField label='答复日期' error={errors.replyDate} hint='尚未答复的留空'>
        <DateField mode='date' value={draft.replyDate} className='e2e-record-reply-date' onChange={(v) => set('replyDate', v)} />
      </FormField>
      <FormField label='代表、委员评价' error={errors.satisfaction}>
        <ChoiceChips
          options={[{ value: 'none', label: '尚未评价' }, ...PROPOSAL_SATISFACTION.map((s) => ({ value: s, label: PROPOSAL_SATISFACTION_LABELS[s] }))]}
          selected={[draft.satisfaction || 'none']}
          onToggle={(v) => set('satisfaction', v === 'none' ? '' : (v as ProposalSatisfaction))}
          hookPrefix='e2e-record-satisfaction'
        />
      </FormField>
    </View>
  ),
};
