import { Text, View } from '@tarojs/components';
import { DISCLOSURE_LABELS, NOTICE_STATUS_LABELS, REVIEW_ACTION_LABELS, REVIEW_STEP_LABELS, STAFF_ROLE_LABELS, isReviewStep, type ReviewLogEntry, type StaffNoticeView } from '@gongkai/shared';
import { formatDateTime } from '../../utils/time';

function roleLabel(role: ReviewLogEntry['role']): string {
  if (role === 'author') return '撰稿人';
  if (role === 'system') return '系统';
  return STAFF_ROLE_LABELS[role] ?? role;
}

function stepLabel(status: StaffNoticeView['status']): string {
  return isReviewStep(status) ? REVIEW_STEP_LABELS[status] : NOTICE_STATUS_LABELS[status] ?? status;
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

/** 审核记录: every step of every round, oldest first. */
export function ReviewLog({ log }: { log: ReviewLogEntry[] }) {
  return (
    <View className='gk-review__section'>
      <Text className='gk-review__section-title'>审核记录</Text>
      <View className='gk-log e2e-review-log'>{log.length ? log.map((e) => <LogItem key={e.id} entry={e} />) : <Text className='gk-review__note'>尚未提交审核</Text>}</View>
    </View>
  );
}
