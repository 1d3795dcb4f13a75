import { Text, View } from '@tarojs/components';
import { DISCLOSURE_LABELS, INFO_TYPE_LABELS, NOTICE_STATUS_LABELS, type RoundChanges, type StaffNoticeView, type TextChange } from '@gongkai/shared';
import { Attachment } from '../../../../components/Attachment';
import { NoticeHtml } from '../../../../components/NoticeHtml';
import { withFileUrls } from '../../../../utils/body-html';
import { formatDateTime } from '../../utils/time';

function normativeText(n: StaffNoticeView): string {
  return [n.normativeIssuedOn && `${n.normativeIssuedOn} 印发`, n.normativeRepealedOn && `${n.normativeRepealedOn} 废止`].filter(Boolean).join('，') || '是';
}

/**
 * The notice under review: status, round, metadata, body and attachments. The attachments carry
 * signed urls (the files are not public yet): they open as they are, and body pictures that are
 * attached files are shown through them too. `withContent` false (a desk, where the phone frame
 * beside shows body and attachments as parents will read them): the facts only.
 */
export function ReviewedNotice({ notice, unitName, categoryName, withContent = true }: { notice: StaffNoticeView; unitName: string; categoryName: string; withContent?: boolean }) {
  const bodyHtml = withFileUrls(notice.bodyHtml, (fileId) => notice.attachments.find((a) => a.fileId === fileId)?.url);
  return (
    <View className='gk-review__card'>
      <View className='gk-review__head'>
        <Text className='gk-status e2e-review-status' data-status={notice.status}>
          {NOTICE_STATUS_LABELS[notice.status] ?? notice.status}
        </Text>
        {notice.round > 0 ? <Text className='gk-review__round'>第 {notice.round} 轮</Text> : null}
      </View>
      <Text className='gk-review__title e2e-review-title'>{notice.title}</Text>
      <View className='gk-review__meta'>
        <Text>发布机构：{unitName}</Text>
        <Text>分类：{categoryName}</Text>
        <Text>信息类别：{INFO_TYPE_LABELS[notice.infoType] ?? notice.infoType}</Text>
        {notice.documentNo ? <Text>文号：{notice.documentNo}</Text> : null}
        {notice.indexNo ? <Text>索引号：{notice.indexNo}</Text> : null}
        <Text>
          公开属性：{DISCLOSURE_LABELS[notice.disclosure] ?? notice.disclosure}
          {notice.disclosureReason ? `（${notice.disclosureReason}）` : ''}
        </Text>
        {notice.normative ? <Text>规范性文件：{normativeText(notice)}</Text> : null}
        <Text>撰稿人：{notice.authorName}</Text>
        {notice.publishedAt ? <Text>发布时间：{formatDateTime(notice.publishedAt)}</Text> : null}
        {notice.status === 'scheduled' && notice.publishAt ? <Text className='e2e-review-publish-at'>定时发布：{formatDateTime(notice.publishAt)}</Text> : null}
      </View>
      {notice.summary ? <Text className='gk-review__summary'>摘要：{notice.summary}</Text> : null}
      {withContent ? (
        <View className='gk-staff-body e2e-review-body'>
          <NoticeHtml html={bodyHtml} />
        </View>
      ) : null}
      {withContent && notice.attachments.length ? (
        <View className='gk-review__attachments'>
          {notice.attachments.map((a) => (
            <Attachment key={a.url} a={a} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

function Diff({ parts, hook }: { parts: TextChange[]; hook: string }) {
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

/** What changed in the title and body since the last round. */
export function RoundChangesView({ changes }: { changes: RoundChanges }) {
  return (
    <View className='gk-review__section e2e-review-changes'>
      <Text className='gk-review__section-title'>
        本轮修改（第 {changes.fromRound} 轮 → 第 {changes.toRound} 轮）
      </Text>
      <Text className='gk-review__label'>标题</Text>
      <Diff parts={changes.title} hook='e2e-review-changes-title' />
      <Text className='gk-review__label'>正文</Text>
      <Diff parts={changes.body} hook='e2e-review-changes-body' />
    </View>
  );
}
