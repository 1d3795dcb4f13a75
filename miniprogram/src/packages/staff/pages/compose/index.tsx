import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { may, NOTICE_LIMITS, NOTICE_STATUS_LABELS, type UnitView } from '@gongkai/shared';
import { staffMe } from '../../components/staff-session';
import { listCategories, listTopics, listUnits } from '../../../../api/catalog';
import { getStaffNotice } from '../../../../api/staff';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { FormField } from '../../components/Controls';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import { AttachmentRows } from './AttachmentRows';
import { BodyBlocksEditor } from './BodyBlocksEditor';
import { CorrectionCompose } from './CorrectionCompose';
import { CategoryPicker, InfoTypePicker, NormativeFields, TopicPicker, UnitField } from './MetaFields';
import { useComposeForm } from './useComposeForm';
import { WordImport } from './WordImport';
import { fileUrlsOf, previewSourceOf, type ComposeData } from './form';
import { NoticePreview } from '../../components/NoticePreview';
import { previewArticle } from '../../components/NoticePreviewData';
import { StaffShell } from '../../components/StaffShell';
import '../../components/staff.scss';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** 写信息 / edit a draft or a returned notice; with `mode=correction`, 更正 a published one. */
export default function StaffCompose() {
  const router = useRouter();
  return (
    <StaffShell active='compose'>
      {param(router.params, 'mode') === 'correction' ? <CorrectionCompose noticeId={Number(param(router.params, 'id'))} /> : <DraftCompose />}
    </StaffShell>
  );
}

/**
 * 写信息 / edit a draft or a returned notice; 保存草稿 and 提交审核. Beside the form (desk) or under
 * it (phone, weapp: behind 预览), the notice as parents will see it, live from the fields.
 */
function DraftCompose() {
  const router = useRouter();
  const initialId = Number(param(router.params, 'id')) || null;

  const loaded = useAsync<ComposeData>(async () => {
    const me = await staffMe();
    const isAdmin = may(me.roles, 'notice.anyUnit');
    const [categories, topics, units, notice] = await Promise.all([
      listCategories(),
      listTopics(),
      isAdmin ? listUnits() : Promise.resolve([] as UnitView[]),
      initialId ? getStaffNotice(initialId) : Promise.resolve(null),
    ]);
    return { me, categories, topics, units, notice };
  });
  const c = useComposeForm(loaded.data, initialId);
  const { form, set, errors, noticeId, status, busy } = c;

  if (!form || !loaded.data) {
    return (
      <View className={pageRootClass('gk-page gk-compose e2e-compose')}>
        {loaded.error ? <ErrorState error={loaded.error} onRetry={() => void loaded.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const toReview = (open: typeof Taro.navigateTo) => void open({ url: withQuery(ROUTES.staffReview, { id: noticeId }) });
  if (!c.editable) {
    return (
      <View className={pageRootClass('gk-page gk-compose e2e-compose')}>
        <View className='gk-compose__locked e2e-compose-locked'>
          <Text>该稿件{NOTICE_STATUS_LABELS[status!] ?? ''}，不能修改。</Text>
        </View>
        <View className='gk-btn-row'>
          <View className='gk-btn' onClick={() => toReview(Taro.redirectTo)}>
            <Text>查看稿件</Text>
          </View>
        </View>
      </View>
    );
  }

  const { me, categories, topics, units } = loaded.data;
  const fields = { form, set, errors };
  const article = previewArticle(previewSourceOf(form, loaded.data.notice), { categories, topics, units, ownUnit: me.unit });
  return (
    <View className={pageRootClass('gk-page gk-compose e2e-compose')}>
      <View className='gk-preview-layout'>
        <View className='gk-preview-layout__main'>
          {status === 'returned' ? (
            <View className='gk-compose__returned e2e-compose-returned'>
              <Text>稿件已退回修改，改好后再次提交审核。退回意见见“审核记录”。</Text>
              <Text className='gk-compose__link' onClick={() => toReview(Taro.navigateTo)}>
                审核记录 ›
              </Text>
            </View>
          ) : null}

          <WordImport onImported={c.onWordImported} />
          {c.importWarnings.length ? (
            <View className='gk-compose__warnings e2e-compose-import-warnings'>
              <Text className='gk-compose__warnings-title'>导入时未能原样保留：</Text>
              {c.importWarnings.map((w) => (
                <Text key={w} className='gk-compose__warning e2e-compose-import-warning'>
                  {w}
                </Text>
              ))}
            </View>
          ) : null}

          <FormField label='标题' required error={errors.title}>
            <Input className='gk-input e2e-compose-title' value={form.title} maxlength={NOTICE_LIMITS.titleMax} placeholder='信息标题' onInput={(e) => set('title', e.detail.value)} />
          </FormField>
          <CategoryPicker {...fields} categories={categories} />
          <TopicPicker {...fields} topics={topics} />
          <UnitField {...fields} units={units} canChoose={c.isAdmin} ownUnit={me.unit} />
          <FormField label='文号' error={errors.documentNo}>
            <Input
              className='gk-input e2e-compose-docno'
              value={form.documentNo}
              maxlength={NOTICE_LIMITS.documentNoMax}
              placeholder='如：X教发〔2026〕12号（没有可不填）'
              onInput={(e) => set('documentNo', e.detail.value)}
            />
          </FormField>
          <InfoTypePicker {...fields} />
          <NormativeFields {...fields} />
          <FormField label='摘要' error={errors.summary}>
            <Textarea
              className='gk-textarea e2e-compose-summary'
              value={form.summary}
              maxlength={NOTICE_LIMITS.summaryMax}
              placeholder='一两句话说明要点（列表中显示）'
              onInput={(e) => set('summary', e.detail.value)}
            />
          </FormField>
          <BodyBlocksEditor blocks={form.blocks} setBlocks={c.setBlocks} error={errors.bodyHtml} fileUrls={fileUrlsOf(form.attachments)} />
          <AttachmentRows rows={form.attachments} setRows={c.setAttachments} errors={errors} />

          <View className='gk-btn-row gk-compose__actions'>
            <View className={`gk-btn e2e-compose-save ${busy ? 'gk-btn--disabled' : ''}`} onClick={c.onSave}>
              <Text>保存草稿</Text>
            </View>
            <View className={`gk-btn gk-btn--primary e2e-compose-submit ${busy ? 'gk-btn--disabled' : ''}`} onClick={c.onSubmit}>
              <Text>提交审核</Text>
            </View>
          </View>
          {noticeId !== null ? (
            <Text className='gk-compose__saved e2e-compose-saved' data-id={noticeId}>
              {status ? NOTICE_STATUS_LABELS[status] : ''} · 编号 {noticeId}
            </Text>
          ) : null}
        </View>
        <View className='gk-preview-layout__aside'>
          <NoticePreview article={article} web={noticeId !== null && c.version !== null ? { id: noticeId, version: c.version } : null} />
        </View>
      </View>
    </View>
  );
}
