import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { NOTICE_LIMITS, type CorrectionStartRequest, type StaffCorrectionView, type StaffNoticeView } from '@gongkai/shared';
import { correctionStep, getCorrection, getStaffNotice, startCorrection, updateCorrection } from '../../../../api/staff';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { FormField } from '../../components/Controls';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { blocksProblem, blocksToHtml, htmlToBlocks, newBlock, type Block } from '../../utils/blocks';
import { BodyBlocksEditor } from './BodyBlocksEditor';
import { fieldErrorsOf } from './form';
import { pageRootClass } from '../../../../utils/text-scale';

/** What the form itself found missing: said as it is, before asking the server. */
class FormProblem extends Error {}

const sayFormProblem = (e: unknown) => {
  if (!(e instanceof FormProblem)) return false;
  void Taro.showToast({ title: e.message, icon: 'none' });
  return true;
};

/** 更正说明: shown to the public under the notice (the server's limit). */
const NOTE_MAX = 500;

interface CorrectionFormValues {
  note: string;
  title: string;
  documentNo: string;
  summary: string;
  blocks: Block[];
}

/** The open correction's content, or for a new one the published notice's. */
function formOf(notice: StaffNoticeView, correction: StaffCorrectionView | null): CorrectionFormValues {
  const source = correction ?? notice;
  const blocks = htmlToBlocks(source.bodyHtml);
  return { note: correction?.note ?? '', title: source.title, documentNo: source.documentNo ?? '', summary: source.summary, blocks: blocks.length ? blocks : [newBlock('p')] };
}

function inputOf(form: CorrectionFormValues): CorrectionStartRequest {
  return { note: form.note.trim(), title: form.title.trim(), documentNo: form.documentNo.trim() || null, summary: form.summary.trim(), bodyHtml: blocksToHtml(form.blocks) };
}

function localProblems(form: CorrectionFormValues): Record<string, string> {
  const out: Record<string, string> = {};
  if (!form.note.trim()) out.note = '请填写更正说明（公开显示在信息下方）';
  if (!form.title.trim()) out.title = '请填写标题';
  const problem = blocksProblem(form.blocks) ?? (blocksToHtml(form.blocks) ? null : '请填写正文');
  if (problem) out.bodyHtml = problem;
  return out;
}

/**
 * 更正 a published notice: title, 文号, summary and body as corrected, and the 更正说明 the public
 * reads under it. The first save starts the correction from the published text; later saves edit
 * it while it is a draft or returned. Attachments stay as published. 提交审核 sends it into the
 * review chain as the notice's next round.
 */
export function CorrectionCompose({ noticeId }: { noticeId: number }) {
  const loaded = useAsync(async () => {
    const notice = await getStaffNotice(noticeId);
    return { notice, correction: notice.correction ? await getCorrection(noticeId) : null };
  }, [noticeId]);
  const [form, setForm] = useState<CorrectionFormValues | null>(null);
  const [saved, setSaved] = useState<StaffCorrectionView | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();

  useEffect(() => {
    if (!loaded.data || form) return;
    setForm(formOf(loaded.data.notice, loaded.data.correction));
    setSaved(loaded.data.correction);
    void Taro.setNavigationBarTitle({ title: '更正信息' });
  }, [loaded.data, form]);

  if (!form || !loaded.data) {
    return (
      <View className={pageRootClass('gk-page gk-compose e2e-correction-compose')}>
        {loaded.error ? <ErrorState error={loaded.error} onRetry={() => void loaded.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const { notice } = loaded.data;
  const toReview = () => void Taro.redirectTo({ url: withQuery(ROUTES.staffReview, { id: noticeId }) });
  const editable = saved ? saved.actions.includes('edit') : notice.actions.includes('correct');
  if (!editable) {
    return (
      <View className={pageRootClass('gk-page gk-compose e2e-correction-compose')}>
        <View className='gk-compose__locked e2e-compose-locked'>
          <Text>{saved ? '该更正已进入审核，不能修改。' : '该信息不能由您更正。'}</Text>
        </View>
        <View className='gk-btn-row'>
          <View className='gk-btn' onClick={toReview}>
            <Text>查看信息</Text>
          </View>
        </View>
      </View>
    );
  }

  const set = <K extends keyof CorrectionFormValues>(key: K, value: CorrectionFormValues[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: '' }));
  };

  const save = async (): Promise<StaffCorrectionView> => {
    const local = localProblems(form);
    if (Object.keys(local).length) {
      setErrors(local);
      throw new FormProblem(Object.values(local)[0]);
    }
    try {
      const next = saved ? await updateCorrection(noticeId, { ...inputOf(form), version: saved.version }) : await startCorrection(noticeId, inputOf(form));
      setSaved(next);
      setErrors({});
      return next;
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      throw e;
    }
  };
  const fileUrl = (fileId: string) => notice.attachments.find((a) => a.fileId === fileId)?.url;
  const busy = action.busy ? 'gk-btn--disabled' : '';

  return (
    <View className={pageRootClass('gk-page gk-compose e2e-correction-compose')}>
      <View className='gk-compose__note'>
        <Text>更正经科室负责人审核、保密审查、分管领导审批和信息发布中心登记后替换已发布的内容，索引号和发布时间不变；在此之前公众看到的仍是原内容。附件不在更正范围内。</Text>
      </View>
      <FormField label='更正说明' required error={errors.note} hint='公开显示在信息下方，如“更正报名截止时间为12月10日”'>
        <Textarea className='gk-textarea e2e-correction-note-input' value={form.note} maxlength={NOTE_MAX} placeholder='更正了什么' onInput={(e) => set('note', e.detail.value)} />
      </FormField>
      <FormField label='标题' required error={errors.title}>
        <Input className='gk-input e2e-compose-title' value={form.title} maxlength={NOTICE_LIMITS.titleMax} onInput={(e) => set('title', e.detail.value)} />
      </FormField>
      <FormField label='文号' error={errors.documentNo}>
        <Input className='gk-input e2e-compose-docno' value={form.documentNo} maxlength={NOTICE_LIMITS.documentNoMax} placeholder='没有可不填' onInput={(e) => set('documentNo', e.detail.value)} />
      </FormField>
      <FormField label='摘要' error={errors.summary}>
        <Textarea className='gk-textarea e2e-compose-summary' value={form.summary} maxlength={NOTICE_LIMITS.summaryMax} onInput={(e) => set('summary', e.detail.value)} />
      </FormField>
      <BodyBlocksEditor blocks={form.blocks} setBlocks={(fn) => setForm((f) => (f ? { ...f, blocks: fn(f.blocks) } : f))} error={errors.bodyHtml} fileUrls={fileUrl} />

      <View className='gk-btn-row gk-compose__actions'>
        <View className={`gk-btn e2e-compose-save ${busy}`} onClick={() => void action.run(save, { success: '已保存', onError: sayFormProblem })}>
          <Text>保存</Text>
        </View>
        <View
          className={`gk-btn gk-btn--primary e2e-compose-submit ${busy}`}
          onClick={() =>
            void action.run(
              async () => {
                const current = await save();
                return correctionStep(noticeId, 'submit', current.version);
              },
              { success: '已提交审核', onError: sayFormProblem, refresh: toReview },
            )
          }
        >
          <Text>提交审核</Text>
        </View>
      </View>
    </View>
  );
}
