import { Text, View } from '@tarojs/components';
import { DISCLOSURE_LABELS, INFO_TYPE_LABELS, correctionLineText, type NoticeDetail } from '@gongkai/shared';
import { Attachment } from './Attachment';
import { NoticeHtml } from './NoticeHtml';
import { formatDate } from '../utils/format';
// The detail page's styles are the article's: one stylesheet, so the staff preview (which shows this
// same component) cannot drift from what parents see.
import '../pages/notice/detail.scss';

/** What the article shows: a public notice as the API gives it (a staff preview builds one from a draft). */
export type NoticeArticleData = Omit<NoticeDetail, 'id' | 'summary' | 'portalUrl'>;

function Meta({ label, value, hook }: { label: string; value: string; hook: string }) {
  return (
    <View className='gk-meta__row'>
      <Text className='gk-meta__label'>{label}</Text>
      <Text className={`gk-meta__value ${hook}`} selectable>
        {value}
      </Text>
    </View>
  );
}

function normativeText(notice: NoticeArticleData): string {
  return [notice.normativeIssuedOn ? `${notice.normativeIssuedOn} 印发` : '是', notice.normativeRepealedOn ? `${notice.normativeRepealedOn} 废止` : ''].filter(Boolean).join('，');
}

/**
 * A notice as parents read it: title, corrections, byline, the 公开目录 facts, topics, body and
 * attachments. The parents' detail page and the staff preview (compose, review) both draw this.
 */
export function NoticeArticle({ notice }: { notice: NoticeArticleData }) {
  return (
    <View className='gk-detail__content'>
      <Text className='gk-detail__title e2e-detail-title'>{notice.title}</Text>
      {notice.corrections.map((c) => (
        <Text key={c.correctedAt} className='gk-detail__correction e2e-notice-correction' selectable>
          {correctionLineText(c)}
        </Text>
      ))}
      <View className='gk-detail__byline'>
        <Text className='e2e-notice-unit'>{notice.unit.name}</Text>
        <Text className='gk-detail__dot'>·</Text>
        <Text className='e2e-notice-date'>{formatDate(notice.publishedAt)}</Text>
        <Text className='gk-detail__dot'>·</Text>
        <Text>阅读 {notice.viewCount}</Text>
      </View>
      <View className='gk-meta'>
        <Meta label='索引号' value={notice.indexNo} hook='e2e-notice-indexno' />
        {notice.documentNo ? <Meta label='文号' value={notice.documentNo} hook='e2e-notice-docno' /> : null}
        <Meta label='发布机构' value={notice.unit.name} hook='e2e-notice-publisher' />
        <Meta label='分类' value={notice.category.name} hook='e2e-notice-category' />
        <Meta label='信息类别' value={INFO_TYPE_LABELS[notice.infoType] ?? notice.infoType} hook='e2e-notice-infotype' />
        <Meta label='公开方式' value={DISCLOSURE_LABELS[notice.disclosure] ?? notice.disclosure} hook='e2e-notice-disclosure' />
        {notice.normative ? <Meta label='规范性文件' value={normativeText(notice)} hook='e2e-notice-normative' /> : null}
      </View>
      {notice.topics.length ? (
        <View className='gk-detail__topics'>
          {notice.topics.map((t) => (
            <Text key={t.code} className='gk-detail__topic'>
              {t.name}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='gk-detail__body e2e-notice-body'>
        <NoticeHtml html={notice.bodyHtml} />
      </View>
      {notice.attachments.length ? (
        <View className='gk-detail__attachments e2e-attachments'>
          <Text className='gk-detail__attachments-title'>附件</Text>
          {notice.attachments.map((a) => (
            <Attachment key={a.url} a={a} />
          ))}
        </View>
      ) : null}
    </View>
  );
}
