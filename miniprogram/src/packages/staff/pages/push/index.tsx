import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { CreatePushRequest, PushAudience, PushChannel, PushPreviewResponse, PushTemplateView } from '@gongkai/shared';
import { getStaffNotice } from '../../../../api/staff';
import { createPush, getPushTemplates, previewPush } from '../../../../api/push';
import { listCategories, listTopics, listUnits } from '../../../../api/catalog';
import { errorMessage } from '../../../../api/errors';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import { StaffShell } from '../../components/StaffShell';
import { AUDIENCE_LABELS, CHANNEL_LABELS, CHOICE_LABELS, choiceOf, defaultMapping, mappingRows, namesByCode, pushCard, type PushCard } from '../../utils/push';
import '../../components/staff.scss';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** Code → name of the categories, topics and units (a list that cannot be read names nothing: the code stays). */
const audienceNames = async (): Promise<Record<string, string>> =>
  namesByCode(...(await Promise.all([listCategories(), listTopics(), listUnits()].map((p) => p.catch(() => [])))));

const CHANNELS: PushChannel[] = ['subscribe', 'template'];
/** The preview follows the form this long after the last change (typing in a text field). */
const PREVIEW_DELAY_MS = 400;

/** One channel's message drawn as the phone shows it, and under it what staff must know, in words. */
function MessageCard({ card }: { card: PushCard }) {
  return (
    <View className='gk-push__preview e2e-push-card' data-channel={card.channel}>
      <Text className='gk-push__channel'>{CHANNEL_LABELS[card.channel]}（出现在{card.arrives}）</Text>
      <View className='gk-push__phone'>
        <Text className='gk-push__card-title e2e-push-card-title'>{card.title}</Text>
        {card.rows.map((r) => (
          <View key={r.key} className='gk-push__card-row' data-key={r.key}>
            <Text className='gk-push__card-label e2e-push-card-label'>{r.label}</Text>
            {r.value !== null ? (
              <Text className='gk-push__card-value e2e-push-preview-value' data-key={r.key}>{r.value}</Text>
            ) : (
              <Text className='gk-push__card-value gk-push__card-value--missing e2e-push-card-missing' data-key={r.key}>（无法发送）</Text>
            )}
          </View>
        ))}
        {card.link ? (
          <View className='gk-push__card-link'>
            <Text>{card.link}</Text>
            <Text className='gk-push__card-arrow'>›</Text>
          </View>
        ) : null}
      </View>
      <Text className='gk-push__opens e2e-push-card-opens'>{card.opens}</Text>
      <View className='gk-push__notes'>
        {card.problems.map((x) => (
          <Text key={x.key} className='gk-push__error e2e-push-preview-problem' data-key={x.key}>{x.text}</Text>
        ))}
        {card.notes.map((n) => (
          <Text
            key={`${n.kind}:${n.key}`}
            className={`gk-push__note ${n.kind === 'changed' ? 'e2e-push-preview-changed' : 'e2e-push-preview-time'}`}
            data-key={n.key}
          >
            {n.text}
          </Text>
        ))}
        <Text className={`gk-push__verdict e2e-push-card-verdict ${card.problems.length ? 'gk-push__verdict--bad' : ''}`}>{card.verdict}</Text>
      </View>
    </View>
  );
}

/** 推送: one published notice to its subscribers — audience, channels, template, what each keyword says, the message as the phone shows it, 发送. */
export default function StaffPush() {
  const router = useRouter();
  const id = param(router.params, 'id');
  const state = useAsync(async () => {
    const [notice, templates, names] = await Promise.all([getStaffNotice(id), getPushTemplates(), audienceNames()]);
    return { notice, templates, names };
  }, [id]);

  const [audience, setAudience] = useState<PushAudience | null>(null);
  const [channels, setChannels] = useState<PushChannel[] | null>(null);
  const [templateIds, setTemplateIds] = useState<Partial<Record<PushChannel, string>> | null>(null);
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  // The preview with the request it answers: one for an older form is shown as being updated.
  // With the mapping it was asked with, so its cards name each line's source as that request did.
  const [preview, setPreview] = useState<{ key: string; data: PushPreviewResponse; mapping: Record<string, string> } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(false);
  const previewSeq = useRef(0);
  const { busy, run: runAction } = useAction();

  const data = state.data;
  const available = data ? CHANNELS.filter((c) => data.templates[c].length > 0) : [];
  const chans = channels ?? available.slice(0, 1);
  const tids: Partial<Record<PushChannel, string>> = templateIds ?? (data ? Object.fromEntries(available.map((c) => [c, data.templates[c][0]!.id])) : {});
  const chosen = data ? chans.map((c) => data.templates[c].find((t) => t.id === tids[c])).filter((t): t is PushTemplateView => !!t) : [];
  const defaults = Object.assign({}, ...chosen.map((t) => defaultMapping(t.fields))) as Record<string, string>;
  const map: Record<string, string> = { ...defaults, ...(mapping ?? {}) };
  const rows = mappingRows(chosen);
  const aud: PushAudience | null = data ? audience ?? { kind: 'category', code: data.notice.categoryCode } : null;

  const body = (): CreatePushRequest | null =>
    data && aud && chans.length
      ? {
          noticeId: data.notice.id,
          audience: aud.kind === 'all' ? { kind: 'all' } : aud,
          channels: chans,
          templateIds: Object.fromEntries(chans.map((c) => [c, tids[c]])),
          fieldMapping: Object.fromEntries(rows.map((r) => [r.key, map[r.key] ?? ''])),
        }
      : null;
  const request = body();
  const requestKey = request ? JSON.stringify({ ...request, audience: null }) : '';
  const published = data?.notice.status === 'published';

  const loadPreview = async (req: CreatePushRequest, key: string) => {
    const mine = ++previewSeq.current;
    try {
      const answer = await previewPush(req);
      if (mine === previewSeq.current) {
        setPreview({ key, data: answer, mapping: req.fieldMapping });
        setPreviewError(null);
      }
    } catch (e) {
      if (mine === previewSeq.current) setPreviewError(errorMessage(e));
    }
  };

  // The preview follows the form (a moment after the last change), so it stands beside the form on a desk.
  useEffect(() => {
    if (!request || !published || preview?.key === requestKey) return undefined;
    const timer = setTimeout(() => void loadPreview(request, requestKey), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [requestKey, published]);

  if (!data || !aud) {
    return (
      <StaffShell active='push'>
        <View className={pageRootClass('gk-page gk-push e2e-push')}>
          {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}
        </View>
      </StaffShell>
    );
  }

  const { notice, templates, names } = data;
  const current = preview && preview.key === requestKey ? preview.data : null;
  const cards = preview ? preview.data.channels.map((p) => pushCard(p, notice.title, preview.mapping)) : [];
  const unsendable = !!current && current.channels.some((p) => p.problems.length > 0);

  const changed = (f: () => void) => {
    f();
    setBlocked(false);
  };

  const run = async (what: 'preview' | 'send') => {
    if (!request) return;
    if (what === 'preview') {
      await runAction(() => loadPreview(request, requestKey));
      return;
    }
    if (unsendable) {
      setBlocked(true);
      return;
    }
    await runAction(async () => {
      const created = await createPush(request);
      void Taro.redirectTo({ url: withQuery(ROUTES.staffPushReport, { id: created.id }) });
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
    <StaffShell active='push'>
      <View className={pageRootClass('gk-page gk-push e2e-push')}>
        <View className='gk-push__layout'>
          <View className='gk-push__form'>
            <View className='gk-push__section'>
              <Text className='gk-push__label'>信息</Text>
              <Text className='gk-push__title e2e-push-notice'>{notice.title}</Text>
              {!published ? <Text className='gk-push__error'>只能推送已发布的信息</Text> : null}
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
                    <Text>{AUDIENCE_LABELS[a.kind]}{a.code ? `（${names[a.code] ?? a.code}）` : ''}</Text>
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

            {rows.length ? (
              <View className='gk-push__section e2e-push-mapping'>
                <Text className='gk-push__label'>每项内容（取自信息，或自定义文字）</Text>
                {rows.map((r) => {
                  const value = map[r.key] ?? '';
                  const choice = choiceOf(value);
                  return (
                    <View key={r.key} className={`gk-push__field e2e-push-field-${r.key}`} data-key={r.key} data-source={choice}>
                      <Text className='gk-push__key e2e-push-field-label'>{r.label}</Text>
                      <View className='gk-chips gk-chips--small gk-push__choices'>
                        {r.choices.map((s) => (
                          <View
                            key={s}
                            className={chip(choice === s, `e2e-push-source-${s}`)}
                            onClick={() => changed(() => setMapping({ ...map, [r.key]: s === 'text' ? '' : s }))}
                          >
                            <Text>{CHOICE_LABELS[s]}</Text>
                          </View>
                        ))}
                      </View>
                      {choice === 'text' ? (
                        <Input
                          className='gk-input gk-push__input e2e-push-field-text'
                          value={value}
                          placeholder={`填写${r.label}`}
                          onInput={(e) => changed(() => setMapping({ ...map, [r.key]: e.detail.value }))}
                        />
                      ) : null}
                    </View>
                  );
                })}
              </View>
            ) : null}

            <View className='gk-btn-row gk-push__actions'>
              <View className={btn('e2e-push-preview')} onClick={() => void run('preview')}>
                <Text>预览</Text>
              </View>
              <View className={btn(`gk-btn--primary e2e-push-send ${unsendable ? 'gk-btn--disabled' : ''}`)} onClick={() => void run('send')}>
                <Text>发送</Text>
              </View>
            </View>
            {blocked && unsendable ? <Text className='gk-push__error gk-push__blocked e2e-push-blocked'>预览中有无法发送的项，请先修改</Text> : null}
          </View>

          <View className='gk-push__aside'>
            {preview ? (
              <View className='gk-push__section e2e-push-preview-result' data-current={current ? 'true' : 'false'}>
                <Text className='gk-push__label'>预览：家长手机上将看到{current ? '' : '（正在更新…）'}</Text>
                {cards.map((card) => (
                  <MessageCard key={card.channel} card={card} />
                ))}
              </View>
            ) : (
              <View className='gk-push__section gk-push__placeholder'>
                <Text className='gk-push__label'>{published && chans.length ? '正在生成预览…' : '选择渠道后显示预览'}</Text>
              </View>
            )}
            {previewError ? <Text className='gk-push__error e2e-push-preview-error'>{previewError}</Text> : null}
          </View>
        </View>
      </View>
    </StaffShell>
  );
}
