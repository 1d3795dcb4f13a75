import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { NARRATIVE_PARTS, NARRATIVE_PART_LABELS, NARRATIVE_PART_MAX, type AnnualReportView, type NarrativePart } from '@gongkai/shared';
import { ApiError, errorMessage } from '../../../../api/errors';
import { saveReportNarrative } from '../../../../api/staff-reports';
import { useAction } from '../../../../hooks/useAction';
import { FormField } from '../../components/Controls';
import { formatDateTime } from '../../utils/time';
import { fieldErrors, narrativeChanged, startedFromNote } from '../../utils/reports-format';

type Parts = Record<NarrativePart, string>;

/**
 * The four parts staff write in their own words (前言, 一, 五, 六), saved per year with the version
 * read. Until this year's text is saved, the previous year's is offered as a start and the page
 * says so. A stale save (someone else saved meanwhile) keeps what was typed and shows the server's
 * message, with 重新读取 to load theirs.
 */
export function NarrativeEditor({ view, onSaved, onReload }: { view: AnnualReportView; onSaved: (next: AnnualReportView) => void; onReload: () => void }) {
  const saved = view.data.narrative;
  const [draft, setDraft] = useState<Parts>(saved);
  const [error, setError] = useState<string | null>(null);
  const [partErrors, setPartErrors] = useState<Partial<Record<NarrativePart, string>>>({});
  const action = useAction();
  // A new year or a new saved version replaces the text on the page.
  useEffect(() => {
    setDraft(view.data.narrative);
    setError(null);
    setPartErrors({});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.year, view.narrative.version, view.narrative.saved]);

  // In review, scheduled or published, the report reads as generated: the server refuses edits (NOTICE_NOT_EDITABLE).
  const locked = view.frozen;
  const note = startedFromNote(view.narrative.startedFrom, view.narrative.saved);
  const dirty = narrativeChanged(draft, saved);

  const save = () => {
    setError(null);
    setPartErrors({});
    void action.run(() => saveReportNarrative(view.year, { parts: draft, version: view.narrative.version }), {
      success: '已保存',
      refresh: (next) => onSaved(next),
      onError: (e) => {
        if (e instanceof ApiError) {
          const { byField } = fieldErrors(
            (e.details ?? []).map((d) => ({ ...d, field: d.field.replace(/^parts\./, '') })),
            NARRATIVE_PARTS,
          );
          setPartErrors(byField);
        }
        setError(errorMessage(e));
        return false;
      },
    });
  };

  return (
    <View className='gk-dq__card e2e-narrative' data-version={view.narrative.version} data-saved={view.narrative.saved ? 'true' : 'false'}>
      <Text className='gk-dq__title'>报告正文</Text>
      {note ? <Text className='gk-dq__warn e2e-narrative-started-from'>{note}</Text> : null}
      {!note && !view.narrative.saved ? <Text className='gk-dq__small'>本年度文本尚未保存。</Text> : null}
      {view.narrative.saved && view.narrative.savedBy ? (
        <Text className='gk-dq__small e2e-narrative-saved-by'>
          {view.narrative.savedBy} 于 {formatDateTime(view.narrative.savedAt)} 保存（第 {view.narrative.version} 版）
        </Text>
      ) : null}
      {locked ? <Text className='gk-dq__warn e2e-narrative-frozen'>报告已随信息送审或发布，审核和公开的是生成时的报告，文字部分现在不能修改；如需修改，请先将该信息退回或撤回。</Text> : null}
      {NARRATIVE_PARTS.map((part) => (
        <FormField key={part} label={NARRATIVE_PART_LABELS[part]} error={partErrors[part]}>
          <Textarea
            className={`gk-textarea gk-rn__text e2e-narrative-part e2e-narrative-part-${part}`}
            value={draft[part] ?? ''}
            maxlength={NARRATIVE_PART_MAX}
            disabled={locked}
            autoHeight
            placeholder='（本部分暂无文字）'
            onInput={(e) => {
              const value = e.detail.value;
              setDraft((d) => ({ ...d, [part]: value }));
            }}
          />
          <Text className='gk-form-field__hint'>
            {(draft[part] ?? '').length} / {NARRATIVE_PART_MAX}
          </Text>
        </FormField>
      ))}
      {error ? <Text className='gk-form-field__error e2e-narrative-error'>{error}</Text> : null}
      <View className='gk-btn-row' style={{ padding: '16px 0 0', display: locked ? 'none' : 'flex' }}>
        <View className={`gk-btn gk-btn--primary e2e-narrative-save ${action.busy ? 'gk-btn--disabled' : ''}`} onClick={save}>
          <Text>{view.narrative.saved ? (dirty ? '保存修改' : '保存') : '保存本年度文本'}</Text>
        </View>
        {error ? (
          <View
            className='gk-btn e2e-narrative-reload'
            onClick={() => {
              void Taro.showModal({ title: '重新读取', content: '将载入已保存的文本，本页未保存的修改会丢失。', confirmText: '重新读取' }).then((r) => {
                if (r.confirm) onReload();
              });
            }}
          >
            <Text>重新读取</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}
