import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { PARENT_DISPLAY_NAME_MAX, type ConsentChannel, type ConsentKind, type ParentConsentsView, type ParentDataExport, type ParentMe } from '@gongkai/shared';
import { charCount } from '../../../../inquiry/inquiry';
import { formatDateTime } from '../../../../utils/format';
import type { MyData } from './useMyData';

/** Chinese names of the export's common fields; any other key is shown as it is. */
const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  displayName: '账号名称',
  openid: '微信 openid',
  unionid: '微信 unionid',
  demo: '演示账号',
  createdAt: '创建时间',
  lastLoginAt: '最后登录',
  phone: '联系电话',
  trackingNo: '查询编号',
  kind: '类型',
  subject: '标题',
  content: '内容',
  status: '状态',
  reply: '答复',
  photos: '照片',
  photoIds: '照片',
  allowPublish: '同意公开',
  involvesChild: '涉及子女信息',
  channel: '渠道',
  version: '版本',
  granted: '同意',
  at: '时间',
  sentAt: '发送时间',
  receivedAt: '收到时间',
  dueDate: '答复期限',
  kindLabel: '类型',
  statusLabel: '状态',
  unitName: '承办单位',
  reopenCount: '重新办理次数',
  timeline: '办理过程',
  rating: '评价',
  inquiryId: '所属事项',
  contentType: '文件类型',
  bytes: '大小（字节）',
  url: '地址',
  targetKind: '订阅类别',
  targetCode: '订阅对象',
  templateId: '消息模板',
  remaining: '剩余提醒次数',
  lastResult: '最近一次选择',
  updatedAt: '更新时间',
  campaignId: '推送批次',
  reason: '原因',
  followed: '关注中',
  followedAt: '关注时间',
  unfollowedAt: '取消关注时间',
  inboundMessages: '发给公众号的消息数',
};

/** What kind of row a record is (the export's `record` field). */
const RECORD_LABELS: Record<string, string> = {
  inquiry: '咨询投诉',
  photo: '照片',
  subscription: '订阅',
  subscribe_quota: '消息提醒次数',
  delivery: '消息发送记录',
  follower: '公众号关注',
};

const CHANNEL_LABELS: Record<ConsentChannel, string> = { weapp: '小程序', h5: '网页', api: '接口' };

/** Codes the export keeps as stored, in words (the downloaded file keeps the codes). */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  lastResult: { accept: '允许', reject: '拒绝', ban: '已被封禁', filter: '被过滤' },
  targetKind: { category: '栏目', topic: '专题', unit: '单位' },
  channel: { weapp: '小程序', h5: '网页', api: '接口', subscribe: '订阅消息', template: '模板消息', oa: '公众号' },
};

/** A code field is left out where the record also carries its words (`kind` beside `kindLabel`). */
function shownFields(record: Record<string, unknown>): [string, unknown][] {
  return Object.entries(record).filter(([k]) => k !== 'record' && !(`${k}Label` in record));
}

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? formatDateTime(value) : value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export function AccountCard({ me, onRename, busy }: { me: ParentMe | null | undefined; onRename: MyData['rename']; busy: boolean }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  if (!me) return null;
  const trimmed = name.trim();
  const invalid = !trimmed || charCount(trimmed) > PARENT_DISPLAY_NAME_MAX;
  const save = async () => {
    if (!invalid && (await onRename(trimmed))) setEditing(false);
  };
  return (
    <View className='gk-pv__section e2e-mydata-account'>
      <Text className='gk-pv__title'>账号</Text>
      <View className='gk-pv__line'>
        <Text className='gk-pv__key'>账号名称</Text>
        <Text className='gk-pv__value e2e-mydata-name'>{me.displayName}</Text>
        {editing ? null : (
          <Text
            className='gk-pv__action e2e-mydata-name-edit'
            onClick={() => {
              setName(me.displayName);
              setEditing(true);
            }}
          >
            更正
          </Text>
        )}
      </View>
      {editing ? (
        <View className='gk-pv__edit'>
          <Input className='gk-pv__input e2e-mydata-name-input' value={name} maxlength={PARENT_DISPLAY_NAME_MAX} onInput={(e) => setName(e.detail.value)} />
          <Text className='gk-pv__note'>1–{PARENT_DISPLAY_NAME_MAX} 个字，仅用于办理页面上称呼您。</Text>
          <View className='gk-pv__buttons'>
            <View className='gk-pv__button gk-pv__button--plain e2e-mydata-name-cancel' onClick={() => setEditing(false)}>
              <Text>取消</Text>
            </View>
            <View className={`gk-pv__button e2e-mydata-name-save ${busy || invalid ? 'gk-pv__button--disabled' : ''}`} onClick={() => void save()}>
              <Text>保存</Text>
            </View>
          </View>
        </View>
      ) : null}
      <View className='gk-pv__line'>
        <Text className='gk-pv__key'>注册时间</Text>
        <Text className='gk-pv__value'>{formatDateTime(me.createdAt)}</Text>
      </View>
    </View>
  );
}

/** Everything the bureau holds, section by section, as the export has it. */
export function DataSections({ data, onDownload, busy }: { data: ParentDataExport; onDownload: MyData['download']; busy: boolean }) {
  const h5 = process.env.TARO_ENV !== 'weapp';
  return (
    <View className='gk-pv__section e2e-mydata-data'>
      <Text className='gk-pv__title'>我们保存的您的信息</Text>
      <Text className='gk-pv__note'>以下是教育局保存的与您有关的全部信息（生成于 {formatDateTime(data.generatedAt)}），只有您本人可以看到完整内容。</Text>
      {h5 ? (
        <View className={`gk-pv__button e2e-mydata-download ${busy ? 'gk-pv__button--disabled' : ''}`} onClick={() => void onDownload()}>
          <Text>下载全部信息（JSON 文件）</Text>
        </View>
      ) : (
        <>
          <View className='gk-pv__button gk-pv__button--disabled e2e-mydata-copy'>
            <Text>复制（小程序中不提供）</Text>
          </View>
          <Text className='gk-pv__note e2e-mydata-weapp-note'>小程序中无法保存文件，复制到剪贴板也需要另行授权，因此全部信息显示在本页。如需文件，请在网页版“我的信息”中下载，或提交“查阅、复制”申请。</Text>
        </>
      )}
      {data.sections.map((s) => (
        <View key={s.key} className='gk-pv__group e2e-mydata-section' data-key={s.key}>
          <Text className='gk-pv__group-title'>
            {s.label}（{s.records.length}）
          </Text>
          {s.records.length === 0 ? <Text className='gk-pv__note'>无</Text> : null}
          {s.records.map((r, i) => (
            <View key={i} className='gk-pv__record e2e-mydata-record' data-record={typeof r.record === 'string' ? r.record : ''}>
              {typeof r.record === 'string' ? <Text className='gk-pv__record-title'>{RECORD_LABELS[r.record] ?? r.record}</Text> : null}
              {shownFields(r).map(([k, v]) => (
                <View key={k} className='gk-pv__line e2e-mydata-field' data-field={k}>
                  <Text className='gk-pv__key'>{FIELD_LABELS[k] ?? k}</Text>
                  <Text className='gk-pv__value'>{typeof v === 'string' && VALUE_LABELS[k]?.[v] ? VALUE_LABELS[k]![v] : valueText(v)}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

/** Each consent as it stands, with 撤回 (after reading what it does) or 同意; the history below. */
export function ConsentsCard({ view, onChange, busy }: { view: ParentConsentsView; onChange: MyData['setConsent']; busy: boolean }) {
  const [confirming, setConfirming] = useState<ConsentKind | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const labels = Object.fromEntries(view.current.map((c) => [c.kind, c.label]));
  return (
    <View className='gk-pv__section e2e-mydata-consents'>
      <Text className='gk-pv__title'>我的同意</Text>
      {view.current.map((c) => (
        <View key={c.kind} className='gk-pv__consent e2e-consent' data-kind={c.kind} data-granted={c.granted ? 'true' : 'false'}>
          <View className='gk-pv__line'>
            <Text className='gk-pv__key gk-pv__key--wide'>{c.label}</Text>
            <Text className={`gk-pv__state ${c.granted ? 'gk-pv__state--on' : ''} e2e-consent-state`}>
              {c.granted ? '已同意' : c.at ? '已撤回' : '未同意'}
            </Text>
          </View>
          <Text className='gk-pv__note'>{c.gives}</Text>
          {c.at ? (
            <Text className='gk-pv__note'>
              {formatDateTime(c.at)} {c.channel ? `通过${CHANNEL_LABELS[c.channel]}` : ''}
              {c.granted ? '同意' : '撤回'}
              {c.version ? `（版本 ${c.version}）` : ''}
            </Text>
          ) : null}
          {confirming === c.kind ? (
            <View className='gk-pv__confirm e2e-consent-confirm-box'>
              <Text className='gk-pv__warn'>{c.withdrawal}</Text>
              <View className='gk-pv__buttons'>
                <View className='gk-pv__button gk-pv__button--plain' onClick={() => setConfirming(null)}>
                  <Text>取消</Text>
                </View>
                <View
                  className={`gk-pv__button e2e-consent-withdraw-confirm ${busy ? 'gk-pv__button--disabled' : ''}`}
                  onClick={() => void onChange(c.kind, false).then(() => setConfirming(null))}
                >
                  <Text>确认撤回</Text>
                </View>
              </View>
            </View>
          ) : c.granted ? (
            <Text className='gk-pv__action e2e-consent-withdraw' onClick={() => setConfirming(c.kind)}>
              撤回同意
            </Text>
          ) : (
            <Text className='gk-pv__action e2e-consent-give' onClick={() => void onChange(c.kind, true)}>
              同意
            </Text>
          )}
        </View>
      ))}
      {view.notice.needsAgreement ? <Text className='gk-pv__warn e2e-consent-notice-needed'>个人信息保护政策（版本 {view.notice.currentVersion}）尚未同意，提交咨询、上传照片前需要同意。</Text> : null}
      <Text className='gk-pv__action e2e-consent-history-toggle' onClick={() => setShowHistory(!showHistory)}>
        {showHistory ? '收起记录' : `全部记录（${view.history.length}）`}
      </Text>
      {showHistory
        ? view.history.map((h) => (
            <Text key={h.id} className='gk-pv__note e2e-consent-record' data-kind={h.kind}>
              {formatDateTime(h.at)} {CHANNEL_LABELS[h.channel]} {h.granted ? '同意' : '撤回'} {labels[h.kind] ?? h.kind}
              {h.version ? `（版本 ${h.version}）` : ''}
              {h.subject ? ` · ${h.subject}` : ''}
            </Text>
          ))
        : null}
    </View>
  );
}
