import { useEffect, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  DELIVERY_METHODS,
  DELIVERY_METHOD_LABELS,
  DISCLOSURE_LIMITS,
  ID_DOCUMENT_TYPES,
  ID_DOCUMENT_TYPE_LABELS,
  ORGANIZATION_KINDS,
  ORGANIZATION_KIND_LABELS,
  PROVISION_FORMS,
  PROVISION_FORM_LABELS,
  disclosureNoticeTemplate,
  type AuthOptions,
  type DisclosureCreated,
  type PushTemplateView,
} from '@gongkai/shared';
import { getAuthOptions } from '../../../../api/auth';
import { createDisclosureRequest } from '../../../../api/disclosure';
import { ApiError } from '../../../../api/errors';
import { getPushTemplates, reportSubscribeResults } from '../../../../api/push';
import { hasToken } from '../../../../api/tokens';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { Chips, SignInFirst } from '../../../../inquiry/InquiryControls';
import { PrivacyPopup } from '../../../../components/PrivacyPopup';
import { handleConsentRequired, isConsentRequired, syncNoticeConsent } from '../../../../utils/privacy';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { askSubscribe, type SubscribeAnswers } from '../../../../utils/subscribe';
import { copyText } from '../../../../utils/disclosure-files';
import {
  EMPTY_DISCLOSURE_FORM,
  chars,
  disclosureRequestBody,
  formFieldOf,
  validateDisclosureForm,
  type DisclosureForm,
  type DisclosureFormErrors,
  type DisclosureFormField,
} from '../../../../utils/disclosure-form';
import '../../../../inquiry/inquiry.scss';
import './disclosure.scss';
import { pageRootClass } from '../../../../utils/text-scale';

const TYPE_OPTIONS = APPLICANT_TYPES.map((t) => ({ value: t, label: APPLICANT_TYPE_LABELS[t] }));
const ORG_OPTIONS = ORGANIZATION_KINDS.map((k) => ({ value: k, label: ORGANIZATION_KIND_LABELS[k] }));
const ID_OPTIONS = ID_DOCUMENT_TYPES.map((t) => ({ value: t, label: ID_DOCUMENT_TYPE_LABELS[t] }));
const FORM_OPTIONS = PROVISION_FORMS.map((f) => ({ value: f, label: PROVISION_FORM_LABELS[f] }));
const DELIVERY_OPTIONS = DELIVERY_METHODS.map((d) => ({ value: d, label: DELIVERY_METHOD_LABELS[d] }));

/** The verification code is shown once: after this the server holds only its keyed hash. */
function Created({ created, subscribed }: { created: DisclosureCreated; subscribed: boolean }) {
  const [copied, setCopied] = useState(false);
  const h5 = process.env.TARO_ENV !== 'weapp';
  const copy = () =>
    void copyText(`申请编号：${created.trackingNo}\n查询码：${created.verificationCode}`).then((ok) => {
      setCopied(ok);
      void Taro.showToast({ title: ok ? '已复制' : '复制失败，请手动记下', icon: ok ? 'success' : 'none' });
    });
  return (
    <View className={pageRootClass('gk-page gk-iq e2e-dc-apply')}>
      <View className='gk-iq__section e2e-dc-result' data-id={created.id}>
        <Text className='gk-iq__title'>申请已提交</Text>
        <Text className='gk-iq__note'>申请编号</Text>
        <Text className='gk-iq__big e2e-dc-tracking-no' userSelect selectable>
          {created.trackingNo}
        </Text>
        <Text className='gk-iq__note'>查询码</Text>
        <Text className='gk-dc__code e2e-dc-code' userSelect selectable>
          {created.verificationCode}
        </Text>
        <Text className='gk-dc__warn e2e-dc-code-warning'>
          请记下申请编号和查询码。查询码只显示这一次，之后无法再次查看；凭二者可在“按申请编号查询”中查看进度和答复，无需登录。
        </Text>
        {h5 ? (
          <View className='gk-iq__button gk-iq__button--outline e2e-dc-copy' onClick={copy}>
            <Text>{copied ? '已复制' : '复制申请编号和查询码'}</Text>
          </View>
        ) : (
          <Text className='gk-iq__note'>长按上面的编号和查询码可以复制。</Text>
        )}
        <Text className='gk-iq__note'>
          工作人员确认收到申请后开始计算答复期限（网上申请以双方确认之日为收到申请之日）。{subscribed ? '办理进展会通过微信消息提醒您。' : ''}
        </Text>
        <View className='gk-iq__button e2e-dc-view' onClick={() => void Taro.redirectTo({ url: withQuery(ROUTES.disclosureDetail, { id: created.id }) })}>
          <Text>查看办理进度</Text>
        </View>
        <View className='gk-iq__button gk-iq__button--outline e2e-dc-mine' onClick={() => void Taro.redirectTo({ url: ROUTES.disclosureMine })}>
          <Text>我的申请</Text>
        </View>
      </View>
    </View>
  );
}

/** 我要申请: the application form (signed in), WeChat's permission for progress notices, and the tracking number + code afterwards. */
export default function DisclosureApply() {
  const signedIn = hasToken('parent');
  const setup = useAsync(async () => {
    const [templates, options] = await Promise.all([
      getPushTemplates().then((t) => t.subscribe).catch(() => [] as PushTemplateView[]),
      getAuthOptions().catch(() => null as AuthOptions | null),
    ]);
    // The template the server sends progress notices with (shared rule), so the acceptance is for the right one.
    return { template: disclosureNoticeTemplate(templates), options };
  });
  const [form, setForm] = useState<DisclosureForm>(EMPTY_DISCLOSURE_FORM);
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<DisclosureFormErrors>({});
  const [created, setCreated] = useState<DisclosureCreated | null>(null);
  const [subscribed, setSubscribed] = useState(false);
  const { busy, run } = useAction();

  // Collecting personal data needs the current notice agreed on the account: ask now rather than at submit.
  useEffect(() => {
    if (signedIn) void syncNoticeConsent();
  }, [signedIn]);

  if (!signedIn) return <SignInFirst pageClass='e2e-dc-apply' note='在线申请需要先登录。未登录也可以凭申请编号和查询码查询进度，或当面、邮寄、传真提交书面申请。' />;
  if (created) return <Created created={created} subscribed={subscribed} />;

  const set = <K extends keyof DisclosureForm>(key: K, value: DisclosureForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    // The address is required only for delivery by post: a new delivery choice settles its error too.
    if (errors[key] || (key === 'delivery' && errors.address)) setErrors((e) => ({ ...e, [key]: undefined, ...(key === 'delivery' ? { address: undefined } : {}) }));
  };
  const org = form.applicantType === 'organization';

  const err = (key: DisclosureFormField) => (errors[key] ? <Text className='gk-iq__error e2e-field-error' data-field={key}>{errors[key]}</Text> : null);

  const field = (key: keyof DisclosureForm, label: string, hook: string, opts: { max: number; placeholder?: string; note?: ReactNode; type?: 'text' | 'number' | 'idcard' } = { max: 50 }) => (
    <View className='gk-dc-field' style={{ marginTop: '20px' }}>
      <Text className='gk-iq__label'>{label}</Text>
      <Input
        className={`gk-iq-input ${hook}`}
        type={opts.type ?? 'text'}
        value={form[key]}
        maxlength={opts.max}
        placeholder={opts.placeholder ?? ''}
        onInput={(e) => set(key, e.detail.value as never)}
      />
      {opts.note ? <Text className='gk-iq__note'>{opts.note}</Text> : null}
      {err(key)}
    </View>
  );

  const send = (asked: Promise<SubscribeAnswers>) =>
    run(
      async () => {
        const results = await asked;
        if (Object.keys(results).length) {
          setSubscribed(Object.values(results).includes('accept'));
          // The permission matters less than the request itself: a failed report does not stop it.
          await reportSubscribeResults(results).catch(() => undefined);
        }
        setCreated(await createDisclosureRequest(disclosureRequestBody(form)));
      },
      {
        success: '提交成功',
        onError: (e) => {
          if (isConsentRequired(e)) {
            void handleConsentRequired(e);
            return true;
          }
          if (!(e instanceof ApiError) || !e.details?.length) return;
          const next: DisclosureFormErrors = {};
          for (const d of e.details) {
            const key = formFieldOf(d.field);
            if (key && !next[key]) next[key] = d.message;
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
    const found = validateDisclosureForm(form, consent);
    setErrors(found);
    const first = Object.values(found)[0];
    if (first) {
      void Taro.showToast({ title: first, icon: 'none' });
      return;
    }
    const template = setup.data?.template ?? null;
    const asked = askSubscribe(template ? [template.id] : [], { demo: !!setup.data?.options?.demo }).catch(() => ({}));
    void send(asked);
  };

  const descriptionCount = chars(form.description);

  return (
    <View className={pageRootClass('gk-page gk-iq e2e-dc-apply')}>
      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>申请人</Text>
        <Chips
          options={TYPE_OPTIONS}
          selected={form.applicantType}
          onSelect={(t) => {
            set('applicantType', t);
            if (t === 'natural_person') set('organizationKind', '');
          }}
          hookPrefix='e2e-dc-type'
        />
        {err('applicantType')}
        {org ? (
          <View style={{ marginTop: '12px' }}>
            <Text className='gk-iq__label'>组织类型</Text>
            <Chips options={ORG_OPTIONS} selected={form.organizationKind} onSelect={(k) => set('organizationKind', k)} hookPrefix='e2e-dc-org' />
            {err('organizationKind')}
          </View>
        ) : null}
        {form.applicantType === 'natural_person' ? (
          <View>
            {field('name', '姓名', 'e2e-dc-name', { max: DISCLOSURE_LIMITS.name, placeholder: '与证件一致' })}
            <View style={{ marginTop: '20px' }}>
              <Text className='gk-iq__label'>证件类型</Text>
              <Chips options={ID_OPTIONS} selected={form.idType} onSelect={(t) => set('idType', t)} hookPrefix='e2e-dc-idtype' />
            </View>
            {field('idNumber', '证件号码', 'e2e-dc-id-number', {
              max: DISCLOSURE_LIMITS.idNumber,
              type: form.idType === 'resident_id' ? 'idcard' : 'text',
              placeholder: form.idType === 'resident_id' ? '18位身份证号码' : '证件上的号码',
              note:
                form.idType === 'resident_id'
                  ? '身份证号码最后一位是校验位（可能是X），提交前会自动核对。证件号码加密保存，只有承办人员可以查看完整号码。'
                  : '证件号码加密保存，只有承办人员可以查看完整号码。',
            })}
          </View>
        ) : null}
        {org ? (
          <View>
            {field('name', '单位名称', 'e2e-dc-name', { max: DISCLOSURE_LIMITS.name, placeholder: '与营业执照或登记证书一致' })}
            {field('creditCode', '统一社会信用代码', 'e2e-dc-credit-code', {
              max: DISCLOSURE_LIMITS.creditCode,
              placeholder: '18位代码',
              note: '18位数字或大写字母，最后一位是校验码，提交前会自动核对。',
            })}
            {field('legalRepresentative', '法定代表人或负责人', 'e2e-dc-legal-rep', { max: DISCLOSURE_LIMITS.name })}
            {field('contactName', '联系人', 'e2e-dc-contact', { max: DISCLOSURE_LIMITS.name })}
          </View>
        ) : null}
      </View>

      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>联系方式</Text>
        {field('phone', '联系电话', 'e2e-dc-phone', { max: DISCLOSURE_LIMITS.phone, placeholder: '手机号或固定电话' })}
        {field('email', '电子邮箱（选填）', 'e2e-dc-email', { max: DISCLOSURE_LIMITS.email })}
        {field('address', form.delivery === 'post' ? '通信地址（邮寄必填）' : '通信地址（选填）', 'e2e-dc-address', { max: DISCLOSURE_LIMITS.address, placeholder: '省市县、街道门牌' })}
        {field('postcode', '邮政编码（选填）', 'e2e-dc-postcode', { max: DISCLOSURE_LIMITS.postcode, type: 'number' })}
      </View>

      <View className='gk-iq__section'>
        <View className='gk-iq__label'>
          <Text>所需信息的描述</Text>
          <Text className={`gk-iq__count ${descriptionCount > DISCLOSURE_LIMITS.description ? 'gk-iq__count--over' : ''} e2e-dc-description-count`}>
            {descriptionCount}/{DISCLOSURE_LIMITS.description}
          </Text>
        </View>
        <Textarea
          className='gk-iq-textarea e2e-dc-description'
          value={form.description}
          maxlength={DISCLOSURE_LIMITS.description}
          placeholder='如：××县2025年义务教育学校招生工作实施方案（×教发〔2025〕×号）'
          onInput={(e) => set('description', e.detail.value)}
        />
        <Text className='gk-iq__note'>
          请写明信息的名称、文号，或能帮助找到它的特征（发布单位、时间范围、涉及的学校或事项）。一份申请宜只针对一件事；内容不明确的，会告知您补正。
        </Text>
        {err('description')}
        <View style={{ marginTop: '20px' }}>
          <Text className='gk-iq__label'>用途（选填）</Text>
          <Textarea
            className='gk-iq-textarea e2e-dc-purpose'
            style={{ height: '140px' }}
            value={form.purpose}
            maxlength={DISCLOSURE_LIMITS.purpose}
            placeholder='可以不填'
            onInput={(e) => set('purpose', e.detail.value)}
          />
          <Text className='gk-iq__note'>用途不是必填项，不填写不影响办理。</Text>
          {err('purpose')}
        </View>
      </View>

      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>提供形式</Text>
        <Chips options={FORM_OPTIONS} selected={form.provisionForm} onSelect={(f) => set('provisionForm', f)} hookPrefix='e2e-dc-form' />
        {err('provisionForm')}
        <Text className='gk-iq__title' style={{ marginTop: '16px' }}>
          获取方式
        </Text>
        <Chips options={DELIVERY_OPTIONS} selected={form.delivery} onSelect={(d) => set('delivery', d)} hookPrefix='e2e-dc-delivery' />
        {form.delivery === 'post' ? <Text className='gk-iq__note'>邮寄需要填写通信地址。</Text> : null}
        {err('delivery')}
      </View>

      <View className='gk-iq__section'>
        <View
          className={`gk-privacy-check ${consent ? 'gk-privacy-check--on' : ''} e2e-dc-consent`}
          data-on={consent ? 'true' : 'false'}
          aria-checked={consent}
          onClick={() => {
            setConsent(!consent);
            if (errors.consent) setErrors((e) => ({ ...e, consent: undefined }));
          }}
        >
          <Text className='gk-privacy-check__box'>{consent ? '✓' : ''}</Text>
          <Text className='gk-privacy-check__text'>
            我同意教育局为办理本申请处理上面填写的个人信息（姓名、证件号码、联系方式和地址）：仅用于核实身份、办理和送达答复，证件号码加密保存，依档案管理规定保存期满后删除。
          </Text>
        </View>
        <Text className='gk-iq__note e2e-dc-privacy-link' onClick={() => void Taro.navigateTo({ url: ROUTES.privacyNotice })}>
          查看《个人信息保护政策》 ›
        </Text>
        {err('consent')}
      </View>

      <View className={`gk-iq__button e2e-dc-submit ${busy ? 'gk-iq__button--disabled' : ''}`} onClick={submit}>
        <Text>{busy ? '正在提交…' : '提交申请'}</Text>
      </View>
      <PrivacyPopup />
    </View>
  );
}
