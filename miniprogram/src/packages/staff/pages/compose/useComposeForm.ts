import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { EDITABLE_NOTICE_STATUSES, may, type StaffNoticeView, type WordImportResult } from '@gongkai/shared';
import { createNotice, submitNotice, updateNotice } from '../../../../api/staff';
import { useAction } from '../../../../hooks/useAction';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { blocksToHtml, htmlToBlocks, newBlock, type Block } from '../../utils/blocks';
import { draftInput, fieldErrorsOf, fileRow, formFrom, localProblems, type AttachmentRow, type ComposeData, type ComposeFormValues } from './form';

/** What the form itself found missing: said as it is, before asking the server. */
class FormProblem extends Error {}

const sayFormProblem = (e: unknown) => {
  if (!(e instanceof FormProblem)) return false;
  void Taro.showToast({ title: e.message, icon: 'none' });
  return true;
};

/**
 * The editor's state: the form (filled from the notice once it has loaded), the saved id, version
 * and status, the errors by field, and 保存草稿 / 提交审核.
 */
export function useComposeForm(data: ComposeData | undefined, initialId: number | null) {
  const [form, setForm] = useState<ComposeFormValues | null>(null);
  const [noticeId, setNoticeId] = useState<number | null>(initialId);
  const [version, setVersion] = useState<number | null>(null);
  const [status, setStatus] = useState<StaffNoticeView['status'] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** What the last Word import could not keep exactly, as the server said it. */
  const [importWarnings, setImportWarnings] = useState<string[]>([]);
  const action = useAction();

  useEffect(() => {
    if (!data || form) return;
    setForm(formFrom(data));
    setVersion(data.notice?.version ?? null);
    setStatus(data.notice?.status ?? null);
    if (data.notice) void Taro.setNavigationBarTitle({ title: '编辑稿件' });
  }, [data, form]);

  const set = <K extends keyof ComposeFormValues>(key: K, value: ComposeFormValues[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    if (errors[key as string]) setErrors((e) => ({ ...e, [key]: '' }));
  };
  const setBlocks = (fn: (blocks: Block[]) => Block[]) => setForm((f) => (f ? { ...f, blocks: fn(f.blocks) } : f));
  const setAttachments = (fn: (rows: AttachmentRow[]) => AttachmentRow[]) => setForm((f) => (f ? { ...f, attachments: fn(f.attachments) } : f));

  const isAdmin = !!data && may(data.me.roles, 'notice.anyUnit');

  /**
   * A Word import into the form: title and 文号 where they are empty, the body (after asking, when
   * there is one already), the document's pictures among the attachments (the body shows them, and
   * a file no notice names is cleaned up). False when the author kept the old body.
   */
  const onWordImported = async (result: WordImportResult): Promise<boolean> => {
    if (!form) return false;
    if (result.bodyHtml && blocksToHtml(form.blocks)) {
      const answer = await Taro.showModal({
        title: '替换正文',
        content: '正文已有内容，要用 Word 文档的正文替换吗？',
        confirmText: '替换',
        cancelText: '保留原文',
      });
      if (!answer.confirm) return false;
    }
    setForm((f) => {
      if (!f) return f;
      const blocks = htmlToBlocks(result.bodyHtml);
      const attached = new Set(f.attachments.map((a) => (a.kind === 'file' ? a.fileId : '')));
      return {
        ...f,
        title: f.title.trim() || !result.title ? f.title : result.title,
        documentNo: f.documentNo.trim() || !result.documentNo ? f.documentNo : result.documentNo,
        blocks: result.bodyHtml ? (blocks.length ? blocks : [newBlock('p')]) : f.blocks,
        attachments: [...f.attachments, ...result.images.filter((i) => !attached.has(i.fileId)).map(fileRow)],
      };
    });
    setErrors((e) => ({ ...e, title: '', documentNo: '', bodyHtml: '', attachments: '' }));
    setImportWarnings(result.warnings);
    return true;
  };

  /** Saves (creates the draft the first time); throws after putting the problems under the fields. */
  const save = async (): Promise<StaffNoticeView> => {
    if (!form) throw new Error('表单尚未加载');
    const local = localProblems(form);
    if (Object.keys(local).length) {
      setErrors(local);
      throw new FormProblem(Object.values(local)[0] ?? '请检查填写内容');
    }
    const input = draftInput(form, isAdmin);
    try {
      const saved = noticeId === null ? await createNotice(input) : await updateNotice(noticeId, { ...input, version: version ?? 0 });
      setNoticeId(saved.id);
      setVersion(saved.version);
      setStatus(saved.status);
      setErrors({});
      return saved;
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      throw e;
    }
  };

  const onSave = () => void action.run(save, { success: '已保存', onError: sayFormProblem });

  const onSubmit = () =>
    void action.run(
      async () => {
        const saved = await save();
        const submitted = await submitNotice(saved.id, saved.version);
        setVersion(submitted.version);
        setStatus(submitted.status);
        return submitted;
      },
      {
        success: '已提交审核',
        onError: sayFormProblem,
        refresh: (submitted) => void Taro.redirectTo({ url: withQuery(ROUTES.staffReview, { id: submitted.id }) }),
      },
    );

  return {
    form,
    set,
    setBlocks,
    setAttachments,
    errors,
    importWarnings,
    onWordImported,
    noticeId,
    /** The saved version (null before the first save): the web preview is fetched again when it changes. */
    version,
    status,
    isAdmin,
    editable: status === null || EDITABLE_NOTICE_STATUSES.includes(status),
    busy: action.busy,
    onSave,
    onSubmit,
  };
}

export type ComposeForm = ReturnType<typeof useComposeForm>;
