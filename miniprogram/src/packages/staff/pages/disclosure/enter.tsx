import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  DELIVERY_METHODS,
  DELIVERY_METHOD_LABELS,
  DISCLOSURE_CHANNEL_LABELS,
  DISCLOSURE_LIMITS,
  ID_DOCUMENT_TYPES,
  ID_DOCUMENT_TYPE_LABELS,
  ORGANIZATION_KINDS,
  ORGANIZATION_KIND_LABELS,
  PROVISION_FORMS,
  PROVISION_FORM_LABELS,
  RECEIPT_RULE_LABELS,
  STAFF_ENTERED_CHANNELS,
  type DisclosureCreated,
} from '@gongkai/shared';
import { ApiError } from '../../../../api/errors';
import { enterDisclosureRequest } from '../../../../api/staff-disclosure';
import { useAction } from '../../../../hooks/useAction';
import {
  EMPTY_DISCLOSURE_FORM,
  disclosureRequestBody,
  formFieldOf,
  validateDisclosureForm,
  type DisclosureForm,
  type DisclosureFormErrors,
} from '../../../../utils/disclosure-form';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { ChoiceChips, FormField } from '../../components/Controls';
import { DateField } from '../../components/DateField';
import { entryProblems, todayShanghai } from '../../utils/disclosure-format';
import '../../components/staff.scss';
import './disclosure.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

type Channel = (typeof STAFF_ENTERED_CHANNELS)[number];
type EntryErrors = DisclosureFormErrors & { channel?: string; receivedDate?: string };

const RECEIVED_LABEL: Record<Channel, string> = { in_person: '提交日期', post: '签收日期', fax: '双方确认日期' };

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

/**
 * 登记申请: a request that arrived in person, by post or by fax, entered with its channel and the
 * receipt date the channel's rule gives (art. 31). Afterwards the slip to hand to the applicant:
 * the tracking number and the verification code, shown this once.
 */
function StaffDisclosureEnterPage() {
  const [channel, setChannel] = useState<Channel | ''>('');
  const [receivedDate, setReceivedDate] = useState(todayShanghai());
  const [form, setForm] = useState<DisclosureForm>(EMPTY_DISCLOSURE_FORM);
  const [errors, setErrors] = useState<EntryErrors>({});
  const [created, setCreated] = useState<DisclosureCreated | null>(null);
  const action = useAction();

  const set = <K extends keyof DisclosureForm>(key: K, value: DisclosureForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const input = (key: keyof DisclosureForm) => (e: { detail: { value: string } }) => set(key, e.detail.value as never);

  const submit = () => {
    const today = todayShanghai();
    const problems: EntryErrors = { ...entryProblems(channel, receivedDate, today), ...validateDisclosureForm(form, true) };
    if (Object.keys(problems).length) {
      setErrors(problems);
      void Taro.showToast({ title: Object.values(problems)[0] ?? '请检查填写的内容', icon: 'none' });
      return;
    }
    void action.run(() => enterDisclosureRequest({ ...disclosureRequestBody(form), channel: channel as Channel, receivedDate }), {
      success: '已登记',
      refresh: (result) => {
        setCreated(result);
        void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
      },
      onError: (e) => {
        // The server's per-field messages go under their fields; the toast still says the first.
        if (e instanceof ApiError && e.details?.length) {
          const next: EntryErrors = {};
          for (const d of e.details) {
            const key = d.field === 'channel' || d.field === 'receivedDate' ? d.field : formFieldOf(d.field);
            if (key && !next[key]) next[key] = d.message;
          }
          setErrors(next);
        }
        return false;
      },
    });
  };

  const print = () => {
    if (process.env.TARO_ENV === 'h5') window.print();
  };

  if (created) {
    return (
      <View className={pageRootClass('gk-page gk-staff-disclosure-enter e2e-staff-disclosure-enter')}>
        <View className='gk-dq-slip e2e-disclosure-entered' data-id={created.id}>
          <Text className='gk-dq-slip__title'>政府信息公开申请回执</Text>
          <Text className='gk-dq-slip__line'>申请编号</Text>
          <Text className='gk-dq-slip__code e2e-disclosure-entered-tracking'>{created.trackingNo}</Text>
          <Text className='gk-dq-slip__line'>查询验证码</Text>
          <Text className='gk-dq-slip__code e2e-disclosure-entered-code'>{created.verificationCode}</Text>
          <Text className='gk-dq-slip__line'>
            收到申请日期：{receivedDate}（{channel ? DISCLOSURE_CHANNEL_LABELS[channel] : ''}，{channel ? RECEIPT_RULE_LABELS[channel] : ''}）
          </Text>
          <Text className='gk-dq__small'>
            申请人可凭申请编号和验证码在“教育公开”小程序“依申请公开 · 查询办理进度”中查看办理情况。验证码只显示这一次，请交给申请人妥善保存。
          </Text>
        </View>
        <View className='gk-btn-row gk-dq-no-print'>
          {process.env.TARO_ENV === 'h5' ? (
            <View className='gk-btn gk-btn--primary e2e-disclosure-entered-print' onClick={print}>
              <Text>打印回执</Text>
            </View>
          ) : null}
          <View className='gk-btn e2e-disclosure-entered-view' onClick={() => void Taro.redirectTo({ url: withQuery(ROUTES.staffDisclosure, { id: created.id }) })}>
            <Text>办理此申请</Text>
          </View>
          <View
            className='gk-btn e2e-disclosure-entered-another'
            onClick={() => {
              setCreated(null);
              setForm(EMPTY_DISCLOSURE_FORM);
              setChannel('');
              setReceivedDate(todayShanghai());
              setErrors({});
            }}
          >
            <Text>继续登记</Text>
          </View>
        </View>
      </View>
    );
  }

  const org = form.applicantType === 'organization';
  const busy = action.busy ? 'gk-btn--disabled' : '';
  return (
    <View className={pageRootClass('gk-page gk-staff-disclosure-enter e2e-staff-disclosure-enter')}>
      <FormField label='申请方式' required error={errors.channel} hint={channel ? undefined : '网上申请由申请人在小程序中提交，无需登记'}>
        <ChoiceChips
          options={STAFF_ENTERED_CHANNELS.map((c) => ({ value: c, label: DISCLOSURE_CHANNEL_LABELS[c] }))}
          selected={channel ? [channel] : []}
          onToggle={(v) => {
            setChannel(v as Channel);
            setErrors((e) => ({ ...e, channel: undefined }));
          }}
          hookPrefix='e2e-enter-channel'
        />
        {channel ? <Text className='gk-dq__small e2e-enter-receipt-rule'>{RECEIPT_RULE_LABELS[channel]}</Text> : null}
      </FormField>
      <FormField label={channel ? RECEIVED_LABEL[channel] : '收到申请日期'} required error={errors.receivedDate}>
        <DateField
          mode='date'
          value={receivedDate}
          className='e2e-enter-received'
          onChange={(v) => {
            setReceivedDate(v);
            setErrors((e) => ({ ...e, receivedDate: undefined }));
          }}
        />
      </FormField>

      <FormField label='申请人类型' required error={errors.applicantType}>
        <ChoiceChips options={opts(APPLICANT_TYPES, APPLICANT_TYPE_LABELS)} selected={form.applicantType ? [form.applicantType] : []} onToggle={(v) => set('applicantType', v as DisclosureForm['applicantType'])} hookPrefix='e2e-enter-type' />
      </FormField>
      {org ? (
        <FormField label='组织类型' required error={errors.organizationKind}>
          <ChoiceChips options={opts(ORGANIZATION_KINDS, ORGANIZATION_KIND_LABELS)} selected={form.organizationKind ? [form.organizationKind] : []} onToggle={(v) => set('organizationKind', v as DisclosureForm['organizationKind'])} hookPrefix='e2e-enter-org-kind' />
        </FormField>
      ) : null}
      <FormField label={org ? '单位名称' : '姓名'} required error={errors.name}>
        <Input className='gk-input e2e-enter-name' value={form.name} maxlength={DISCLOSURE_LIMITS.name} onInput={input('name')} />
      </FormField>
      {form.applicantType === 'natural_person' ? (
        <View>
          <FormField label='证件类型' required>
            <ChoiceChips options={opts(ID_DOCUMENT_TYPES, ID_DOCUMENT_TYPE_LABELS)} selected={[form.idType]} onToggle={(v) => set('idType', v as DisclosureForm['idType'])} hookPrefix='e2e-enter-id-type' />
          </FormField>
          <FormField label='证件号码' required error={errors.idNumber}>
            <Input className='gk-input e2e-enter-id-number' value={form.idNumber} maxlength={DISCLOSURE_LIMITS.idNumber} onInput={input('idNumber')} />
          </FormField>
        </View>
      ) : null}
      {org ? (
        <View>
          <FormField label='统一社会信用代码' required error={errors.creditCode}>
            <Input className='gk-input e2e-enter-credit-code' value={form.creditCode} maxlength={DISCLOSURE_LIMITS.creditCode} onInput={input('creditCode')} />
          </FormField>
          <FormField label='法定代表人或负责人' required error={errors.legalRepresentative}>
            <Input className='gk-input e2e-enter-legal-rep' value={form.legalRepresentative} maxlength={DISCLOSURE_LIMITS.name} onInput={input('legalRepresentative')} />
          </FormField>
          <FormField label='联系人' required error={errors.contactName}>
            <Input className='gk-input e2e-enter-contact' value={form.contactName} maxlength={DISCLOSURE_LIMITS.name} onInput={input('contactName')} />
          </FormField>
        </View>
      ) : null}
      <FormField label='联系电话' required error={errors.phone}>
        <Input className='gk-input e2e-enter-phone' type='text' value={form.phone} maxlength={DISCLOSURE_LIMITS.phone} onInput={input('phone')} />
      </FormField>
      <FormField label='电子邮箱' error={errors.email}>
        <Input className='gk-input e2e-enter-email' value={form.email} maxlength={DISCLOSURE_LIMITS.email} onInput={input('email')} />
      </FormField>
      <FormField label='通信地址' error={errors.address} hint='邮寄送达时必填'>
        <Input className='gk-input e2e-enter-address' value={form.address} maxlength={DISCLOSURE_LIMITS.address} onInput={input('address')} />
      </FormField>
      <FormField label='邮政编码' error={errors.postcode}>
        <Input className='gk-input e2e-enter-postcode' type='number' value={form.postcode} maxlength={DISCLOSURE_LIMITS.postcode} onInput={input('postcode')} />
      </FormField>

      <FormField label='所需信息的描述' required error={errors.description} hint='信息的名称、文号或者便于查找的其他特征'>
        <Textarea className='gk-textarea gk-dq__textarea e2e-enter-description' value={form.description} maxlength={DISCLOSURE_LIMITS.description} onInput={input('description')} />
      </FormField>
      <FormField label='用途（申请人自愿说明）' error={errors.purpose}>
        <Textarea className='gk-textarea gk-dq__textarea e2e-enter-purpose' value={form.purpose} maxlength={DISCLOSURE_LIMITS.purpose} onInput={input('purpose')} />
      </FormField>
      <FormField label='信息的提供形式' required error={errors.provisionForm}>
        <ChoiceChips options={opts(PROVISION_FORMS, PROVISION_FORM_LABELS)} selected={form.provisionForm ? [form.provisionForm] : []} onToggle={(v) => set('provisionForm', v as DisclosureForm['provisionForm'])} hookPrefix='e2e-enter-form' />
      </FormField>
      <FormField label='获取信息的方式' required error={errors.delivery}>
        <ChoiceChips options={opts(DELIVERY_METHODS, DELIVERY_METHOD_LABELS)} selected={form.delivery ? [form.delivery] : []} onToggle={(v) => set('delivery', v as DisclosureForm['delivery'])} hookPrefix='e2e-enter-delivery' />
      </FormField>
      <View className='gk-btn-row'>
        <View className={`gk-btn gk-btn--primary ${busy} e2e-enter-submit`} onClick={submit}>
          <Text>登记</Text>
        </View>
      </View>
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks disclosure; phones get the page alone). */
export default function StaffDisclosureEnter() {
  return (
    <StaffShell active='disclosure'>
      <StaffDisclosureEnterPage />
    </StaffShell>
  );
}
