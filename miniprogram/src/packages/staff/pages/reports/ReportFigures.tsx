import { Text, View } from '@tarojs/components';
import {
  BRIEFING_KINDS,
  BRIEFING_KIND_LABELS,
  HOT_TOPIC_CHANNELS,
  HOT_TOPIC_CHANNEL_LABELS,
  INFO_TYPES,
  INFO_TYPE_LABELS,
  OUTCOME_GROUPS,
  OUTCOME_GROUP_LABELS,
  PROPOSAL_KIND_LABELS,
  INQUIRY_KINDS,
  type ReportFigures,
} from '@gongkai/shared';
import { count, percent } from '../../utils/reports-format';

function Line({ label, value, hook }: { label: string; value: string; hook?: string }) {
  return (
    <View className={`gk-rf__line ${hook ?? ''}`}>
      <Text className='gk-rf__label'>{label}</Text>
      <Text className='gk-rf__value'>{value}</Text>
    </View>
  );
}

/** The figures the report states in the bureau's own words (section 一 and the charts), as the server counted them. */
export function ReportFiguresView({ figures }: { figures: ReportFigures }) {
  const channels = HOT_TOPIC_CHANNELS.filter((c) => (figures.hotTopics.byChannel[c] ?? 0) > 0);
  return (
    <View className='gk-rf e2e-report-figures'>
      <Text className='gk-rf__group'>主动公开</Text>
      <Line label='全年主动公开信息' value={`${count(figures.published.total)} 条`} hook='e2e-figure-published' />
      {INFO_TYPES.map((t) => (
        <Line key={t} label={`其中 ${INFO_TYPE_LABELS[t]}`} value={`${count(figures.published.byType[t])} 条`} hook={`e2e-figure-published-${t}`} />
      ))}
      <Line label='全年浏览量' value={`${count(figures.pageViews)} 次`} hook='e2e-figure-page-views' />

      <Text className='gk-rf__group'>解读回应</Text>
      <Line label='回应热点' value={`${count(figures.hotTopics.total)} 次`} hook='e2e-figure-hot-topics' />
      {channels.length ? <Text className='gk-rf__note'>{channels.map((c) => `${HOT_TOPIC_CHANNEL_LABELS[c]} ${figures.hotTopics.byChannel[c]}`).join('，')}</Text> : null}
      {BRIEFING_KINDS.map((k) => (
        <Line key={k} label={BRIEFING_KIND_LABELS[k]} value={`${count(figures.briefings.byKind[k])} 场`} hook={`e2e-figure-briefings-${k}`} />
      ))}

      <Text className='gk-rf__group'>建议提案办理</Text>
      {figures.proposals.map((p) => (
        <View key={p.kind} className={`gk-rf__block e2e-figure-proposals-${p.kind}`}>
          <Line label={PROPOSAL_KIND_LABELS[p.kind]} value={`主办 ${p.lead} 件，协办 ${p.co} 件`} />
          <Text className='gk-rf__note'>
            已答复 {p.replied} 件：满意 {p.satisfied}，基本满意 {p.basicallySatisfied}，不满意 {p.unsatisfied}；满意率 {percent(p.satisfactionRate)}
          </Text>
        </View>
      ))}

      <Text className='gk-rf__group'>咨询投诉</Text>
      <Line label='全年收到' value={`${count(figures.inquiries.total)} 件`} hook='e2e-figure-inquiries' />
      {figures.inquiries.byKind.map((k) => (
        <View key={k.kind} className={`gk-rf__block e2e-figure-inquiries-${k.kind}`}>
          <Line label={INQUIRY_KINDS.find((i) => i.code === k.kind)?.label ?? k.kind} value={`收到 ${k.received}，已答复 ${k.replied}`} />
          <Text className='gk-rf__note'>
            按时答复率 {percent(k.onTimeRate)}；评价 {k.rated} 件，满意率 {percent(k.satisfactionRate)}
          </Text>
        </View>
      ))}

      <Text className='gk-rf__group'>消息推送</Text>
      <Line label='推送' value={`${count(figures.pushes.campaigns)} 次，送达 ${count(figures.pushes.sent)} 条`} hook='e2e-figure-pushes' />

      <Text className='gk-rf__group'>依申请公开办理结果</Text>
      {OUTCOME_GROUPS.map((g) => (
        <Line key={g} label={OUTCOME_GROUP_LABELS[g]} value={`${count(figures.requestsByOutcomeGroup[g])} 件`} hook={`e2e-figure-requests-${g}`} />
      ))}
    </View>
  );
}
