import { FEE_METHOD_LABELS, FEE_PAYMENT_WORKING_DAYS, formatFen, type FeeBand, type FeeMethod } from '@gongkai/shared';
import { escape } from 'html-escaper';
import type { DisclosureFee } from '../entities/disclosure-fee.entity';

/**
 * The rules the notice cites. 国办函〔2020〕109号《政府信息公开信息处理费管理办法》: 第三条 (one method
 * per request, 超额累进), 第四条 (按件, per applicant per calendar month), 第五条 (按量, pages of one
 * request), 第七条 (the written notice with basis, rate, amount and how to pay; payment within 20
 * working days from the day after receipt, else the request counts as abandoned; the time from the
 * notice to the payment does not count toward the answer deadline).
 */
export const FEE_RULES = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';
const METHOD_ARTICLE: Record<FeeMethod, string> = { piece: '第三条、第四条', volume: '第三条、第五条' };
export const FEE_NOTICE_ARTICLE = '第七条';

const STATUS_BANNERS: Partial<Record<DisclosureFee['status'], string>> = {
  paid: '本通知所列费用已缴纳。',
  cancelled: '本收费通知已撤销，无需缴费。',
  lapsed: '缴费期限已过，未缴纳费用，本申请视为放弃。',
  refunded: '本通知所列费用已缴纳，并已全额退还。',
  partially_refunded: '本通知所列费用已缴纳，并已部分退还。',
};

/** `2026-10-30` → `2026年10月30日`. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function bandLabel(method: FeeMethod, band: FeeBand): string {
  const unit = method === 'piece' ? '件' : '页';
  const range = band.to === null ? `第 ${band.from} ${unit}及以上` : `第 ${band.from}–${band.to} ${unit}`;
  return method === 'piece' ? `本月累计${range}` : range;
}

export interface FeeNoticeInput {
  agency: string;
  contact: string;
  trackingNo: string;
  /** The request's receipt date. */
  receivedDate: string | null;
  fee: DisclosureFee;
}

/**
 * The written fee notice (收费通知书) as a self-contained HTML page: the agency, the request, the
 * basis, the method and its bands, the amount in 元, how to pay, the last day to pay and what
 * happens if it passes. Every interpolated value is escaped.
 */
export function renderFeeNotice({ agency, contact, trackingNo, receivedDate, fee }: FeeNoticeInput): string {
  const e = (value: string | number) => escape(String(value));
  const unit = fee.method === 'piece' ? '件' : '页';
  const rows = fee.bands
    .map((b) => `<tr><td>${e(bandLabel(fee.method, b))}</td><td>${e(b.unitFen === 0 ? '免费' : `${formatFen(b.unitFen)}/${unit}`)}</td><td>${e(b.count)}</td><td>${e(formatFen(b.subtotalFen))}</td></tr>`)
    .join('');
  const counted =
    fee.method === 'piece'
      ? `本申请按“一事一申请”计 ${e(fee.count)} 件；您本自然月此前已申请 ${e(fee.priorPieces)} 件，本申请为本月第 ${e(fee.priorPieces + 1)}–${e(fee.priorPieces + fee.count)} 件。`
      : `本申请所需提供的政府信息共 ${e(fee.count)} 页。`;
  const banner = STATUS_BANNERS[fee.status];
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开信息处理费收费通知书（${e(trackingNo)}）</title>
<style>
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;max-width:42em;margin:2em auto;padding:0 1em;line-height:1.8;color:#111}
h1{font-size:1.5em;text-align:center;margin-bottom:0}h2{font-size:1.2em;text-align:center;margin-top:.3em}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #444;padding:.2em .5em;text-align:left}
.banner{border:2px solid #b00;color:#b00;padding:.3em .8em}.amount{font-size:1.2em;font-weight:bold}.sign{text-align:right;margin-top:2em}
</style>
</head>
<body>
<h1>${e(agency)}</h1>
<h2>政府信息公开信息处理费收费通知书</h2>
${banner ? `<p class="banner">${e(banner)}</p>\n` : ''}<p>申请编号：${e(trackingNo)}</p>
<p>本机关${receivedDate ? `于 ${e(chineseDate(receivedDate))} ` : ''}收到您的政府信息公开申请（编号 ${e(trackingNo)}）。根据${e(FEE_RULES)}${e(METHOD_ARTICLE[fee.method])}的规定，本机关决定对该申请收取信息处理费，现通知如下：</p>
<p>一、计收方式：${e(FEE_METHOD_LABELS[fee.method])}，按超额累进方式计算。${counted}</p>
<table>
<thead><tr><th>档次</th><th>收费标准</th><th>数量（${e(unit)}）</th><th>小计</th></tr></thead>
<tbody>${rows}</tbody>
</table>
<p class="amount">二、应缴金额：人民币 ${e(formatFen(fee.amountFen))}</p>
<p>三、缴纳方式：请在微信小程序中打开“依申请公开”的本申请，点击“缴费”，通过微信支付缴纳。</p>
<p>四、缴纳期限：请自收到本通知次日起 ${e(FEE_PAYMENT_WORKING_DAYS)} 个工作日内缴纳，即最迟于 ${e(chineseDate(fee.payDueDate))}（${e(fee.payDueDate)}）缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。</p>
<p>五、根据${e(FEE_RULES)}${e(FEE_NOTICE_ARTICLE)}的规定，自本通知发出之日起至您缴纳费用之日止的期间，不计算在政府信息公开申请的答复期限内。</p>
<p>联系方式：${e(contact)}</p>
<p class="sign">${e(agency)}<br>${e(chineseDate(fee.issuedDate))}</p>
</body>
</html>
`;
}
