import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { DisclosureLookupView } from '@gongkai/shared';
import { lookupDisclosure, lookupFileUrl } from '../../../../api/disclosure';
import { errorMessage } from '../../../../api/errors';
import { useAction } from '../../../../hooks/useAction';
import { normalizeTrackingNo } from '../../../../utils/disclosure-text';
import { param } from '../../../../utils/routes';
import { DisclosureDetailBody } from './DisclosureDetail';
import '../../../../inquiry/inquiry.scss';
import './disclosure.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/**
 * 按申请编号查询: for applicants who did not sign in (or applied on paper), the request's progress
 * by its tracking number and the verification code given once when it was made. Read-only; the
 * letter and fee notice open through the short-lived token the lookup answers with.
 */
export default function DisclosureLookup() {
  const router = useRouter();
  const [trackingNo, setTrackingNo] = useState(param(router.params, 'trackingNo'));
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [result, setResult] = useState<DisclosureLookupView | null>(null);
  const { busy, run } = useAction();

  const search = () => {
    const no = normalizeTrackingNo(trackingNo);
    const vc = code.trim();
    if (!no || !vc) {
      setError(!no ? '请填写申请编号' : '请填写查询码');
      return;
    }
    setError('');
    void run(async () => setResult(await lookupDisclosure({ trackingNo: no, verificationCode: vc })), {
      onError: (e) => {
        setError(errorMessage(e));
        return true;
      },
    });
  };

  if (result) {
    const token = result.lookupToken;
    const footer = (
      <View className='gk-iq__section'>
        <Text className='gk-iq__note'>为保护申请人信息，查询结果中的姓名和证件号码已隐去部分内容；答复书和收费通知书的链接在 30 分钟内有效，过期请重新查询。</Text>
        <View
          className='gk-iq__button gk-iq__button--outline e2e-dc-lookup-again'
          onClick={() => {
            setResult(null);
            setCode('');
          }}
        >
          <Text>查询其他申请</Text>
        </View>
      </View>
    );
    return (
      <DisclosureDetailBody
        view={result}
        pageClass='e2e-dc-lookup-result'
        // Without a token (the server may leave it out) the documents are not linked.
        docs={{ feeNotice: token ? lookupFileUrl(token, 'fee-notice') : '', letterHtml: token ? lookupFileUrl(token, 'letter.html') : '', letterPdf: token ? lookupFileUrl(token, 'letter.pdf') : '', signedIn: false }}
        slots={{ footer }}
      />
    );
  }

  return (
    <View className={pageRootClass('gk-page gk-iq e2e-dc-lookup')}>
      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>按申请编号查询</Text>
        <Text className='gk-iq__label'>申请编号</Text>
        <Input className='gk-iq-input e2e-dc-lookup-tracking' value={trackingNo} maxlength={40} placeholder='提交申请后获得的编号' onInput={(e) => setTrackingNo(e.detail.value)} />
        <Text className='gk-iq__label' style={{ marginTop: '20px' }}>
          查询码
        </Text>
        <Input className='gk-iq-input e2e-dc-lookup-code' value={code} maxlength={40} placeholder='提交时显示的查询码' onInput={(e) => setCode(e.detail.value)} />
        {error ? <Text className='gk-iq__error e2e-dc-lookup-error'>{error}</Text> : null}
        <View className={`gk-iq__button e2e-dc-lookup-submit ${busy ? 'gk-iq__button--disabled' : ''}`} onClick={search}>
          <Text>{busy ? '正在查询…' : '查询'}</Text>
        </View>
        <Text className='gk-iq__note'>查询码在提交申请时显示一次；书面申请的查询码由工作人员在收到申请时告知。遗失查询码的，请登录后在“我的申请”中查看，或联系教育局办公室。</Text>
      </View>
    </View>
  );
}
