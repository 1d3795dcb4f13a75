import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, RichText, Text, View } from '@tarojs/components';
import {
  APPLICANT_TYPE_LABELS,
  DELIVERY_METHOD_LABELS,
  DISCLOSURE_CHANNEL_LABELS,
  FEE_MAX_COUNT,
  FEE_MAX_PRIOR_PIECES,
  FEE_METHOD_LABELS,
  ORGANIZATION_KIND_LABELS,
  PROVISION_FORM_LABELS,
  RECEIPT_RULE_LABELS,
  formatFen,
  shanghaiDate,
  type ApplicantDisclosureView,
  type DisclosureFeeView,
  type DisclosureTimelineEntry,
  type FeeBand,
  type FeeMethod,
  type FeeQuote,
} from '@gongkai/shared';
import { getFeeQuote } from '../../../../api/disclosure';
import { ApiError, errorMessage } from '../../../../api/errors';
import { useAction } from '../../../../hooks/useAction';
import { formatDate, formatDateTime } from '../../../../utils/format';
import { openDisclosureDocument, type DisclosureDocument } from '../../../../utils/disclosure-files';
import { amountLabel, bandRange, dayLabel, deadlineText, unitPrice } from '../../../../utils/disclosure-text';
import { Chips } from '../../../../inquiry/InquiryControls';
import '../../../../inquiry/inquiry.scss';
import '../../../../inquiry/InquiryParts.scss';
import './disclosure.scss';

const METHOD_OPTIONS = (['piece', 'volume'] as const).map((m) => ({ value: m, label: FEE_METHOD_LABELS[m], hint: m === 'piece' ? '按申请件数，每人每月累计' : '按本次提供的页数' }));

/** The bands a fee (or a quote) is made of: range, unit price, how many fall in it, subtotal. */
export function FeeBandsTable({ bands, method }: { bands: readonly FeeBand[]; method: FeeMethod }) {
  const unit = method === 'piece' ? '件' : '页';
  return (
    <View className='gk-dc-table e2e-fee-bands'>
      <View className='gk-dc-table__row'>
        <Text className='gk-dc-table__cell'>区间</Text>
        <Text className='gk-dc-table__cell'>单价</Text>
        <Text className='gk-dc-table__cell'>数量</Text>
        <Text className='gk-dc-table__cell'>小计</Text>
      </View>
      {bands.map((b) => (
        <View key={b.from} className='gk-dc-table__row e2e-fee-band' data-from={b.from} data-to={b.to ?? ''} data-unit-fen={b.unitFen} data-count={b.count} data-subtotal-fen={b.subtotalFen}>
          <Text className='gk-dc-table__cell'>{bandRange(b, unit)}</Text>
          <Text className='gk-dc-table__cell'>{unitPrice(b.unitFen, unit)}</Text>
          <Text className='gk-dc-table__cell'>
            {b.count} {unit}
          </Text>
          <Text className='gk-dc-table__cell'>{formatFen(b.subtotalFen)}</Text>
        </View>
      ))}
    </View>
  );
}

/** A whole number typed into a field, or null when it is not one. */
function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

/** 信息处理费计算器: the public calculator endpoint's answer for a method, a count and (按件) the month's earlier pieces. */
export function FeeCalculator() {
  const [method, setMethod] = useState<FeeMethod>('piece');
  const [count, setCount] = useState('');
  const [prior, setPrior] = useState('0');
  const [error, setError] = useState('');
  const [quote, setQuote] = useState<FeeQuote | null>(null);
  const { busy, run } = useAction();

  const calculate = () => {
    const n = wholeNumber(count);
    const p = method === 'piece' ? wholeNumber(prior || '0') : 0;
    if (n === null || n < 1 || n > FEE_MAX_COUNT) {
      setError(method === 'piece' ? `请填写本次申请的件数（1–${FEE_MAX_COUNT}）` : `请填写页数（1–${FEE_MAX_COUNT}）`);
      return;
    }
    if (p === null || p > FEE_MAX_PRIOR_PIECES) {
      setError('本月此前已申请的件数应为0或正整数');
      return;
    }
    setError('');
    void run(async () => setQuote(await getFeeQuote(method, n, p)), {
      onError: (e) => {
        setQuote(null);
        setError(e instanceof ApiError ? e.message : errorMessage(e));
        return true;
      },
    });
  };

  return (
    <View className='gk-iq__section e2e-fee-calculator'>
      <Text className='gk-iq__title'>信息处理费计算器</Text>
      <Chips
        options={METHOD_OPTIONS}
        selected={method}
        onSelect={(m) => {
          setMethod(m);
          setQuote(null);
        }}
        hookPrefix='e2e-fee-method'
      />
      <Text className='gk-iq__label'>{method === 'piece' ? '本次申请的件数' : '本次提供信息的页数'}</Text>
      <Input className='gk-iq-input e2e-fee-count' type='number' value={count} maxlength={9} placeholder={method === 'piece' ? '如 3' : '如 120'} onInput={(e) => setCount(e.detail.value)} />
      {method === 'piece' ? (
        <View style={{ marginTop: '16px' }}>
          <Text className='gk-iq__label'>本月此前已申请的件数</Text>
          <Input className='gk-iq-input e2e-fee-prior' type='number' value={prior} maxlength={9} placeholder='0' onInput={(e) => setPrior(e.detail.value)} />
          <Text className='gk-iq__note'>按件计收按同一申请人每个自然月累计：每月前10件免费。</Text>
        </View>
      ) : (
        <Text className='gk-iq__note'>按量计收按一件申请所提供的页数计算：30页以内免费。</Text>
      )}
      {error ? <Text className='gk-iq__error e2e-fee-error'>{error}</Text> : null}
      <View className={`gk-iq__button e2e-fee-calculate ${busy ? 'gk-iq__button--disabled' : ''}`} onClick={calculate}>
        <Text>{busy ? '正在计算…' : '计算'}</Text>
      </View>
      {quote ? (
        <View className='e2e-fee-result' data-amount-fen={quote.amountFen} data-method={quote.method} style={{ marginTop: '24px' }}>
          <Text className='gk-iq__label'>应缴信息处理费</Text>
          <Text className='gk-dc__amount e2e-fee-amount'>{amountLabel(quote.amountFen)}</Text>
          <FeeBandsTable bands={quote.bands} method={quote.method} />
          <Text className='gk-iq__note'>超额累进计算：每一区间的单价只适用于落在该区间的部分。计算结果仅供参考，以收费通知书为准。</Text>
        </View>
      ) : null}
      <View className='gk-iq__note'>
        <Text>收费标准（国办函〔2020〕109号）：</Text>
        <Text>按件：每月1–10件免费，11–30件每件100元，此后每10件为一档，每件比上一档增加100元；</Text>
        <Text>按量：30页以内免费，31–100页每页10元，101–200页每页20元，201页以上每页40元。两种方式只取其一。</Text>
      </View>
    </View>
  );
}

/** The answer deadline as it stands, or why it is paused or stopped. */
export function DisclosureDeadline({ view }: { view: ApplicantDisclosureView }) {
  const today = shanghaiDate(new Date());
  const t = deadlineText(view, today);
  return (
    <View className={`gk-dc__deadline gk-dc__deadline--${t.state} e2e-dc-deadline`} data-state={t.state} data-due={view.deadline?.dueDate ?? ''}>
      <Text className='gk-dc__deadline-head e2e-dc-deadline-head'>{t.headline}</Text>
      {t.note ? <Text className='gk-iq__note e2e-dc-deadline-note'>{t.note}</Text> : null}
      {view.deadline?.flagged ? <Text className='gk-iq__note'>该年度节假日安排尚未录入，暂按周一至周五计算，日期可能调整。</Text> : null}
    </View>
  );
}

export function DisclosureTimeline({ entries }: { entries: readonly DisclosureTimelineEntry[] }) {
  return (
    <View className='gk-timeline e2e-timeline'>
      {entries.map((e, i) => (
        <View key={`${e.at}-${i}`} className='gk-timeline__item e2e-timeline-item' data-action={e.action}>
          <View className='gk-timeline__dot' />
          <View className='gk-timeline__body'>
            <Text className='gk-timeline__label e2e-timeline-label'>{e.label}</Text>
            <Text className='gk-timeline__time'>{formatDateTime(e.at)}</Text>
            {e.text ? <Text className='gk-timeline__text e2e-timeline-text'>{e.text}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}

function Row({ k, v, hook = '' }: { k: string; v: string; hook?: string }) {
  return (
    <View className='gk-dc__row'>
      <Text className='gk-dc__row-key'>{k}</Text>
      <Text className={`gk-dc__row-value ${hook}`}>{v}</Text>
    </View>
  );
}

const FEE_STATUS_LABELS: Record<DisclosureFeeView['status'], string> = {
  issued: '待缴费',
  paid: '已缴费',
  cancelled: '已撤销',
  lapsed: '逾期未缴',
  refunded: '已退费',
  partially_refunded: '部分退费',
};

/** Where the page's documents come from: the signed-in applicant's URLs, or the lookup token's. */
export interface DocumentSource {
  /** Absolute URLs; '' when there is no way to open it here (a lookup without a token). */
  feeNotice: string;
  letterHtml: string;
  letterPdf: string;
  signedIn: boolean;
}

/** A document link: opens it (H5: a new tab or a download; weapp: openDocument, or the HTML shown below). */
function DocumentButton({ doc, label, hook, outline = true }: { doc: DisclosureDocument; label: string; hook: string; outline?: boolean }) {
  const [html, setHtml] = useState('');
  if (!doc.url) return null;
  const open = () => {
    void openDisclosureDocument(doc).then((r) => {
      if (r.opened) return;
      if ('html' in r) setHtml(r.html);
      else void Taro.showToast({ title: r.failed, icon: 'none' });
    });
  };
  return (
    <View>
      <View className={`gk-iq__button ${outline ? 'gk-iq__button--outline' : ''} ${hook}`} onClick={open}>
        <Text>{label}</Text>
      </View>
      {html ? (
        <View className='gk-dc__html'>
          <RichText nodes={html} userSelect />
        </View>
      ) : null}
    </View>
  );
}

/** The fee: amount, how it is made up, the last day to pay, the written notice, and 支付 when the server allows it. */
export function FeeCard({ fee, docs, payable, paying, onPay, trackingNo }: { fee: DisclosureFeeView; docs: DocumentSource; payable: boolean; paying: boolean; onPay?: () => void; trackingNo: string }) {
  const today = shanghaiDate(new Date());
  return (
    <View className='gk-iq__section e2e-dc-fee' data-status={fee.status} data-amount-fen={fee.amountFen}>
      <Text className='gk-iq__title'>信息处理费</Text>
      <Text className='gk-dc__amount e2e-dc-fee-amount'>{formatFen(fee.amountFen)}</Text>
      <Row k='状态' v={FEE_STATUS_LABELS[fee.status]} hook='e2e-dc-fee-status' />
      <Row k='计收方式' v={`${FEE_METHOD_LABELS[fee.method]}（${fee.count} ${fee.method === 'piece' ? '件' : '页'}${fee.method === 'piece' && fee.priorPieces ? `，本月此前 ${fee.priorPieces} 件` : ''}）`} />
      <Row k='通知日期' v={dayLabel(fee.issuedDate, today)} />
      {fee.status === 'issued' ? <Row k='缴费期限' v={`${dayLabel(fee.payDueDate, today)}前`} hook='e2e-dc-fee-due' /> : null}
      {fee.paidAt ? <Row k='缴费时间' v={formatDateTime(fee.paidAt)} hook='e2e-dc-fee-paid-at' /> : null}
      {fee.refundedFen ? <Row k='已退费' v={formatFen(fee.refundedFen)} /> : null}
      <FeeBandsTable bands={fee.bands} method={fee.method} />
      {fee.status === 'issued' ? <Text className='gk-iq__note'>请在缴费期限内缴纳；逾期未缴的，视为放弃申请，本申请终止办理。缴费期间不计入答复期限。</Text> : null}
      <DocumentButton doc={{ url: docs.feeNotice, kind: 'html', fileName: `收费通知书-${trackingNo}.html`, signedIn: docs.signedIn }} label='查看收费通知书' hook='e2e-dc-fee-notice' />
      {payable && onPay ? (
        <View className={`gk-iq__button e2e-dc-pay ${paying ? 'gk-iq__button--disabled' : ''}`} onClick={onPay}>
          <Text>{paying ? '正在支付…' : `支付 ${formatFen(fee.amountFen)}`}</Text>
        </View>
      ) : null}
    </View>
  );
}

/** The reply letter, once approved and sent: outcome, number, the PDF and the HTML. */
export function LetterCard({ view, docs }: { view: ApplicantDisclosureView; docs: DocumentSource }) {
  const letter = view.letter;
  if (!letter) return null;
  return (
    <View className='gk-iq__section e2e-dc-letter' data-outcome={letter.outcome}>
      <Text className='gk-iq__title'>答复</Text>
      <Row k='答复结果' v={letter.outcomeLabel} hook='e2e-dc-letter-outcome' />
      {letter.number ? <Row k='文号' v={letter.number} hook='e2e-dc-letter-number' /> : null}
      {letter.approvedAt ? <Row k='答复日期' v={formatDate(letter.approvedAt)} /> : null}
      <View className='gk-dc__actions'>
        {letter.pdfUrl ? (
          <DocumentButton doc={{ url: docs.letterPdf, kind: 'pdf', fileName: `答复书-${view.trackingNo}.pdf`, signedIn: docs.signedIn }} label='下载答复书（PDF）' hook='e2e-dc-letter-pdf' outline={false} />
        ) : null}
        <DocumentButton doc={{ url: docs.letterHtml, kind: 'html', fileName: `答复书-${view.trackingNo}.html`, signedIn: docs.signedIn }} label='查看答复书' hook='e2e-dc-letter-html' />
      </View>
      <Text className='gk-iq__note'>对答复不服的，可依法申请行政复议或者提起行政诉讼，具体途径与期限见答复书。</Text>
    </View>
  );
}

/** What was asked and by whom (masked), how it is to be provided, when it was received. */
export function RequestFacts({ view }: { view: ApplicantDisclosureView }) {
  const today = shanghaiDate(new Date());
  return (
    <View className='gk-iq__section e2e-dc-facts'>
      <Text className='gk-iq__title'>申请内容</Text>
      <Text className='gk-iq__text e2e-dc-description'>{view.description}</Text>
      {view.purpose ? <Text className='gk-iq__note'>用途：{view.purpose}</Text> : null}
      <View style={{ marginTop: '16px' }}>
        <Row
          k='申请人'
          v={`${view.applicantName}（${APPLICANT_TYPE_LABELS[view.applicantType]}${view.organizationKind ? ` · ${ORGANIZATION_KIND_LABELS[view.organizationKind]}` : ''}）`}
          hook='e2e-dc-applicant'
        />
        {view.idNumberMasked ? <Row k='证件号码' v={view.idNumberMasked} hook='e2e-dc-id-masked' /> : null}
        <Row k='提供形式' v={PROVISION_FORM_LABELS[view.provisionForm]} />
        <Row k='获取方式' v={DELIVERY_METHOD_LABELS[view.delivery]} />
        <Row k='申请方式' v={DISCLOSURE_CHANNEL_LABELS[view.channel]} />
        <Row k='提交时间' v={formatDateTime(view.submittedAt)} />
        <Row k='收到申请日期' v={view.receivedDate ? dayLabel(view.receivedDate, today) : '待确认'} hook='e2e-dc-received' />
      </View>
      <Text className='gk-iq__note'>{RECEIPT_RULE_LABELS[view.channel]}。</Text>
    </View>
  );
}
