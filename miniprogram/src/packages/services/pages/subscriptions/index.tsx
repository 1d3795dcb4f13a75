import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AuthOptions, CategoryView, PushQuotaView, PushSubscriptionItem, PushTargetKind, PushTemplateView, TopicView, UnitView } from '@gongkai/shared';
import { getAuthOptions } from '../../../../api/auth';
import { listCategories, listTopics, listUnits } from '../../../../api/catalog';
import { getPushTemplates, getQuotas, getSubscriptions, putSubscriptions, reportSubscribeResults } from '../../../../api/push';
import { hasToken } from '../../../../api/tokens';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorState, ListSkeleton } from '../../../../components/States';
import { ROUTES } from '../../../../utils/routes';
import { askSubscribe, type SubscribeAnswers } from '../../../../utils/subscribe';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** WeChat lets one requestSubscribeMessage ask for at most three templates. */
const MAX_TEMPLATES = 3;

interface Loaded {
  categories: CategoryView[];
  topics: TopicView[];
  schools: UnitView[];
  items: PushSubscriptionItem[];
  templates: PushTemplateView[];
  quotas: PushQuotaView[];
  options: AuthOptions | null;
}

const key = (i: PushSubscriptionItem) => `${i.kind}:${i.code}`;

/** What a parent follows (公开目录, 专题, 学校), and WeChat's one-time permission to be reminded. */
export default function Subscriptions() {
  const signedIn = hasToken('parent');
  const state = useAsync<Loaded | null>(async () => {
    if (!hasToken('parent')) return null;
    const [categories, topics, units, subs, templates, quotas, options] = await Promise.all([
      listCategories(),
      listTopics(),
      listUnits().catch(() => [] as UnitView[]),
      getSubscriptions(),
      getPushTemplates(),
      getQuotas(),
      getAuthOptions().catch(() => null),
    ]);
    return { categories, topics, schools: units.filter((u) => u.kind === 'school'), items: subs.items, templates: templates.subscribe, quotas: quotas.items, options };
  });
  const [items, setItems] = useState<PushSubscriptionItem[] | null>(null);
  const [quotas, setQuotas] = useState<PushQuotaView[] | null>(null);
  const { busy, run } = useAction();

  if (!signedIn) {
    return (
      <View className={pageRootClass('gk-page gk-subs e2e-subscriptions')}>
        <View className='gk-subs__section'>
          <Text className='gk-subs__title'>请先登录</Text>
          <Text className='gk-subs__note'>登录后可订阅公开目录、专题和学校的新信息。</Text>
          <View className='gk-subs__button e2e-subscriptions-signin' onClick={() => void Taro.switchTab({ url: ROUTES.mine })}>
            <Text>去登录</Text>
          </View>
        </View>
      </View>
    );
  }
  if (!state.data) {
    return (
      <View className={pageRootClass('gk-page gk-subs e2e-subscriptions')}>
        {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <ListSkeleton />}
      </View>
    );
  }

  const data = state.data;
  const current = items ?? data.items;
  const currentQuotas = quotas ?? data.quotas;
  const on = new Set(current.map(key));
  const demo = !!data.options?.demo;
  // Only the mini-program can ask WeChat's permission; H5 has no requestSubscribeMessage.
  const canAsk = process.env.TARO_ENV === 'weapp';
  const templates = data.templates.slice(0, MAX_TEMPLATES);

  const toggle = async (kind: PushTargetKind, code: string) => {
    if (busy) return;
    const item = { kind, code };
    const next = on.has(key(item)) ? current.filter((i) => key(i) !== key(item)) : [...current, item];
    await run(async () => setItems((await putSubscriptions(next)).items));
  };

  /** Must run inside the tap: WeChat only shows its permission dialog for a user's gesture. */
  const enable = async () => {
    if (busy || !templates.length) return;
    let results: SubscribeAnswers;
    try {
      results = await askSubscribe(templates.map((t) => t.id), { demo });
    } catch {
      void Taro.showToast({ title: '未能开启消息提醒', icon: 'none' });
      return;
    }
    if (!Object.keys(results).length) return;
    const accepted = Object.values(results).filter((r) => r === 'accept').length;
    await run(async () => setQuotas((await reportSubscribeResults(results)).items), {
      success: () => (accepted ? '已开启提醒' : { title: '未开启提醒', icon: 'none' }),
    });
  };

  const chips = (kind: PushTargetKind, list: { code: string; name: string }[], hook: (code: string) => string) => (
    <View className='gk-subs__chips'>
      {list.map((c) => {
        const active = on.has(`${kind}:${c.code}`);
        return (
          <View key={c.code} className={`gk-subs__chip ${active ? 'gk-subs__chip--on e2e-selected' : ''} ${hook(c.code)}`} data-on={active ? 'true' : 'false'} onClick={() => void toggle(kind, c.code)}>
            <Text>{active ? '✓ ' : '+ '}{c.name}</Text>
          </View>
        );
      })}
    </View>
  );

  return (
    <View className={pageRootClass('gk-page gk-subs e2e-subscriptions')}>
      <View className='gk-subs__section'>
        <Text className='gk-subs__title'>消息提醒</Text>
        {templates.length === 0 ? (
          <Text className='gk-subs__note'>暂未开通消息提醒。</Text>
        ) : canAsk || demo ? (
          <View className={`gk-subs__button e2e-subscribe-enable ${busy ? 'gk-subs__button--disabled' : ''}`} onClick={() => void enable()}>
            <Text>{canAsk ? '开启消息提醒' : '开启消息提醒（演示：模拟同意）'}</Text>
          </View>
        ) : (
          <Text className='gk-subs__note e2e-subscribe-unavailable'>消息提醒需在微信小程序中开启。</Text>
        )}
        <Text className='gk-subs__note'>每次同意可收到一条所关注内容的新信息提醒。</Text>
        {templates.map((t) => {
          const q = currentQuotas.find((x) => x.templateId === t.id);
          return (
            <Text key={t.id} className='gk-subs__note e2e-quota' data-template={t.id} data-remaining={q?.remaining ?? 0}>
              {t.name}：剩余 {q?.remaining ?? 0} 条
            </Text>
          );
        })}
      </View>
      <View className='gk-subs__section'>
        <Text className='gk-subs__title'>公开目录</Text>
        {chips('category', data.categories, (c) => `e2e-follow-category-${c}`)}
      </View>
      <View className='gk-subs__section'>
        <Text className='gk-subs__title'>专题</Text>
        {chips('topic', data.topics, (c) => `e2e-follow-topic-${c}`)}
      </View>
      {data.schools.length ? (
        <View className='gk-subs__section'>
          <Text className='gk-subs__title'>学校</Text>
          {chips('unit', data.schools, (c) => `e2e-follow-unit-${c}`)}
        </View>
      ) : null}
    </View>
  );
}
