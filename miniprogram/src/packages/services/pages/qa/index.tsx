import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { INQUIRY_KINDS, type InquiryKindCode, type QaItem } from '@gongkai/shared';
import { listQa } from '../../../../api/inquiries';
import { useListPage } from '../../../../hooks/usePagedList';
import { SearchBox } from '../../../../components/SearchBox';
import { PagedList } from '../../../../components/PagedList';
import { formatDate } from '../../../../utils/format';
import { kindLabel } from '../../../../inquiry/inquiry';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import { Chips } from '../../../../inquiry/InquiryControls';
import '../../../../inquiry/inquiry.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { role } from '../../../../utils/a11y';

const KIND_FILTERS: { value: InquiryKindCode | 'all'; label: string }[] = [{ value: 'all', label: '全部' }, ...INQUIRY_KINDS.map((k) => ({ value: k.code, label: k.label }))];

/** 问答公开: answers published anonymously (GET /qa?q&kind), searchable. */
export default function QaList() {
  const router = useRouter();
  const [q, setQ] = useState(() => param(router.params, 'q'));
  const [kind, setKind] = useState<InquiryKindCode | 'all'>('all');
  const list = useListPage<QaItem>((cursor) => listQa({ q: q || undefined, kind: kind === 'all' ? undefined : kind, cursor }), (i) => i.id, `${q}|${kind}`);

  return (
    <View className={pageRootClass('gk-page gk-iq e2e-qa')}>
      <View className='gk-iq__section'>
        <SearchBox initial={q} placeholder='搜索问题或答复' onSearch={setQ} />
        {q ? (
          <Text className='gk-iq__note e2e-qa-clear' {...role('button')} onClick={() => setQ('')}>
            “{q}”的结果 · 清除
          </Text>
        ) : null}
        <View style={{ marginTop: '16px' }}>
          <Chips options={KIND_FILTERS} selected={kind} onSelect={setKind} hookPrefix='e2e-qa-kind' />
        </View>
      </View>
      <PagedList
        list={list}
        emptyText={q ? '没有找到相关问答' : '暂无公开的问答'}
        renderItem={(i) => (
          <View key={i.id} className='gk-iq__item e2e-qa-item' data-id={i.id} role='link' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.qaDetail, { id: i.id }) })}>
            <View className='gk-iq__meta' style={{ marginTop: 0 }}>
              <Text className='gk-iq__status'>{kindLabel(i.kind)}</Text>
              <Text>{i.unitName}</Text>
              <Text>{formatDate(i.answeredAt)}</Text>
            </View>
            <Text className='gk-iq__item-title e2e-qa-question'>{i.question}</Text>
            <Text className='gk-iq__excerpt e2e-qa-answer'>答：{i.answer}</Text>
          </View>
        )}
      />
    </View>
  );
}
