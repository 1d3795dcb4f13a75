import { volumeFee, pieceFee } from '@gongkai/shared';
import type { DisclosureFee } from '../entities/disclosure-fee.entity';
import { closeFeePause } from './disclosure-fees.service';
import { chineseDate, renderFeeNotice } from './fee-notice';

function aFee(fields: Partial<DisclosureFee> = {}): DisclosureFee {
  const quote = volumeFee(120);
  return {
    id: 1,
    requestId: 7,
    method: 'volume',
    count: 120,
    priorPieces: 0,
    amountFen: quote.amountFen,
    bands: quote.bands,
    status: 'issued',
    issuedDate: '2026-09-08',
    payDueDate: '2026-10-12',
    issuedById: 3,
    paymentOrderId: null,
    paidAt: null,
    refundedFen: 0,
    version: 1,
    createdAt: new Date('2026-09-08T02:00:00Z'),
    updatedAt: new Date('2026-09-08T02:00:00Z'),
    ...fields,
  };
}

describe('the written fee notice', () => {
  const base = { agency: '测试县教育局', contact: '信息公开办公室 0536-0000000', trackingNo: 'YS20260901001', receivedDate: '2026-09-01' };

  it('states the basis, the bands, the amount in 元, how to pay, the last day and the lapse', () => {
    const html = renderFeeNotice({ ...base, fee: aFee() });
    expect(html).toContain('政府信息公开信息处理费收费通知书');
    expect(html).toContain('《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、第五条');
    expect(html).toContain('按量计收');
    // 31–100 pages: 70 × 10 元; 101–120: 20 × 20 元.
    expect(html).toContain('<tr><td>第 31–100 页</td><td>10.00 元/页</td><td>70</td><td>700.00 元</td></tr>');
    expect(html).toContain('<tr><td>第 101–200 页</td><td>20.00 元/页</td><td>20</td><td>400.00 元</td></tr>');
    expect(html).toContain('应缴金额：人民币 1,100.00 元');
    expect(html).toContain('通过微信支付缴纳');
    expect(html).toContain('请自收到本通知次日起 20 个工作日内缴纳，即最迟于 2026年10月12日（2026-10-12）缴纳');
    expect(html).toContain('逾期未缴纳的，视为放弃申请');
    expect(html).toContain('本机关于 2026年9月1日 收到您的政府信息公开申请（编号 YS20260901001）');
    expect(html).toContain('<p class="sign">测试县教育局<br>2026年9月8日</p>');
    expect(html).not.toContain('class="banner"');
  });

  it('counts 按件 pieces within the applicant’s month', () => {
    const quote = pieceFee(5, 28);
    const html = renderFeeNotice({ ...base, fee: aFee({ method: 'piece', count: 5, priorPieces: 28, amountFen: quote.amountFen, bands: quote.bands }) });
    expect(html).toContain('第三条、第四条');
    expect(html).toContain('本申请按“一事一申请”计 5 件；您本自然月此前已申请 28 件，本申请为本月第 29–33 件。');
    expect(html).toContain('<tr><td>本月累计第 11–30 件</td><td>100.00 元/件</td><td>2</td><td>200.00 元</td></tr>');
    expect(html).toContain('<tr><td>本月累计第 31–40 件</td><td>200.00 元/件</td><td>3</td><td>600.00 元</td></tr>');
    expect(html).toContain('应缴金额：人民币 800.00 元');
  });

  it('escapes every interpolated value', () => {
    const html = renderFeeNotice({ agency: '<script>alert(1)</script>', contact: '"a" & \'b\'', trackingNo: 'YS<b>', receivedDate: null, fee: aFee() });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('YS<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;a&quot; &amp; &#39;b&#39;');
    expect(html).toContain('YS&lt;b&gt;');
  });

  it('says what became of the notice', () => {
    expect(renderFeeNotice({ ...base, fee: aFee({ status: 'cancelled' }) })).toContain('本收费通知已撤销，无需缴费。');
    expect(renderFeeNotice({ ...base, fee: aFee({ status: 'lapsed' }) })).toContain('缴费期限已过，未缴纳费用，本申请视为放弃。');
    expect(renderFeeNotice({ ...base, fee: aFee({ status: 'paid' }) })).toContain('本通知所列费用已缴纳。');
  });

  it('writes dates the Chinese way', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });
});

describe('closing the fee pause', () => {
  it('closes only the open fee pause, never before it began', () => {
    const pauses = [
      { kind: 'consultation' as const, from: '2026-09-02', to: '2026-09-04' },
      { kind: 'fee' as const, from: '2026-09-08', to: null },
    ];
    expect(closeFeePause(pauses, '2026-09-17')).toEqual([pauses[0], { kind: 'fee', from: '2026-09-08', to: '2026-09-17' }]);
    expect(closeFeePause(pauses, '2026-09-07')[1]).toEqual({ kind: 'fee', from: '2026-09-08', to: '2026-09-08' });
  });
});
