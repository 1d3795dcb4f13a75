import {
  PUSH_FIELD_LIMITS,
  PUSH_FIELD_SOURCES,
  PUSH_FIELD_TYPE_NAMES,
  cleanText,
  pushFieldLabel,
  type PushAudienceKind,
  type PushChannel,
  type PushDeliveryStatus,
  type PushFailureReason,
  type PushFieldSource,
  type PushFieldType,
  type PushPreviewChannel,
  type PushTemplateView,
} from '@gongkai/shared';

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

/** Code → name over lists of categories, topics and units, to name a push's audience (招生考试, not ZSKS). */
export function namesByCode(...lists: readonly (readonly { code: string; name: string }[])[]): Record<string, string> {
  return Object.fromEntries(lists.flat().map((x) => [x.code, x.name]));
}

// ---- the field mapping form, in words ---------------------------------------------------

/** Where a field's value comes from: one of the notice's fields, or text staff write. */
export type MappingChoice = PushFieldSource | 'text';

/** A mapping value as the choice the form marks: a notice field's name, or anything else as written text. */
export function choiceOf(value: string | undefined): MappingChoice {
  return (PUSH_FIELD_SOURCES as readonly string[]).includes(value ?? '') ? (value as PushFieldSource) : 'text';
}

export const CHOICE_LABELS: Record<MappingChoice, string> = { ...(SOURCE_LABELS as Record<PushFieldSource, string>), text: '自定义文字' };

/** One row of the mapping form: a field of the chosen templates, named as the phone names it. */
export interface MappingRow {
  key: string;
  /** The template's keyword name (both templates' when they differ: `通知标题 / 信息标题`). */
  label: string;
  /** The notice fields offered: a time or date keyword takes only the publication time (anything else would be refused). */
  choices: MappingChoice[];
}

/** The rows of the mapping form for the chosen templates (a key both templates have is one row: the mapping is by key). */
export function mappingRows(templates: readonly PushTemplateView[]): MappingRow[] {
  const rows = new Map<string, { labels: string[]; types: PushFieldType[] }>();
  for (const t of templates) {
    Object.entries(t.fields).forEach(([key, type], i) => {
      const row = rows.get(key) ?? { labels: [], types: [] };
      const label = pushFieldLabel(key, type, t.labels, i);
      if (!row.labels.includes(label)) row.labels.push(label);
      row.types.push(type);
      rows.set(key, row);
    });
  }
  return [...rows].map(([key, { labels, types }]) => ({
    key,
    label: labels.join(' / '),
    choices: types.every((t) => TIME_TYPES.includes(t)) ? ['publishedAt', 'text'] : [...PUSH_FIELD_SOURCES, 'text'],
  }));
}

// ---- the preview, in words --------------------------------------------------------------

/** One keyword line of the message card: the template's name for it and the value as sent (null: it cannot be sent). */
export interface PushCardRow {
  key: string;
  label: string;
  value: string | null;
}

/** Something staff should know about one field: `changed` (the value is sent otherwise than written), `time` (how the time is shown). */
export interface PushCardNote {
  key: string;
  kind: 'changed' | 'time';
  text: string;
}

/** A channel's message as the recipient's phone shows it, and what staff must know about it, all in words. */
export interface PushCard {
  channel: PushChannel;
  /** Where it arrives on the phone. */
  arrives: string;
  /** The template's title. */
  title: string;
  rows: PushCardRow[];
  /** The link line at the card's foot, as WeChat writes it (null: the message opens nothing). */
  link: string | null;
  /** What tapping it opens. */
  opens: string;
  notes: PushCardNote[];
  problems: { key: string; text: string }[];
  /** One line: whether it can be sent. */
  verdict: string;
}

const count = (s: string): number => Array.from(s).length;

/** How many characters a field of `type` may hold in `channel` (null: not a length rule). */
function limitOf(type: PushFieldType, channel: PushChannel): number | null {
  const own: Partial<Record<PushFieldType, number>> = {
    thing: PUSH_FIELD_LIMITS.thing,
    keyword: PUSH_FIELD_LIMITS.thing,
    phrase: PUSH_FIELD_LIMITS.phrase,
    character_string: PUSH_FIELD_LIMITS.character_string,
    letter: PUSH_FIELD_LIMITS.letter,
    symbol: PUSH_FIELD_LIMITS.symbol,
    name: PUSH_FIELD_LIMITS.nameChinese,
  };
  const limit = own[type] ?? null;
  return channel === 'template' ? Math.min(limit ?? PUSH_FIELD_LIMITS.templateField, PUSH_FIELD_LIMITS.templateField) : limit;
}

/** Why a value is sent otherwise than written, in words. */
export function changeNote(label: string, type: PushFieldType, channel: PushChannel, from: string, to: string): string {
  const before = cleanText(from);
  if (before === '') return `${label}为空，发送时显示为“${to}”`;
  if (before === to) return `${label}含换行或多余空格，发送时整理为：“${to}”`;
  const limit = limitOf(type, channel);
  if (limit !== null && count(before) > limit && count(to) <= limit) return `${label}超过${limit}个字，发送时截为：“${to}”`;
  if (type === 'time' || type === 'date') return `${label}按模板格式发送为：${to}`;
  return `${label}按模板要求发送为：“${to}”`;
}

/** Why a field cannot be sent, in words (the server's message names the field's type first: that becomes the field's name). */
export function problemText(label: string, type: PushFieldType, message: string): string {
  const typeName = PUSH_FIELD_TYPE_NAMES[type] ?? '';
  if (message === '未指定该字段的内容' || /为空$/.test(message) || message === `${typeName}无法识别：`) return `缺少${label}，无法发送`;
  const rest = typeName && message.startsWith(typeName) ? message.slice(typeName.length) : `：${message}`;
  return `${label}${rest}，无法发送`;
}

/**
 * A channel's preview drawn as the phone shows it (the template's title, each keyword's name
 * and value, the link), with what staff must know in words: what was cut or filled in, how the
 * publication time is shown, what cannot be sent. `mapping` is the form's (to tell which fields
 * hold the publication time).
 */
export function pushCard(p: PushPreviewChannel, noticeTitle: string, mapping: Record<string, string>): PushCard {
  const rows: PushCardRow[] = [];
  const notes: PushCardNote[] = [];
  const problems: { key: string; text: string }[] = [];
  for (const f of p.fields) {
    const value = p.data[f.key]?.value ?? null;
    rows.push({ key: f.key, label: f.label, value });
    const problem = p.problems.find((x) => x.key === f.key);
    if (problem) {
      problems.push({ key: f.key, text: problemText(f.label, f.type, problem.message) });
      continue;
    }
    const change = p.changed.find((x) => x.key === f.key);
    if (change) notes.push({ key: f.key, kind: 'changed', text: changeNote(f.label, f.type, p.channel, change.from, change.to) });
    else if (mapping[f.key] === 'publishedAt' && value !== null) notes.push({ key: f.key, kind: 'time', text: `${f.label}按北京时间显示为 ${value}` });
  }
  const subscribe = p.channel === 'subscribe';
  return {
    channel: p.channel,
    arrives: subscribe ? '微信「服务通知」' : '公众号消息',
    title: p.templateName,
    rows,
    link: p.opensNotice ? '进入小程序查看详情' : null,
    opens: p.opensNotice ? `点击查看：${noticeTitle}` : '点击后不打开页面（未配置小程序）',
    notes,
    problems,
    verdict: problems.length ? `有 ${problems.length} 项无法发送，请先修改` : '可以发送：每项都符合模板要求',
  };
}
