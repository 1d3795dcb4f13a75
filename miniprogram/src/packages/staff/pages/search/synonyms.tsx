import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { SYNONYM_GROUP_MAX_TERMS, SYNONYM_TERM_MAX, normalizeSynonymTerm, type SynonymGroupView } from '@gongkai/shared';
import { ApiError, errorMessage } from '../../../../api/errors';
import { createSynonymGroup, deleteSynonymGroup, listSynonymGroups, updateSynonymGroup } from '../../../../api/staff-search';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyState, ErrorState, ListSkeleton } from '../../../../components/States';
import { param } from '../../../../utils/routes';
import { formatDateTime } from '../../utils/time';
import { parseTerms, termsProblem, termsText } from './search-staff';
import '../../components/staff.scss';
import './search.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

/** Brings the form into view for an edit (best effort). */
function scrollToForm(): void {
  try {
    void Promise.resolve(Taro.pageScrollTo({ selector: '.e2e-synonym-form', duration: 0 })).catch(() => undefined);
  } catch {
    // no page to scroll (tests)
  }
}

function TermChips({ terms, hook }: { terms: readonly string[]; hook: string }) {
  return (
    <View className='gk-ss__terms'>
      {terms.map((t) => (
        <Text key={t} className={`gk-ss__term ${hook}`}>
          {t}
        </Text>
      ))}
    </View>
  );
}

/**
 * 同义词: the groups of words search treats as one (a query holding any term finds what the others
 * find), as chips, each with 修改 and 删除 (asked first); the form adds a group or changes the one
 * chosen. Opened from 搜索统计 with `?term=` (a query that found nothing), the form starts with the
 * term and every group offers to take it in.
 */
function StaffSearchSynonymsPage() {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(() => normalizeSynonymTerm(param(router.params, 'term')));
  const list = useAsync(listSynonymGroups);
  const [text, setText] = useState(() => (pending ? `${pending} ` : ''));
  const [editing, setEditing] = useState<SynonymGroupView | null>(null);
  const [error, setError] = useState('');
  const action = useAction();
  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh());
  });

  const terms = parseTerms(text);
  const reset = () => {
    setEditing(null);
    setError('');
    setText('');
  };
  const edit = (group: SynonymGroupView, extra?: string) => {
    setEditing(group);
    setError('');
    setText(termsText(extra && !group.terms.includes(extra) ? [...group.terms, extra] : group.terms));
    scrollToForm();
  };

  const save = () => {
    const problem = termsProblem(terms);
    if (problem) {
      setError(problem);
      return;
    }
    setError('');
    const target = editing;
    void action.run(() => (target ? updateSynonymGroup(target.id, terms, target.version) : createSynonymGroup(terms)), {
      success: target ? '已保存' : '已添加',
      refresh: async (saved) => {
        reset();
        if (pending && saved.terms.includes(pending)) setPending(null);
        await list.reload();
      },
      onError: (e) => {
        // Kept under the form (a toast would vanish before the term it names is read).
        setError(errorMessage(e));
        // Someone else changed or deleted the group meanwhile: show the list as it is now.
        if (e instanceof ApiError && (e.statusCode === 409 || e.statusCode === 404) && e.code !== 'SYNONYM_DUPLICATE') void list.reload();
        return true;
      },
    });
  };

  const remove = (group: SynonymGroupView) => {
    const [first, ...others] = group.terms;
    void Taro.showModal({
      title: '删除同义词组',
      content: `删除后，搜索“${first ?? ''}”不再同时找到含“${others.join('”“')}”的信息。`,
      confirmText: '删除',
      confirmColor: '#b3261e',
    })
      .then((r) => {
        if (!r.confirm) return;
        void action.run(() => deleteSynonymGroup(group.id, group.version), {
          success: '已删除',
          refresh: async () => {
            if (editing?.id === group.id) reset();
            await list.reload();
          },
          onError: (e) => {
            if (e instanceof ApiError && (e.statusCode === 409 || e.statusCode === 404)) void list.reload();
          },
        });
      })
      .catch(() => undefined);
  };

  const busy = action.busy ? 'gk-btn--disabled' : '';
  const groups = list.data ?? [];
  return (
    <View className={pageRootClass('gk-page gk-ss e2e-search-synonyms')}>
      <Text className='gk-ss__note e2e-synonym-explain'>搜索其中任一词，可同时找到含其他词的信息。</Text>

      {pending ? (
        <View className='gk-ss__pending e2e-synonym-pending' data-term={pending}>
          <Text>{`“${pending}”：填写与它意思相同的词新建一组，或在下面选一组“加入此组”。`}</Text>
        </View>
      ) : null}

      <View className='gk-ss__card e2e-synonym-form' data-editing={editing ? editing.id : ''}>
        <Text className='gk-ss__title'>{editing ? '修改同义词组' : '新增同义词组'}</Text>
        <Input
          className='gk-input e2e-synonym-terms'
          value={text}
          maxlength={SYNONYM_GROUP_MAX_TERMS * (SYNONYM_TERM_MAX + 1)}
          placeholder='如：托管 课后服务'
          onInput={(e) => {
            setText(e.detail.value);
            setError('');
          }}
        />
        <Text className='gk-ss__hint'>{`词语之间用空格、逗号或顿号隔开；每组 2–${SYNONYM_GROUP_MAX_TERMS} 个词，每个词不超过 ${SYNONYM_TERM_MAX} 字。`}</Text>
        {terms.length ? <TermChips terms={terms} hook='e2e-synonym-preview-term' /> : null}
        {error ? <Text className='gk-ss__error e2e-synonym-error'>{error}</Text> : null}
        <View className='gk-btn-row gk-ss__buttons'>
          <View className={`gk-btn gk-btn--primary ${busy} e2e-synonym-save`} onClick={save}>
            <Text>{editing ? '保存修改' : '添加'}</Text>
          </View>
          {editing || text ? (
            <View className='gk-btn e2e-synonym-cancel' onClick={reset}>
              <Text>{editing ? '取消修改' : '清空'}</Text>
            </View>
          ) : null}
        </View>
      </View>

      {list.loading && !list.data ? (
        <ListSkeleton rows={3} />
      ) : list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.reload()} />
      ) : !groups.length ? (
        <EmptyState text='还没有同义词组' />
      ) : (
        <View>
          <Text className='gk-staff-queue__total e2e-synonym-count'>{`共 ${groups.length} 组`}</Text>
          {groups.map((g) => (
            <View key={g.id} className={`gk-staff-item e2e-synonym-group ${editing?.id === g.id ? 'e2e-selected' : ''}`} data-id={g.id} data-version={g.version}>
              <TermChips terms={g.terms} hook='e2e-synonym-term' />
              <Text className='gk-ss__stamp e2e-synonym-stamp'>{g.updatedBy ? `${g.updatedBy} 于 ${formatDateTime(g.updatedAt)} 修改` : '预置词组'}</Text>
              <View className='gk-ss__actions'>
                {pending && !g.terms.includes(pending) ? (
                  <View className='gk-btn gk-btn--small e2e-synonym-join' onClick={() => edit(g, pending)}>
                    <Text>加入此组</Text>
                  </View>
                ) : null}
                <View className='gk-btn gk-btn--small e2e-synonym-edit' onClick={() => edit(g)}>
                  <Text>修改</Text>
                </View>
                <View className={`gk-btn gk-btn--small ${busy} e2e-synonym-delete`} onClick={() => remove(g)}>
                  <Text>删除</Text>
                </View>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks search; phones get the page alone). */
export default function StaffSearchSynonyms() {
  return (
    <StaffShell active='search'>
      <StaffSearchSynonymsPage />
    </StaffShell>
  );
}
