import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import {
  EDITABLE_NOTICE_STATUSES,
  INFO_TYPES,
  INFO_TYPE_LABELS,
  NOTICE_LIMITS,
  NOTICE_STATUS_LABELS,
  type AttachmentView,
  type CategoryView,
  type InfoType,
  type NoticeDraftInput,
  type StaffMe,
  type StaffNoticeView,
  type TopicView,
  type UnitView,
} from '@gongkai/shared';
import { getStaffMe } from '../../../../api/auth';
import { listCategories, listTopics, listUnits } from '../../../../api/catalog';
import { ApiError, errorMessage } from '../../../../api/errors';
import { createNotice, getStaffNotice, submitNotice, updateNotice } from '../../../../api/staff';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { NoticeHtml } from '../../../../components/NoticeHtml';
import { ChoiceChips, FormField, Toggle } from '../../components/Controls';
import { DateField } from '../../components/DateField';
import { BLOCK_KIND_LABELS, blocksProblem, blocksToHtml, htmlToBlocks, moveBlock, newBlock, type Block, type BlockKind } from '../../utils/blocks';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import '../../components/staff.scss';
import './index.scss';

interface Loaded {
  me: StaffMe;
  categories: CategoryView[];
  topics: TopicView[];
  units: UnitView[];
  notice: StaffNoticeView | null;
}

interface AttachmentRow {
  key: number;
  name: string;
  url: string;
  size: string;
}

interface Form {
  title: string;
  categoryCode: string;
  topicCodes: string[];
  unitCode: string;
  documentNo: string;
  infoType: InfoType | '';
  normative: boolean;
  normativeIssuedOn: string;
  normativeRepealedOn: string;
  summary: string;
  blocks: Block[];
  attachments: AttachmentRow[];
}

const BLOCK_KINDS: BlockKind[] = ['p', 'h3', 'li', 'img', 'link'];
let attachmentKey = 1;

function formFrom(data: Loaded): Form {
  const n = data.notice;
  const blocks = n ? htmlToBlocks(n.bodyHtml) : [];
  return {
    title: n?.title ?? '',
    categoryCode: n?.categoryCode ?? '',
    topicCodes: n?.topicCodes ?? [],
    unitCode: n?.unitCode ?? data.me.unit.code,
    documentNo: n?.documentNo ?? '',
    infoType: n?.infoType ?? '',
    normative: n?.normative ?? false,
    normativeIssuedOn: n?.normativeIssuedOn ?? '',
    normativeRepealedOn: n?.normativeRepealedOn ?? '',
    summary: n?.summary ?? '',
    blocks: blocks.length ? blocks : [newBlock('p')],
    attachments: (n?.attachments ?? []).map((a) => ({ key: attachmentKey++, name: a.name, url: a.url, size: a.size ? String(a.size) : '' })),
  };
}

/** The form as the API takes it (POST /staff/notices, or PUT with the version). */
function draftInput(form: Form, isAdmin: boolean): NoticeDraftInput {
  const attachments: AttachmentView[] = form.attachments
    .filter((a) => a.name.trim() || a.url.trim())
    .map((a) => ({ name: a.name.trim(), url: a.url.trim(), size: Math.max(0, Math.floor(Number(a.size) || 0)) }));
  return {
    title: form.title.trim(),
    categoryCode: form.categoryCode,
    topicCodes: form.topicCodes,
    ...(isAdmin && form.unitCode ? { unitCode: form.unitCode } : {}),
    documentNo: form.documentNo.trim() || null,
    infoType: form.infoType as InfoType,
    normative: form.normative,
    normativeIssuedOn: form.normative ? form.normativeIssuedOn || null : null,
    normativeRepealedOn: form.normative ? form.normativeRepealedOn || null : null,
    summary: form.summary.trim(),
    bodyHtml: blocksToHtml(form.blocks),
    attachments,
  };
}

/** Client-side checks before the server's: what is missing, by field. */
function localProblems(form: Form): Record<string, string> {
  const out: Record<string, string> = {};
  if (!form.title.trim()) out.title = '请填写标题';
  if (!form.categoryCode) out.categoryCode = '请选择分类';
  if (!form.infoType) out.infoType = '请选择信息类别';
  const blockProblem = blocksProblem(form.blocks);
  if (blockProblem) out.bodyHtml = blockProblem;
  else if (!blocksToHtml(form.blocks)) out.bodyHtml = '请填写正文';
  form.attachments.forEach((a, i) => {
    if ((a.name.trim() || a.url.trim()) && (!a.name.trim() || !a.url.trim())) out[`attachments.${i}`] = '附件须有名称和地址';
  });
  return out;
}

/** The server's field details (`attachments.0.url` → under the attachment rows). */
function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError && error.details) {
    for (const d of error.details) {
      const key = d.field.startsWith('attachments') ? 'attachments' : d.field.split('.')[0] ?? d.field;
      if (!out[key]) out[key] = d.message;
    }
  }
  return out;
}

/** 写信息 / edit a draft or a returned notice; 保存草稿 and 提交审核. */
export default function StaffCompose() {
  const router = useRouter();
  const initialId = Number(param(router.params, 'id')) || null;

  const loaded = useAsync<Loaded>(async () => {
    const me = await getStaffMe();
    const isAdmin = me.roles.includes('admin');
    const [categories, topics, units, notice] = await Promise.all([
      listCategories(),
      listTopics(),
      isAdmin ? listUnits() : Promise.resolve([] as UnitView[]),
      initialId ? getStaffNotice(initialId) : Promise.resolve(null),
    ]);
    return { me, categories, topics, units, notice };
  });

  const [form, setForm] = useState<Form | null>(null);
  const [noticeId, setNoticeId] = useState<number | null>(initialId);
  const [version, setVersion] = useState<number | null>(null);
  const [status, setStatus] = useState<StaffNoticeView['status'] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState(false);

  useEffect(() => {
    if (!loaded.data || form) return;
    setForm(formFrom(loaded.data));
    setVersion(loaded.data.notice?.version ?? null);
    setStatus(loaded.data.notice?.status ?? null);
    if (loaded.data.notice) void Taro.setNavigationBarTitle({ title: '编辑稿件' });
  }, [loaded.data, form]);

  if (!form || !loaded.data) {
    return (
      <View className='gk-page gk-compose e2e-compose'>
        {loaded.error ? <ErrorState error={loaded.error} onRetry={() => void loaded.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const { me, categories, topics, units } = loaded.data;
  const isAdmin = me.roles.includes('admin');
  const editable = status === null || EDITABLE_NOTICE_STATUSES.includes(status);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    if (errors[key as string]) setErrors((e) => ({ ...e, [key]: '' }));
  };
  const setBlocks = (fn: (blocks: Block[]) => Block[]) => setForm((f) => (f ? { ...f, blocks: fn(f.blocks) } : f));
  const setBlock = (key: number, patch: Partial<Block>) => setBlocks((bs) => bs.map((b) => (b.key === key ? { ...b, ...patch } : b)));
  const setAttachments = (fn: (rows: AttachmentRow[]) => AttachmentRow[]) => setForm((f) => (f ? { ...f, attachments: fn(f.attachments) } : f));

  /** Saves (creates the draft the first time); returns the saved notice, or null after telling why not. */
  const save = async (): Promise<StaffNoticeView | null> => {
    const local = localProblems(form);
    if (Object.keys(local).length) {
      setErrors(local);
      void Taro.showToast({ title: Object.values(local)[0] ?? '请检查填写内容', icon: 'none' });
      return null;
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
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      return null;
    }
  };

  const onSave = async () => {
    if (busy) return;
    setBusy(true);
    try {
      if (await save()) void Taro.showToast({ title: '已保存', icon: 'success' });
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const saved = await save();
      if (!saved) return;
      try {
        const submitted = await submitNotice(saved.id, saved.version);
        setVersion(submitted.version);
        setStatus(submitted.status);
        void Taro.showToast({ title: '已提交审核', icon: 'success' });
        void Taro.redirectTo({ url: withQuery(ROUTES.staffReview, { id: submitted.id }) });
      } catch (e) {
        void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      }
    } finally {
      setBusy(false);
    }
  };

  if (!editable) {
    return (
      <View className='gk-page gk-compose e2e-compose'>
        <View className='gk-compose__locked e2e-compose-locked'>
          <Text>该稿件{NOTICE_STATUS_LABELS[status!] ?? ''}，不能修改。</Text>
        </View>
        <View className='gk-btn-row'>
          <View className='gk-btn' onClick={() => void Taro.redirectTo({ url: withQuery(ROUTES.staffReview, { id: noticeId }) })}>
            <Text>查看稿件</Text>
          </View>
        </View>
      </View>
    );
  }

  const html = blocksToHtml(form.blocks);
  const unitName = units.find((u) => u.code === form.unitCode)?.name ?? (form.unitCode === me.unit.code ? me.unit.name : form.unitCode);

  return (
    <View className='gk-page gk-compose e2e-compose'>
      {status === 'returned' ? (
        <View className='gk-compose__returned e2e-compose-returned'>
          <Text>稿件已退回修改，改好后再次提交审核。退回意见见“审核记录”。</Text>
          <Text className='gk-compose__link' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffReview, { id: noticeId }) })}>
            审核记录 ›
          </Text>
        </View>
      ) : null}

      <FormField label='标题' required error={errors.title}>
        <Input
          className='gk-input e2e-compose-title'
          value={form.title}
          maxlength={NOTICE_LIMITS.titleMax}
          placeholder='信息标题'
          onInput={(e) => set('title', e.detail.value)}
        />
      </FormField>

      <FormField label='分类' required error={errors.categoryCode}>
        <ChoiceChips
          className='e2e-compose-category'
          hookPrefix='e2e-category-option'
          options={categories.map((c) => ({ value: c.code, label: c.name }))}
          selected={form.categoryCode ? [form.categoryCode] : []}
          onToggle={(v) => set('categoryCode', v)}
        />
      </FormField>

      <FormField label={`专题（可多选，最多 ${NOTICE_LIMITS.topicsMax} 个）`} error={errors.topicCodes}>
        <ChoiceChips
          className='e2e-compose-topics'
          hookPrefix='e2e-topic-option'
          options={topics.map((t) => ({ value: t.code, label: t.name }))}
          selected={form.topicCodes}
          onToggle={(v) => {
            if (form.topicCodes.includes(v)) set('topicCodes', form.topicCodes.filter((c) => c !== v));
            else if (form.topicCodes.length >= NOTICE_LIMITS.topicsMax) void Taro.showToast({ title: `最多选 ${NOTICE_LIMITS.topicsMax} 个专题`, icon: 'none' });
            else set('topicCodes', [...form.topicCodes, v]);
          }}
        />
      </FormField>

      <FormField label='发布机构' error={errors.unitCode}>
        {isAdmin && units.length ? (
          <ChoiceChips
            className='e2e-compose-unit'
            hookPrefix='e2e-unit-option'
            options={units.map((u) => ({ value: u.code, label: u.name }))}
            selected={[form.unitCode]}
            onToggle={(v) => set('unitCode', v)}
          />
        ) : (
          <Text className='gk-compose__value e2e-compose-unit'>{unitName}</Text>
        )}
      </FormField>

      <FormField label='文号' error={errors.documentNo}>
        <Input
          className='gk-input e2e-compose-docno'
          value={form.documentNo}
          maxlength={NOTICE_LIMITS.documentNoMax}
          placeholder='如：X教发〔2026〕12号（没有可不填）'
          onInput={(e) => set('documentNo', e.detail.value)}
        />
      </FormField>

      <FormField label='信息类别' required error={errors.infoType}>
        <ChoiceChips
          className='e2e-compose-infotype'
          hookPrefix='e2e-infotype-option'
          options={INFO_TYPES.map((t) => ({ value: t, label: INFO_TYPE_LABELS[t] }))}
          selected={form.infoType ? [form.infoType] : []}
          onToggle={(v) => set('infoType', v as InfoType)}
        />
      </FormField>

      <FormField label='规范性文件' error={errors.normative || errors.normativeIssuedOn || errors.normativeRepealedOn}>
        <Toggle className='e2e-compose-normative' on={form.normative} label={form.normative ? '是' : '否'} onChange={(on) => set('normative', on)} />
        {form.normative ? (
          <View className='gk-compose__dates'>
            <View className='gk-compose__date'>
              <Text className='gk-compose__date-label'>印发日期</Text>
              <DateField className='e2e-compose-issued' mode='date' value={form.normativeIssuedOn} onChange={(v) => set('normativeIssuedOn', v)} />
            </View>
            <View className='gk-compose__date'>
              <Text className='gk-compose__date-label'>废止日期（可不填）</Text>
              <DateField className='e2e-compose-repealed' mode='date' value={form.normativeRepealedOn} onChange={(v) => set('normativeRepealedOn', v)} />
            </View>
          </View>
        ) : null}
      </FormField>

      <FormField label='摘要' error={errors.summary}>
        <Textarea
          className='gk-textarea e2e-compose-summary'
          value={form.summary}
          maxlength={NOTICE_LIMITS.summaryMax}
          placeholder='一两句话说明要点（列表中显示）'
          onInput={(e) => set('summary', e.detail.value)}
        />
      </FormField>

      <FormField label='正文' required error={errors.bodyHtml} hint='用 **文字** 标记加粗；图片和链接填 http(s):// 地址。'>
        <View className='gk-blocks e2e-compose-blocks'>
          {form.blocks.map((b, i) => (
            <View key={b.key} className={`gk-block gk-block--${b.kind} e2e-compose-block`} data-kind={b.kind}>
              <View className='gk-block__bar'>
                <ChoiceChips
                  className='gk-block__kinds gk-chips--small'
                  hookPrefix='e2e-block-kind'
                  options={BLOCK_KINDS.map((k) => ({ value: k, label: BLOCK_KIND_LABELS[k] }))}
                  selected={[b.kind]}
                  onToggle={(k) => setBlock(b.key, { kind: k as BlockKind })}
                />
              </View>
              <View className='gk-block__tools'>
                {b.kind === 'p' || b.kind === 'li' || b.kind === 'h3' ? (
                  <Text
                    className='gk-btn gk-btn--small e2e-compose-block-bold'
                    onClick={() => {
                      const t = b.text.trim();
                      const wrapped = /^\*\*[\s\S]+\*\*$/.test(t);
                      setBlock(b.key, { text: wrapped ? t.slice(2, -2) : t ? `**${t}**` : '****' });
                    }}
                  >
                    加粗
                  </Text>
                ) : null}
                <Text className='gk-btn gk-btn--small e2e-compose-block-up' onClick={() => setBlocks((bs) => moveBlock(bs, i, -1))}>
                  上移
                </Text>
                <Text className='gk-btn gk-btn--small e2e-compose-block-down' onClick={() => setBlocks((bs) => moveBlock(bs, i, 1))}>
                  下移
                </Text>
                <Text
                  className='gk-btn gk-btn--small e2e-compose-block-remove'
                  onClick={() => setBlocks((bs) => (bs.length > 1 ? bs.filter((x) => x.key !== b.key) : [newBlock('p')]))}
                >
                  删除
                </Text>
              </View>
              {b.kind === 'img' || b.kind === 'link' ? (
                <Input
                  className='gk-input gk-block__url e2e-compose-block-url'
                  value={b.url}
                  maxlength={2000}
                  placeholder={b.kind === 'img' ? '图片地址 https://…' : '链接地址 https://…'}
                  onInput={(e) => setBlock(b.key, { url: e.detail.value })}
                />
              ) : null}
              <Textarea
                className='gk-textarea gk-block__text e2e-compose-block-text'
                value={b.text}
                maxlength={-1}
                autoHeight
                placeholder={b.kind === 'img' ? '图片说明' : b.kind === 'link' ? '链接文字' : `${BLOCK_KIND_LABELS[b.kind]}内容`}
                onInput={(e) => setBlock(b.key, { text: e.detail.value })}
              />
            </View>
          ))}
          <View className='gk-blocks__add'>
            {BLOCK_KINDS.map((k) => (
              <Text key={k} className={`gk-btn gk-btn--small e2e-compose-add-${k}`} onClick={() => setBlocks((bs) => [...bs, newBlock(k)])}>
                + {BLOCK_KIND_LABELS[k]}
              </Text>
            ))}
            <Text className='gk-btn gk-btn--small e2e-compose-preview-toggle' onClick={() => setPreview((p) => !p)}>
              {preview ? '收起预览' : '预览'}
            </Text>
          </View>
          {preview ? (
            <View className='gk-compose__preview gk-staff-body e2e-compose-preview'>
              {html ? <NoticeHtml html={html} /> : <Text>（正文为空）</Text>}
            </View>
          ) : null}
        </View>
      </FormField>

      <FormField label='附件' error={errors.attachments || Object.entries(errors).find(([k, v]) => k.startsWith('attachments.') && v)?.[1]}>
        {form.attachments.map((a) => (
          <View key={a.key} className='gk-attach-row e2e-compose-attachment'>
            <Input className='gk-input e2e-compose-attachment-name' value={a.name} maxlength={NOTICE_LIMITS.attachmentNameMax} placeholder='附件名称' onInput={(e) => setAttachments((rows) => rows.map((r) => (r.key === a.key ? { ...r, name: e.detail.value } : r)))} />
            <Input className='gk-input e2e-compose-attachment-url' value={a.url} maxlength={2000} placeholder='地址 https://… 或 /uploads/…' onInput={(e) => setAttachments((rows) => rows.map((r) => (r.key === a.key ? { ...r, url: e.detail.value } : r)))} />
            <View className='gk-attach-row__line'>
              <Input className='gk-input gk-attach-row__size e2e-compose-attachment-size' type='number' value={a.size} placeholder='大小（字节，可不填）' onInput={(e) => setAttachments((rows) => rows.map((r) => (r.key === a.key ? { ...r, size: e.detail.value } : r)))} />
              <Text className='gk-btn gk-btn--small e2e-compose-attachment-remove' onClick={() => setAttachments((rows) => rows.filter((r) => r.key !== a.key))}>
                删除
              </Text>
            </View>
          </View>
        ))}
        {form.attachments.length < NOTICE_LIMITS.attachmentsMax ? (
          <Text className='gk-btn gk-btn--small e2e-compose-add-attachment' onClick={() => setAttachments((rows) => [...rows, { key: attachmentKey++, name: '', url: '', size: '' }])}>
            + 附件
          </Text>
        ) : null}
      </FormField>

      <View className='gk-btn-row gk-compose__actions'>
        <View className={`gk-btn e2e-compose-save ${busy ? 'gk-btn--disabled' : ''}`} onClick={() => void onSave()}>
          <Text>保存草稿</Text>
        </View>
        <View className={`gk-btn gk-btn--primary e2e-compose-submit ${busy ? 'gk-btn--disabled' : ''}`} onClick={() => void onSubmit()}>
          <Text>提交审核</Text>
        </View>
      </View>
      {noticeId !== null ? (
        <Text className='gk-compose__saved e2e-compose-saved' data-id={noticeId}>
          {status ? NOTICE_STATUS_LABELS[status] : ''} · 编号 {noticeId}
        </Text>
      ) : null}
    </View>
  );
}
