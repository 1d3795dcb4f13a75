import type { PushAudienceKind, PushDeliveryStatus, PushFailureReason, PushFieldType } from '@gongkai/shared';

export const AUDIENCE_LABELS: Record<PushAudienceKind, string> = { category: '本目录订阅者', topic: '专题订阅者', unit: '本单位订阅者', all: '全部家长' };
export const CHANNEL_LABELS = { subscribe: '小程序订阅消息', template: '公众号模板消息' } as const;
export const SOURCE_LABELS: Record<string, string> = { title: '标题', summary: '摘要', publishedAt: '发布时间', unitName: '发布单位', categoryName: '公开目录', indexNo: '索引号' };

export const DELIVERY_STATUS_LABELS: Record<PushDeliveryStatus, string> = {
  queued: '排队中', sending: '发送中', sent: '已发送', failed: '失败', skipped: '跳过', cancelled: '已取消',
};

export const REASON_LABELS: Record<PushFailureReason, string> = {
  no_quota: '未同意接收', no_openid: '无小程序身份', not_following: '未关注公众号', refused: '用户拒收', invalid_openid: '身份无效',
  invalid_template: '模板无效', invalid_data: '内容不符合模板', retries_exhausted: '多次重试失败', outcome_unknown: '结果未知', error: '其他错误',
};

const TEXT_TYPES: readonly PushFieldType[] = ['thing', 'keyword', 'phrase', 'character_string'];
const TIME_TYPES: readonly PushFieldType[] = ['time', 'date'];

/** title → the first text field, publishedAt → the time (or date) field, unitName → the next text field, then categoryName. */
export function defaultMapping(fields: Record<string, PushFieldType>): Record<string, string> {
  const out: Record<string, string> = {};
  const text = ['title', 'unitName', 'categoryName'];
  let timeDone = false;
  for (const [key, type] of Object.entries(fields)) {
    if (TIME_TYPES.includes(type) && !timeDone) {
      out[key] = 'publishedAt';
      timeDone = true;
    } else if (TEXT_TYPES.includes(type) && text.length) {
      out[key] = text.shift()!;
    } else {
      out[key] = '';
    }
  }
  return out;
}
