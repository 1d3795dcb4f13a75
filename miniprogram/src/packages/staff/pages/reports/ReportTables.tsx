import { ScrollView, Text, View } from '@tarojs/components';
import {
  TABLE3_COLUMNS,
  TABLE3_COLUMN_LABELS,
  TABLE3_ORGANIZATION_HEADING,
  TABLE3_RESULTS_HEADING,
  TABLE3_ROWS,
  type AnnualReportData,
  type ChallengeKind,
  type Table3Column,
  type Table3CountedRow,
} from '@gongkai/shared';
import { TABLE4_LAYOUT, isFailed, lawsuitHeading, table2Sections } from '../../utils/reports-format';

/**
 * Tables 二, 三 and 四 as the 2021 national format lays them out, drawn with views (weapp has no
 * <table>): fixed column widths, headings spanning columns as wider cells, each table scrolling
 * sideways on a phone. A cell a failed check names is highlighted.
 */

const ORG_COLUMNS = TABLE3_COLUMNS.filter((c) => c !== 'natural_person' && c !== 'total');

function Cell({ text, className = '', row, column }: { text: string | number; className?: string; row?: string; column?: string }) {
  return (
    <View className={`gk-rt__cell ${className}`} data-row={row} data-column={column}>
      <Text>{text}</Text>
    </View>
  );
}

export function Table2View({ data, bad }: { data: AnnualReportData; bad: Set<string> }) {
  return (
    <View className='gk-rt gk-rt--t2 e2e-report-table2'>
      {table2Sections(data.table2, bad).map((section) => (
        <View key={section.heading} className='gk-rt__block'>
          <Cell text={section.heading} className='gk-rt__cell--head gk-rt__cell--full' />
          <View className='gk-rt__row'>
            {section.columns.map((c, i) => (
              <Cell key={c} text={c} className={`gk-rt__cell--head ${i === 0 ? 'gk-rt__cell--label' : ''}`} />
            ))}
          </View>
          {section.rows.map((row) => (
            <View key={row[0]!.text} className='gk-rt__row'>
              {row.map((cell, i) => (
                <Cell
                  key={i}
                  text={cell.text}
                  row={cell.row}
                  column={cell.column}
                  className={`${i === 0 ? 'gk-rt__cell--label' : 'gk-rt__cell--num e2e-t2-cell'} ${cell.bad ? 'gk-rt__cell--bad e2e-cell-bad' : ''}`}
                />
              ))}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

export function Table3View({ data, bad }: { data: AnnualReportData; bad: Set<string> }) {
  const t3 = data.table3;
  return (
    <ScrollView className='gk-rt__scroll' scrollX>
      <View className='gk-rt gk-rt--t3 e2e-report-table3'>
        {/* The three heading rows: 申请人情况 over 自然人 · 法人或其他组织 (five kinds) · 总计. */}
        <View className='gk-rt__row'>
          <Cell text='（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）' className='gk-rt__cell--head gk-rt__cell--label gk-rt__cell--h3' />
          <View className='gk-rt__stack'>
            <Cell text='申请人情况' className='gk-rt__cell--head gk-rt__cell--h1 gk-rt__cell--span7' />
            <View className='gk-rt__row'>
              <Cell text={TABLE3_COLUMN_LABELS.natural_person} className='gk-rt__cell--head gk-rt__cell--h2 gk-rt__cell--num' />
              <View className='gk-rt__stack'>
                <Cell text={TABLE3_ORGANIZATION_HEADING} className='gk-rt__cell--head gk-rt__cell--h1 gk-rt__cell--span5' />
                <View className='gk-rt__row'>
                  {ORG_COLUMNS.map((c) => (
                    <Cell key={c} text={TABLE3_COLUMN_LABELS[c]} className='gk-rt__cell--head gk-rt__cell--h1 gk-rt__cell--num' />
                  ))}
                </View>
              </View>
              <Cell text={TABLE3_COLUMN_LABELS.total} className='gk-rt__cell--head gk-rt__cell--h2 gk-rt__cell--num' />
            </View>
          </View>
        </View>
        {TABLE3_ROWS.map((row, i) => {
          // 三、本年度办理结果 heads the outcome rows (its cell spans them in the format).
          const heading = i === 2 ? TABLE3_RESULTS_HEADING : null;
          return (
            <View key={row.key}>
              {heading ? (
                <View className='gk-rt__row'>
                  <Cell text={heading} className='gk-rt__cell--label gk-rt__cell--group' />
                  {TABLE3_COLUMNS.map((c) => (
                    <Cell key={c} text='' className='gk-rt__cell--num gk-rt__cell--blank' />
                  ))}
                </View>
              ) : null}
              <View className='gk-rt__row e2e-t3-row' data-row={row.key}>
                <Cell text={row.label} className={`gk-rt__cell--label gk-rt__cell--depth${row.depth}`} />
                {TABLE3_COLUMNS.map((c: Table3Column) => {
                  if (!row.counted) return <Cell key={c} text='' className='gk-rt__cell--num gk-rt__cell--blank' />;
                  const key = row.key as Table3CountedRow;
                  const failed = isFailed(bad, '三', key, c);
                  return <Cell key={c} text={t3[key]?.[c] ?? 0} row={key} column={c} className={`gk-rt__cell--num e2e-t3-cell ${failed ? 'gk-rt__cell--bad e2e-cell-bad' : ''}`} />;
                })}
              </View>
            </View>
          );
        })}
      </View>
    </ScrollView>
  );
}

function Table4Block({ data, bad, kind, heading }: { data: AnnualReportData; bad: Set<string>; kind: ChallengeKind; heading: string }) {
  const counts = data.table4[kind];
  return (
    <View className='gk-rt__stack'>
      <Cell text={heading} className={`gk-rt__cell--head gk-rt__cell--span5 ${kind === 'reconsideration' ? 'gk-rt__cell--h2' : 'gk-rt__cell--h1'}`} />
      <View className='gk-rt__row'>
        {TABLE4_LAYOUT.columns.map((c) => (
          <Cell key={c.key} text={c.label} className='gk-rt__cell--head gk-rt__cell--h1 gk-rt__cell--num' />
        ))}
      </View>
      <View className='gk-rt__row'>
        {TABLE4_LAYOUT.columns.map((c) => (
          <Cell
            key={c.key}
            text={counts?.[c.key] ?? 0}
            row={kind}
            column={c.key}
            className={`gk-rt__cell--num e2e-t4-cell ${isFailed(bad, '四', kind, c.key) ? 'gk-rt__cell--bad e2e-cell-bad' : ''}`}
          />
        ))}
      </View>
    </View>
  );
}

export function Table4View({ data, bad }: { data: AnnualReportData; bad: Set<string> }) {
  return (
    <ScrollView className='gk-rt__scroll' scrollX>
      <View className='gk-rt gk-rt--t4 e2e-report-table4'>
        <View className='gk-rt__row'>
          <Table4Block data={data} bad={bad} kind={TABLE4_LAYOUT.reconsideration} heading='行政复议' />
          <View className='gk-rt__stack'>
            <Cell text='行政诉讼' className='gk-rt__cell--head gk-rt__cell--h1 gk-rt__cell--span10' />
            <View className='gk-rt__row'>
              {TABLE4_LAYOUT.lawsuits.map((k) => (
                <Table4Block key={k} data={data} bad={bad} kind={k} heading={lawsuitHeading(k)} />
              ))}
            </View>
          </View>
        </View>
      </View>
    </ScrollView>
  );
}
