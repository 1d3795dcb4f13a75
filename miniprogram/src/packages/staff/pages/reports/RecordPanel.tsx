import { useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReportRecordList } from '@gongkai/shared';
import { ApiError } from '../../../../api/errors';
import { deleteReportRecord, type RecordKind } from '../../../../api/staff-reports';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyState, ErrorState, ListSkeleton } from '../../../../components/States';
import { formatDateTime } from '../../utils/time';
import { fieldErrors, stampLine } from '../../utils/reports-format';

export type FieldErrors<D> = Partial<Record<keyof D & string, string>>;

export interface RecordSpec<V extends { id: number; version: number; createdBy: string; createdAt: string; updatedBy: string; updatedAt: string }, D, I> {
  kind: RecordKind;
  /** 热点回应, 发布会, 建议提案: in the form's title and the messages. */
  noun: string;
  fields: readonly (keyof D & string)[];
  blank: (year: number) => D;
  fromView: (view: V) => D;
  /** The input the server gets; a problem it can see on the page already is a field error instead. */
  toInput: (draft: D, year: number) => { input: I } | { errors: FieldErrors<D> };
  /** The year a saved record counts in (the list shown may then change year). */
  yearOf: (view: V) => number;
  list: (year: number) => Promise<ReportRecordList<V>>;
  create: (input: I) => Promise<V>;
  update: (id: number, input: I) => Promise<V>;
  /** Maps an error code to the field it is about (409 PROPOSAL_DUPLICATE → number). */
  codeField?: Partial<Record<string, keyof D & string>>;
  Item: (props: { item: V }) => ReactNode;
  Form: (props: { draft: D; set: <K extends keyof D>(key: K, value: D[K]) => void; errors: FieldErrors<D> }) => ReactNode;
}

/** Brings the form into view for an edit (best effort: a failure leaves the page where it is). */
function scrollToForm(): void {
  try {
    void Promise.resolve(Taro.pageScrollTo({ selector: '.e2e-record-form', duration: 0 })).catch(() => undefined);
  } catch {
    // no page to scroll (tests)
  }
}

/**
 * One kind of record of a year: the list (newest first) with 修改 / 删除 on each, and the form that
 * adds one or changes the one chosen. Field errors come from the server (its 400 details, the
 * field an error code is about); a stale edit (409) reloads the list.
 */
export function RecordPanel<V extends { id: number; version: number; createdBy: string; createdAt: string; updatedBy: string; updatedAt: string }, D, I>({
  spec,
  year,
  onYear,
}: {
  spec: RecordSpec<V, D, I>;
  year: number;
  onYear: (year: number) => void;
}) {
  const list = useAsync(() => spec.list(year), [year, spec.kind]);
  const [draft, setDraft] = useState<D>(() => spec.blank(year));
  const [editing, setEditing] = useState<V | null>(null);
  const [errors, setErrors] = useState<FieldErrors<D>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const action = useAction();

  const set = <K extends keyof D>(key: K, value: D[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const reset = () => {
    setEditing(null);
    setErrors({});
    setGeneral([]);
    setDraft(spec.blank(year));
  };
  const edit = (item: V) => {
    setEditing(item);
    setErrors({});
    setGeneral([]);
    setDraft(spec.fromView(item));
    scrollToForm();
  };

  const save = () => {
    setGeneral([]);
    const built = spec.toInput(draft, year);
    if ('errors' in built) {
      setErrors(built.errors);
      const first = Object.values(built.errors)[0];
      void Taro.showToast({ title: typeof first === 'string' ? first : '请检查填写的内容', icon: 'none' });
      return;
    }
    const target = editing;
    void action.run(() => (target ? spec.update(target.id, { ...built.input, version: target.version }) : spec.create(built.input)), {
      success: target ? '已保存' : '已添加',
      refresh: async (saved) => {
        reset();
        const savedYear = spec.yearOf(saved);
        if (savedYear !== year) onYear(savedYear);
        else await list.reload();
      },
      onError: (e) => {
        if (!(e instanceof ApiError)) return false;
        const { byField, other } = fieldErrors(e.details, spec.fields);
        const about = spec.codeField?.[e.code];
        if (about && !byField[about]) byField[about] = e.message;
        setErrors(byField as FieldErrors<D>);
        setGeneral(other);
        if (e.statusCode === 409 && !about) void list.reload();
        return false;
      },
    });
  };

  const remove = (item: V) => {
    void Taro.showModal({ title: '删除', content: `删除这条${spec.noun}记录？删除后年度报告不再计入。`, confirmText: '删除', confirmColor: '#b3261e' })
      .then((r) => {
        if (!r.confirm) return;
        void action.run(() => deleteReportRecord(spec.kind, item.id), {
          success: '已删除',
          refresh: async () => {
            if (editing?.id === item.id) reset();
            await list.reload();
          },
        });
      })
      .catch(() => undefined);
  };

  const busy = action.busy ? 'gk-btn--disabled' : '';
  const Item = spec.Item;
  const Form = spec.Form;
  return (
    <View className={`e2e-record-panel e2e-record-panel-${spec.kind}`}>
      {list.loading && !list.data ? (
        <ListSkeleton rows={2} />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.reload()} />
      ) : !list.data?.items.length ? (
        <EmptyState text={`${year}年尚未登记${spec.noun}`} />
      ) : (
        <View>
          <Text className='gk-staff-queue__total e2e-record-count'>{`${year}年共 ${list.data.items.length} 条`}</Text>
          {list.data.items.map((item) => (
            <View key={item.id} className={`gk-staff-item e2e-record-item ${editing?.id === item.id ? 'e2e-selected' : ''}`} data-id={item.id}>
              {Item({ item })}
              <Text className='gk-dq__small e2e-record-stamp'>{stampLine(item, formatDateTime)}</Text>
              <View className='gk-rr__actions'>
                <View className='gk-btn gk-btn--small e2e-record-edit' onClick={() => edit(item)}>
                  <Text>修改</Text>
                </View>
                <View className={`gk-btn gk-btn--small ${busy} e2e-record-delete`} onClick={() => remove(item)}>
                  <Text>删除</Text>
                </View>
              </View>
            </View>
          ))}
        </View>
      )}

      <View className='gk-dq__card e2e-record-form' data-editing={editing ? editing.id : ''}>
        <Text className='gk-dq__title'>{editing ? `修改${spec.noun}` : `新增${spec.noun}`}</Text>
        {Form({ draft, set, errors })}
        {general.length ? (
          <View className='gk-dq__warn e2e-record-error'>
            {general.map((m, i) => (
              <Text key={i} style={{ display: 'block' }}>
                {m}
              </Text>
            ))}
          </View>
        ) : null}
        <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
          <View className={`gk-btn gk-btn--primary ${busy} e2e-record-save`} onClick={save}>
            <Text>{editing ? '保存修改' : '添加'}</Text>
          </View>
          {editing ? (
            <View className='gk-btn e2e-record-cancel' onClick={reset}>
              <Text>取消修改</Text>
            </View>
          ) : null}
        </View>
      </View>
    </View>
  );
}
