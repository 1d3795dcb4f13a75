import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { CreatePushRequest, PushAudience, PushChannel, PushPreviewResponse, PushTemplateView } from '@gongkai/shared';
import { getStaffNotice } from '../../../../api/staff';
import { createPush, getPushTemplates, previewPush } from '../../../../api/push';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import { AUDIENCE_LABELS, CHANNEL_LABELS, SOURCE_LABELS, defaultMapping } from '../../utils/push';
import '../../components/staff.scss';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';

const CHANNELS: PushChannel[] = ['subscribe', 'template'];

/** 推送: one published notice to its subscribers — audience, channels, template, field mapping, 预览, 发送. */
export default function StaffPush() {
  const router = useRouter();
  const id = param(router.params, 'id');
  const state = useAsync(async () => {
    const [notice, templates] = await Promise.all([getStaffNotice(id), getPushTemplates()]);
    return { notice, templates };
  }, [id]);

  const [audience, setAudience] = useState<PushAudience | null>(null);
  const [channels, setChannels] = useState<PushChannel[] | null>(null);
  const [templateIds, setTemplateIds] = useState<Partial<Record<PushChannel, string>> | null>(null);
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [preview, setPreview] = useState<PushPreviewResponse | null>(null);
  const { busy, run: runAction } = useAction();

  if (!state.data) {
    return (
      <View className={pageRootClass('gk-page gk-push e2e-push')}>
        {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const { notice, templates } = state.data;
  const available = CHANNELS.filter((c) => templates[c].length > 0);
  const aud: PushAudience = audience ?? { kind: 'category', code: notice.categoryCode };
  const chans = channels ?? available.slice(0, 1);
  const tids: Partial<Record<PushChannel, string>> = templateIds ?? Object.fromEntries(available.map((c) => [c, templates[c][0]!.id]));
  const chosen = chans.map((c) => templates[c].find((t) => t.id === tids[c])).filter((t): t is PushTemplateView => !!t);
  const defaults = Object.assign({}, ...chosen.map((t) => defaultMapping(t.fields))) as Record<string, string>;
  const map: Record<string, string> = { ...defaults, ...(mapping ?? {}) };
  const keys = [...new Set(chosen.flatMap((t) => Object.keys(t.fields)))];

  const body = (): CreatePushRequest => ({
    noticeId: notice.id,
    audience: aud.kind === 'all' ? { kind: 'all' } : aud,
    channels: chans,
    templateIds: Object.fromEntries(chans.map((c) => [c, tids[c]])),
    fieldMapping: Object.fromEntries(keys.map((k) => [k, map[k] ?? ''])),
  });
  const changed = (f: () => void) => {
    f();
    setPreview(null);
  };

  const run = async (what: 'preview' | 'send') => {
    if (!chans.length) return;
    await runAction(async () => {
      if (what === 'preview') setPreview(await previewPush(body()));
      else {
        const created = await createPush(body());
        void Taro.redirectTo({ url: withQuery(ROUTES.staffPushReport, { id: created.id }) });
      }
    });
  };

  const audiences: PushAudience[] = [
    { kind: 'category', code: notice.categoryCode },
    ...notice.topicCodes.map((code) => ({ kind: 'topic' as const, code })),
    { kind: 'unit', code: notice.unitCode },
    { kind: 'all' },
  ];
  const chip = (active: boolean, extra: string) => `gk-chip ${active ? 'gk-chip--on e2e-selected' : ''} ${extra}`;
  const btn = (extra: string) => `gk-btn ${extra} ${busy ? 'gk-btn--disabled' : ''}`;

  return (
    <View className={pageRootClass('gk-page gk-push e2e-push')}>
      <View className='gk-push__section'>
        <Text className='gk-push__label'>信息</Text>
        <Text className='gk-push__title e2e-push-notice'>{notice.title}</Text>
        {notice.status !== 'published' ? <Text className='gk-push__error'>只能推送已发布的信息</Text> : null}
      </View>

      <View className='gk-push__section'>
        <Text className='gk-push__label'>推送对象</Text>
        <View className='gk-chips'>
          {audiences.map((a) => (
            <View
              key={`${a.kind}:${a.code ?? ''}`}
              className={chip(aud.kind === a.kind && (aud.code ?? '') === (a.code ?? ''), `e2e-push-audience-${a.kind}`)}
              onClick={() => changed(() => setAudience(a))}
            >
              <Text>{AUDIENCE_LABELS[a.kind]}{a.kind === 'topic' ? `（${a.code}）` : ''}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='gk-push__section'>
        <Text className='gk-push__label'>渠道与模板</Text>
        {available.length === 0 ? <Text className='gk-push__error'>尚未配置推送模板</Text> : null}
        {available.map((c) => (
          <View key={c}>
            <View className='gk-chips'>
              <View
                className={chip(chans.includes(c), `e2e-push-channel-${c}`)}
                onClick={() => changed(() => setChannels(chans.includes(c) ? chans.filter((x) => x !== c) : [...chans, c]))}
              >
                <Text>{CHANNEL_LABELS[c]}</Text>
              </View>
            </View>
            {chans.includes(c) ? (
              <View className='gk-chips gk-chips--small'>
                {templates[c].map((t) => (
                  <View
                    key={t.id}
                    className={chip(tids[c] === t.id, `e2e-push-template-${t.id}`)}
                    onClick={() => changed(() => {
                      setTemplateIds({ ...tids, [c]: t.id });
                      setMapping(null);
                    })}
                  >
                    <Text>{t.name}</Text>
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        ))}
      </View>

      <View className='gk-push__section'>
        <Text className='gk-push__label'>字段内容（可填 {Object.values(SOURCE_LABELS).join('、')} 对应的 {Object.keys(SOURCE_LABELS).join(' / ')}，或直接填写文字）</Text>
        {keys.map((k) => (
          <View key={k} className='gk-push__field'>
            <Text className='gk-push__key'>{k}</Text>
            <Input
              className={`gk-input gk-push__input e2e-push-field-${k}`}
              value={map[k] ?? ''}
              onInput={(e) => changed(() => setMapping({ ...map, [k]: e.detail.value }))}
            />
            <Text className='gk-push__hint'>{SOURCE_LABELS[map[k] ?? ''] ?? '文字'}</Text>
          </View>
        ))}
      </View>

      <View className='gk-btn-row'>
        <View className={btn('e2e-push-preview')} onClick={() => void run('preview')}>
          <Text>预览</Text>
        </View>
        <View className={btn('gk-btn--primary e2e-push-send')} onClick={() => void run('send')}>
          <Text>发送</Text>
        </View>
      </View>

      {preview ? (
        <View className='gk-push__section e2e-push-preview-result'>
          <Text className='gk-push__label'>预览（将按此内容发送）</Text>
          {preview.channels.map((p) => (
            <View key={p.channel} className='gk-push__preview' data-channel={p.channel}>
              <Text className='gk-push__title'>{CHANNEL_LABELS[p.channel]} · {p.templateId}</Text>
              {Object.entries(p.data).map(([k, v]) => (
                <View key={k} className='gk-push__row'>
                  <Text className='gk-push__key'>{k}</Text>
                  <Text className='gk-push__value e2e-push-preview-value' data-key={k}>{v.value}</Text>
                </View>
              ))}
              {p.changed.map((c) => (
                <Text key={c.key} className='gk-push__hint e2e-push-preview-changed' data-key={c.key}>
                  {c.key} 已截取：“{c.from}” → “{c.to}”
                </Text>
              ))}
              {p.problems.map((x) => (
                <Text key={x.key} className='gk-push__error e2e-push-preview-problem' data-key={x.key}>
                  {x.key}：{x.message}
                </Text>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
