import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import {
  RIGHTS_REQUEST_KINDS,
  RIGHTS_REQUEST_KIND_LABELS,
  RIGHTS_REQUEST_LIMITS,
  RIGHTS_REQUEST_WORKING_DAYS,
  type RightsRequestKind,
  type RightsRequestView,
} from '@gongkai/shared';
import { charCount } from '../../../../inquiry/inquiry';
import { formatDateTime } from '../../../../utils/format';
import type { MyData } from './useMyData';

/** The parent's requests (查阅、复制、更正、删除…): each with its due date and the reply; and the form to file one. */
export function RightsRequests({ items, onFile, busy }: { items: RightsRequestView[] | null | undefined; onFile: MyData['fileRequest']; busy: boolean }) {
  const [kind, setKind] = useState<RightsRequestKind | ''>('');
  const [content, setContent] = useState('');
  const [error, setError] = useState('');

  const submit = async () => {
    const text = content.trim();
    const problem = !kind ? '请选择请求类型' : !text ? '请写明您的请求' : charCount(text) > RIGHTS_REQUEST_LIMITS.content ? `不能超过${RIGHTS_REQUEST_LIMITS.content}字` : '';
    setError(problem);
    if (problem || !kind) return;
    if (await onFile({ kind, content: text })) {
      setKind('');
      setContent('');
    }
  };

  return (
    <View className='gk-pv__section e2e-rights'>
      <Text className='gk-pv__title'>个人信息权利请求</Text>
      <Text className='gk-pv__note'>查阅、复制、更正、删除等本页不能直接办理的请求，可以在这里提交，我们将在 {RIGHTS_REQUEST_WORKING_DAYS} 个工作日内答复。</Text>
      {(items ?? []).map((r) => (
        <View key={r.id} className='gk-pv__record e2e-rights-request' data-id={r.id} data-status={r.status}>
          <View className='gk-pv__line'>
            <Text className='gk-pv__key gk-pv__key--wide'>{r.kindLabel}</Text>
            <Text className={`gk-pv__state ${r.status === 'pending' ? '' : 'gk-pv__state--on'} e2e-rights-status`}>{r.statusLabel}</Text>
          </View>
          <Text className='gk-pv__text'>{r.content}</Text>
          <Text className='gk-pv__note'>
            提交于 {formatDateTime(r.receivedAt)} · <Text className='e2e-rights-due'>{r.dueDate} 前答复</Text>
          </Text>
          {r.reply ? (
            <View className='gk-pv__reply e2e-rights-reply'>
              <Text className='gk-pv__text'>答复：{r.reply}</Text>
              {r.repliedAt ? <Text className='gk-pv__note'>答复于 {formatDateTime(r.repliedAt)}</Text> : null}
            </View>
          ) : null}
        </View>
      ))}
      <View className='gk-pv__chips'>
        {RIGHTS_REQUEST_KINDS.map((k) => (
          <Text key={k} className={`gk-pv__chip ${kind === k ? 'gk-pv__chip--on e2e-selected' : ''} e2e-rights-kind-${k}`} onClick={() => setKind(k)}>
            {RIGHTS_REQUEST_KIND_LABELS[k]}
          </Text>
        ))}
      </View>
      <Textarea
        className='gk-pv__textarea e2e-rights-content'
        value={content}
        maxlength={RIGHTS_REQUEST_LIMITS.content}
        placeholder='请写明您要查阅、更正或删除的信息'
        onInput={(e) => setContent(e.detail.value)}
      />
      {error ? <Text className='gk-pv__warn e2e-rights-error'>{error}</Text> : null}
      <View className={`gk-pv__button e2e-rights-submit ${busy ? 'gk-pv__button--disabled' : ''}`} onClick={() => void submit()}>
        <Text>提交请求</Text>
      </View>
    </View>
  );
}
