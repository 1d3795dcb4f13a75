import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { FEE_MAX_COUNT, FEE_METHODS, FEE_METHOD_LABELS, formatFen, type FeeMethod, type FeeQuote } from '@gongkai/shared';
import { errorMessage } from '../../../../api/errors';
import { getDisclosureFeeQuote } from '../../../../api/staff-disclosure';
import { ChoiceChips, FormField } from '../../components/Controls';
import { wholeNumber } from '../../utils/disclosure-format';
import { FeeBands } from './DisclosureCards';

export interface FeeDraft {
  method: FeeMethod | '';
  count: string;
}

/**
 * 收费: the method (按件 or 按量, never both) and the count, with the public calculator's answer
 * as a preview. 按件 is counted per applicant per calendar month: the page does not know the
 * applicant's earlier pieces, so the preview assumes none and says that the server counts them.
 */
export function FeeForm({ draft, onChange, error }: { draft: FeeDraft; onChange: (next: FeeDraft) => void; error?: string }) {
  const [quote, setQuote] = useState<FeeQuote | null>(null);
  const [quoteError, setQuoteError] = useState('');
  const count = wholeNumber(draft.count, FEE_MAX_COUNT);

  useEffect(() => {
    setQuote(null);
    setQuoteError('');
    if (!draft.method || count === null) return undefined;
    let live = true;
    // A short pause so typing "120" asks once, not three times.
    const timer = setTimeout(() => {
      getDisclosureFeeQuote(draft.method as FeeMethod, count, 0)
        .then((q) => live && setQuote(q))
        .catch((e: unknown) => live && setQuoteError(errorMessage(e)));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft.method, count]);

  const unit = draft.method === 'volume' ? '页' : '件';
  return (
    <View className='e2e-fee-form'>
      <FormField label='计收方式' required>
        <ChoiceChips options={FEE_METHODS.map((m) => ({ value: m, label: FEE_METHOD_LABELS[m] }))} selected={draft.method ? [draft.method] : []} onToggle={(v) => onChange({ ...draft, method: v as FeeMethod })} hookPrefix='e2e-fee-method' />
      </FormField>
      <FormField label={draft.method === 'volume' ? '本申请的页数' : '本申请的件数'} required error={error} hint={draft.method === 'volume' ? '按量计收：30页以内免费，按本申请的页数累进计算' : '按件计收：一事一件；申请人当月累计10件以内免费'}>
        <Input className='gk-input e2e-fee-count' type='number' value={draft.count} maxlength={6} onInput={(e) => onChange({ ...draft, count: e.detail.value })} />
      </FormField>
      {quote ? (
        <View className='e2e-fee-preview' data-amount={quote.amountFen}>
          {draft.method === 'piece' ? (
            <Text className='gk-dq__small e2e-fee-preview-prior'>
              以下按申请人本月此前 0 件试算。申请人本月已申请的件数由系统按证件号码匹配后计入，实际金额以发出的收费通知为准。
            </Text>
          ) : null}
          <FeeBands bands={quote.bands} unit={unit} />
          <Text className='gk-dq__amount e2e-fee-preview-amount'>{quote.amountFen ? `试算金额 ${formatFen(quote.amountFen)}` : '试算结果：免费，无需发出收费通知'}</Text>
        </View>
      ) : quoteError ? (
        <Text className='gk-dq__small e2e-fee-preview-error'>{quoteError}</Text>
      ) : null}
    </View>
  );
}
