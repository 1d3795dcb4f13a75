import { Text, View } from '@tarojs/components';
import { ZONING_STAGE_LABELS, type ZoningDiff } from '@gongkai/shared';

/**
 * What a table changes against another: schools added and removed, rule counts, and each range of
 * addresses that moves from one school to another (“地点：原学校 → 新学校”).
 */
export function DiffView({ diff }: { diff: ZoningDiff }) {
  return (
    <View className='gk-zs__diff e2e-zoning-diff'>
      <Text className='gk-zs__note e2e-zoning-diff-against'>
        {diff.from ? `${diff.to.year}年与${diff.from.year}年相比` : `${diff.to.year}年没有可对比的上一年度划片表`}
      </Text>
      <View className='gk-zs__counts'>
        <Text className='gk-zs__count e2e-zoning-diff-rules-added'>新增规则 {diff.rulesAdded}</Text>
        <Text className='gk-zs__count e2e-zoning-diff-rules-removed'>删除规则 {diff.rulesRemoved}</Text>
        <Text className='gk-zs__count e2e-zoning-diff-rules-unchanged'>未变 {diff.rulesUnchanged}</Text>
      </View>
      <Text className='gk-zs__sub'>新增学校（{diff.schoolsAdded.length}）</Text>
      {diff.schoolsAdded.length ? (
        diff.schoolsAdded.map((s) => (
          <Text key={s} className='gk-zs__list-item e2e-zoning-diff-school-added'>
            {s}
          </Text>
        ))
      ) : (
        <Text className='gk-zs__note'>无</Text>
      )}
      <Text className='gk-zs__sub'>不再划片的学校（{diff.schoolsRemoved.length}）</Text>
      {diff.schoolsRemoved.length ? (
        diff.schoolsRemoved.map((s) => (
          <Text key={s} className='gk-zs__list-item e2e-zoning-diff-school-removed'>
            {s}
          </Text>
        ))
      ) : (
        <Text className='gk-zs__note'>无</Text>
      )}
      <Text className='gk-zs__sub'>学区调整（{diff.movesTotal} 处）</Text>
      {diff.moves.length ? (
        diff.moves.map((m, i) => (
          <View key={`${m.stage}-${m.place}-${i}`} className='gk-zs__move e2e-zoning-diff-move' data-stage={m.stage}>
            <Text className='gk-zs__move-stage'>{ZONING_STAGE_LABELS[m.stage]}</Text>
            <Text className='e2e-zoning-diff-move-text'>
              {m.place}：{m.fromSchool ?? '（未划入）'} → {m.toSchool ?? '（不再划入）'}
            </Text>
          </View>
        ))
      ) : (
        <Text className='gk-zs__note'>无</Text>
      )}
      {diff.moves.length < diff.movesTotal ? <Text className='gk-zs__note'>仅列出前 {diff.moves.length} 处，共 {diff.movesTotal} 处。</Text> : null}
    </View>
  );
}
