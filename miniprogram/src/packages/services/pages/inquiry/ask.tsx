import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import {
  CONSENT_KIND_INFO,
  INQUIRY_KINDS,
  INQUIRY_LIMITS,
  shanghaiDate,
  type AuthOptions,
  type InquiryKindCode,
  type ParentInquiryView,
  type PushTemplateView,
} from '@gongkai/shared';
import { getAuthOptions } from '../../../../api/auth';
import { ApiError, errorMessage } from '../../../../api/errors';
import { createInquiry, getDeadline, uploadInquiryPhoto } from '../../../../api/inquiries';
import { getPushTemplates, reportSubscribeResults } from '../../../../api/push';
import { hasToken } from '../../../../api/tokens';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DeadlineExplain } from '../../../../inquiry/InquiryParts';
import { charCount, compactPhone, monthDay, replyTemplate, replyTimeLabel, validateInquiry, type InquiryFormErrors } from '../../../../inquiry/inquiry';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import { askSubscribe, type SubscribeAnswers } from '../../../../utils/subscribe';
import { Chips, Switch, SignInFirst } from '../../../../inquiry/InquiryControls';
import { PrivacyPopup } from '../../../../components/PrivacyPopup';
import { ensurePrivacyForApi, handleConsentRequired, isConsentRequired, syncNoticeConsent } from '../../../../utils/privacy';
import '../../../../inquiry/inquiry.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { role } from '../../../../utils/a11y';

interface Photo {
  /** Local temp path, for the thumbnail. */
  path: string;
  /** From POST /inquiries/photos once uploaded. */
  id: string | null;
}

/** The form's errors, with the guardian's separate consent beside the shared ones. */
type AskErrors = InquiryFormErrors & { childConsent?: string };

const KIND_OPTIONS = INQUIRY_KINDS.map((k) => ({ value: k.code, label: k.label, hint: replyTimeLabel(k.code) }));

/** Temp paths of up to `count` chosen pictures: chooseMedia on weapp (chooseImage is deprecated there), chooseImage on H5. */
async function choosePictures(count: number): Promise<string[]> {
  if (process.env.TARO_ENV === 'weapp' && typeof Taro.chooseMedia === 'function') {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] });
    return res.tempFiles.map((f) => f.tempFilePath);
  }
  const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  return res.tempFilePaths;
}

function Counter({ text, max, hook }: { text: string; max: number; hook: string }) {
  const n = charCount(text);
  return <Text className={`gk-iq__count ${n > max ? 'gk-iq__count--over' : ''} ${hook}`}>{n}/{max}</Text>;
}

/** 我要咨询投诉: the form, WeChat's permission to send the reply notice, and the tracking number afterwards. */
export default function InquiryAsk() {
  const signedIn = hasToken('parent');
  const setup = useAsync(async () => {
    const [templates, options] = await Promise.all([
      getPushTemplates().then((t) => t.subscribe).catch(() => [] as PushTemplateView[]),
      getAuthOptions().catch(() => null as AuthOptions | null),
    ]);
    return { template: replyTemplate(templates), options };
  });
  // Opened from search's empty state (`?kind=consultation&subject=…`): the question is filled in, cut to the subject's length.
  const { params } = useRouter();
  const [kind, setKind] = useState<InquiryKindCode | ''>(() => INQUIRY_KINDS.find((k) => k.code === param(params, 'kind'))?.code ?? '');
  const [subject, setSubject] = useState(() => Array.from(param(params, 'subject').trim()).slice(0, INQUIRY_LIMITS.subjectMax).join(''));
  const [content, setContent] = useState('');
  const [phone, setPhone] = useState('');
  const [allowPublish, setAllowPublish] = useState(false);
  // A child under 14 in the inquiry: sensitive, so the guardian's separate consent (PIPL art. 31) goes with it.
  const [involvesChild, setInvolvesChild] = useState(false);
  const [childConsent, setChildConsent] = useState(false);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [uploading, setUploading] = useState(0);
  const [errors, setErrors] = useState<AskErrors>({});
  const { busy, run } = useAction();
  const [done, setDone] = useState<ParentInquiryView | null>(null);

  // Collecting personal data needs the current notice agreed on the account: ask now rather than at submit.
  useEffect(() => {
    if (signedIn) void syncNoticeConsent();
  }, [signedIn]);

  const kindInfo = INQUIRY_KINDS.find((k) => k.code === kind);
  // 预计答复日期 for the chosen kind, from today; only a hint, so a failure just leaves it out.
  const expected = useAsync(async () => (kindInfo ? getDeadline({ from: shanghaiDate(new Date()), workingDays: kindInfo.replyWorkingDays }).catch(() => null) : null), [kind]);

  if (!signedIn) return <SignInFirst pageClass='e2e-inquiry-ask' note='登录后可提交咨询、投诉、建议或反馈，并查看办理进度。' />;

  if (done) {
    // Counting starts after the day of receipt, or of a reopen.
    const from = done.deadline.from;
    return (
      <View className={pageRootClass('gk-page gk-iq e2e-inquiry-ask')}>
        <View className='gk-iq__section e2e-ask-result' data-id={done.id}>
          <Text className='gk-iq__title'>已提交</Text>
          <Text className='gk-iq__note'>查询编号</Text>
          <Text className='gk-iq__big e2e-ask-tracking-no'>{done.trackingNo}</Text>
          <DeadlineExplain deadline={done.deadline} from={from} open />
          <Text className='gk-iq__note'>请记下查询编号。答复后会在“我的咨询”中显示{setup.data?.template ? '，并通过微信消息提醒您' : ''}。</Text>
          <View className='gk-iq__button e2e-ask-view' role='link' onClick={() => void Taro.redirectTo({ url: withQuery(ROUTES.inquiryDetail, { id: done.id }) })}>
            <Text>查看办理进度</Text>
          </View>
          <View className='gk-iq__button gk-iq__button--outline e2e-ask-mine' role='link' onClick={() => void Taro.redirectTo({ url: ROUTES.inquiryMine })}>
            <Text>我的咨询</Text>
          </View>
        </View>
      </View>
    );
  }

  const addPhotos = async () => {
    const room = INQUIRY_LIMITS.photosMax - photos.length;
    if (room <= 0 || uploading) return;
    // A privacy API: WeChat's (weapp) or this device's (H5) agreement first; refusing leaves the form usable.
    if (!(await ensurePrivacyForApi())) return;
    let paths: string[];
    try {
      paths = (await choosePictures(room)).slice(0, room);
    } catch {
      return; // cancelled
    }
    if (!paths.length) return;
    setPhotos((prev) => [...prev, ...paths.map((path) => ({ path, id: null }))]);
    setUploading((n) => n + paths.length);
    for (const path of paths) {
      try {
        const up = await uploadInquiryPhoto(path);
        setPhotos((prev) => prev.map((p) => (p.path === path ? { ...p, id: up.id } : p)));
      } catch (e) {
        setPhotos((prev) => prev.filter((p) => p.path !== path));
        if (!(await handleConsentRequired(e))) void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };

  const send = (asked: Promise<SubscribeAnswers>) =>
    run(
      async () => {
        const results = await asked;
        if (Object.keys(results).length) {
          // The permission matters less than the inquiry itself: a failed report does not stop it.
          await reportSubscribeResults(results).catch(() => undefined);
        }
        const phoneText = compactPhone(phone);
        const view = await createInquiry({
          kind: kind as InquiryKindCode,
          subject: subject.trim(),
          content: content.trim(),
          ...(photos.length ? { photoIds: photos.map((p) => p.id as string) } : {}),
          ...(phoneText ? { phone: phoneText } : {}),
          allowPublish,
          ...(involvesChild ? { involvesChild: true, childConsent } : {}),
        });
        setDone(view);
      },
      {
        success: '提交成功',
        onError: (e) => {
          if (isConsentRequired(e)) {
            void handleConsentRequired(e);
            return true;
          }
          if (!(e instanceof ApiError) || !e.details?.length) return;
          const next: AskErrors = {};
          for (const d of e.details) {
            const field = d.field === 'photoIds' ? 'photos' : d.field;
            if (field === 'kind' || field === 'subject' || field === 'content' || field === 'phone' || field === 'photos' || field === 'childConsent') next[field] = d.message;
          }
          setErrors(next);
        },
      },
    );

  /**
   * The submit tap. WeChat shows its permission dialog only during a user's tap, so
   * requestSubscribeMessage is called here before anything is awaited; the POST follows.
   */
  const submit = () => {
    if (busy) return;
    const found: AskErrors = validateInquiry({ kind, subject, content, phone, photoIds: photos.map((p) => p.id ?? '') });
    if (involvesChild && !childConsent) found.childConsent = '涉及未满十四周岁子女的信息，请先勾选监护人单独同意';
    setErrors(found);
    const first = Object.values(found)[0];
    if (first) {
      void Taro.showToast({ title: first, icon: 'none' });
      return;
    }
    if (uploading || photos.some((p) => !p.id)) {
      void Taro.showToast({ title: '图片上传中，请稍候', icon: 'none' });
      return;
    }
    const template = setup.data?.template ?? null;
    // Synchronously, in the tap: a request after an await (even a microtask) may be refused.
    const asked = askSubscribe(template ? [template.id] : [], { demo: !!setup.data?.options?.demo }).catch(() => ({}));
    void send(asked);
  };

  const err = (key: keyof AskErrors) => (errors[key] ? <Text className='gk-iq__error e2e-field-error' data-field={key}>{errors[key]}</Text> : null);

  return (
    <View className={pageRootClass('gk-page gk-iq e2e-inquiry-ask')}>
      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>类型</Text>
        <Chips options={KIND_OPTIONS} selected={kind} onSelect={setKind} hookPrefix='e2e-ask-kind' />
        {kindInfo ? (
          <Text className='gk-iq__note e2e-ask-reply-time'>
            {kindInfo.label}将在受理次日起{kindInfo.replyWorkingDays}个工作日内答复
            {expected.data ? `，预计最晚 ${monthDay(expected.data.due.slice(0, 10))}` : ''}。
          </Text>
        ) : null}
        {err('kind')}
      </View>
      <View className='gk-iq__section'>
        <View className='gk-iq__label'>
          <Text>标题</Text>
          <Counter text={subject} max={INQUIRY_LIMITS.subjectMax} hook='e2e-ask-subject-count' />
        </View>
        <Input
          className='gk-iq-input e2e-ask-subject'
          value={subject}
          maxlength={INQUIRY_LIMITS.subjectMax}
          placeholder='一句话说明您的问题'
          onInput={(e) => setSubject(e.detail.value)}
        />
        {err('subject')}
        <View className='gk-iq__label' style={{ marginTop: '24px' }}>
          <Text>内容</Text>
          <Counter text={content} max={INQUIRY_LIMITS.contentMax} hook='e2e-ask-content-count' />
        </View>
        <Textarea
          className='gk-iq-textarea e2e-ask-content'
          value={content}
          maxlength={INQUIRY_LIMITS.contentMax}
          placeholder='请详细描述情况，如涉及学校、年级、时间等'
          onInput={(e) => setContent(e.detail.value)}
        />
        {err('content')}
      </View>
      <View className='gk-iq__section'>
        <View className='gk-iq__label'>
          <Text>图片（选填）</Text>
          <Text className='gk-iq__count e2e-ask-photo-count'>{photos.length}/{INQUIRY_LIMITS.photosMax}</Text>
        </View>
        <View className='gk-iq-photos'>
          {photos.map((p) => (
            <View key={p.path} className='gk-iq-photo e2e-ask-photo' data-uploaded={p.id ? 'true' : 'false'}>
              <Image className='gk-iq-photo__img' src={p.path} mode='aspectFill' />
              {p.id ? (
                <Text className='gk-iq-photo__remove e2e-ask-photo-remove' {...role('button')} aria-label='删除照片' onClick={() => setPhotos((prev) => prev.filter((x) => x.path !== p.path))}>
                  ×
                </Text>
              ) : (
                <Text className='gk-iq-photo__remove'>…</Text>
              )}
            </View>
          ))}
          {photos.length < INQUIRY_LIMITS.photosMax ? (
            <View className='gk-iq-photo gk-iq-photo--add e2e-ask-add-photo' role='button' aria-label='添加照片' onClick={() => void addPhotos()}>
              <Text>+</Text>
            </View>
          ) : null}
        </View>
        {err('photos')}
      </View>
      <View className='gk-iq__section'>
        <Text className='gk-iq__label'>联系电话（选填）</Text>
        <Input className='gk-iq-input e2e-ask-phone' type='text' value={phone} maxlength={20} placeholder='手机号或固定电话' onInput={(e) => setPhone(e.detail.value)} />
        <Text className='gk-iq__note'>电话仅办理人员可见，便于需要时与您联系。</Text>
        {err('phone')}
      </View>
      <View className='gk-iq__section'>
        <Switch className='e2e-ask-allow-publish' on={allowPublish} onChange={setAllowPublish} label='答复可匿名公开' />
        <Text className='gk-iq__note'>同意后，工作人员可去除个人信息，将问题与答复作为问答匿名公开，方便其他家长查阅。</Text>
      </View>
      <View className='gk-iq__section'>
        <Switch
          className='e2e-ask-involves-child'
          on={involvesChild}
          onChange={(on) => {
            setInvolvesChild(on);
            if (!on) setChildConsent(false);
          }}
          label='涉及未满十四周岁子女的信息'
        />
        <Text className='gk-iq__note'>如内容写到孩子的姓名、年级、学校、健康状况等，请打开。儿童个人信息属于敏感个人信息，需要监护人单独同意。</Text>
        {involvesChild ? (
          <View
            className={`gk-privacy-check ${childConsent ? 'gk-privacy-check--on' : ''} e2e-ask-child-consent`}
            data-on={childConsent ? 'true' : 'false'}
            aria-checked={childConsent}
            onClick={() => setChildConsent(!childConsent)}
          >
            <Text className='gk-privacy-check__box'>{childConsent ? '✓' : ''}</Text>
            <Text className='gk-privacy-check__text'>我是孩子的监护人，单独同意：{CONSENT_KIND_INFO.child_information.gives}。</Text>
          </View>
        ) : null}
        {err('childConsent')}
      </View>
      <View className={`gk-iq__button e2e-ask-submit ${busy ? 'gk-iq__button--disabled' : ''}`} role='button' aria-disabled={busy} onClick={submit}>
        <Text>{busy ? '正在提交…' : '提交'}</Text>
      </View>
      <PrivacyPopup />
    </View>
  );
}
