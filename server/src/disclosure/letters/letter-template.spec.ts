import { DISCLOSURE_OUTCOME_CODES, type DisclosureOutcome } from '@gongkai/shared';
import { renderLetterHtml } from './letter-html';
import { letterDocument, type LetterModel } from './letter-template';

const model = (outcome: DisclosureOutcome, over: Partial<LetterModel> = {}): LetterModel => ({
  agency: '昌乐县教育局',
  number: '昌教依复〔2026〕7号',
  draft: false,
  applicantName: '张三',
  applicantType: 'natural_person',
  trackingNo: 'YS20261201001',
  receivedDate: '2026-12-01',
  description: '2026年义务教育学校招生计划',
  provisionForm: 'paper',
  delivery: 'post',
  outcome,
  content: { body: '具体情况说明。' },
  date: '2026-12-06',
  reconsiderationBody: '昌乐县人民政府',
  court: '昌乐县人民法院',
  contact: '昌乐县教育局政府信息公开办公室，电话 0536-6212300',
  ...over,
});

const REMEDIES = '如对本答复不服，可以自收到本答复之日起六十日内向昌乐县人民政府申请行政复议，或者自收到本答复之日起六个月内向昌乐县人民法院提起行政诉讼。';

describe('reply letter templates', () => {
  // Every outcome of the Regulation's list, with the basis its letter must cite and a phrase of its decision.
  const table: [DisclosureOutcome, string, string][] = [
    ['granted', '《中华人民共和国政府信息公开条例》第三十六条第（二）项', '本机关决定予以公开'],
    ['partial', '《中华人民共和国政府信息公开条例》第三十七条', '本机关决定部分公开'],
    ['refused_state_secret', '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项', '属于国家秘密'],
    ['refused_law_prohibited', '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项', '属于法律、行政法规禁止公开的政府信息'],
    ['refused_security', '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项', '公开后可能危及国家安全、公共安全、经济安全、社会稳定'],
    ['refused_third_party', '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项', '公开会对第三方合法权益造成损害'],
    ['refused_internal_affairs', '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项', '内部事务信息'],
    ['refused_process_info', '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项', '过程性信息'],
    ['refused_enforcement_file', '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项', '属于行政执法案卷信息'],
    ['refused_query_matter', '《中华人民共和国政府信息公开条例》第三十六条第（七）项', '行政查询事项'],
    ['unavailable_not_held', '《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项', '本机关不掌握该政府信息'],
    ['unavailable_needs_creation', '《中华人民共和国政府信息公开条例》第三十八条', '需要另行制作'],
    ['unavailable_still_unclear', '《中华人民共和国政府信息公开条例》第三十条', '补正后的申请内容仍不明确'],
    ['not_processed_petition', '《中华人民共和国政府信息公开条例》第三十九条第一款', '信访举报投诉类申请'],
    ['not_processed_repeat', '《中华人民共和国政府信息公开条例》第三十六条第（六）项', '重复申请'],
    ['not_processed_publication', '《中华人民共和国政府信息公开条例》第三十九条第二款', '要求提供公开出版物'],
    ['not_processed_mass_repeat', '《中华人民共和国政府信息公开条例》第三十五条', '无正当理由大量反复申请'],
    ['not_processed_confirm', '《中华人民共和国政府信息公开条例》第三十九条第二款', '要求行政机关确认或重新出具已获取信息'],
    ['other_no_supplement', '《中华人民共和国政府信息公开条例》第三十条', '未在本机关告知的期限内补正申请内容'],
    ['other_unpaid', '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）', '未在收费通知规定的期限内缴纳信息处理费'],
    ['other_other', '《中华人民共和国政府信息公开条例》', '本机关对您的申请作如下处理'],
  ];

  it('covers all 21 outcomes', () => {
    expect(table.map(([o]) => o).sort()).toEqual([...DISCLOSURE_OUTCOME_CODES].sort());
    expect(table).toHaveLength(21);
  });

  it.each(table)('%s: the legal basis, the decision and the remedies line', (outcome, basis, decision) => {
    const redactions = outcome === 'partial' ? [{ part: '学生名单', reason: '涉及个人隐私' }] : undefined;
    const html = renderLetterHtml(letterDocument(model(outcome, { content: { body: '具体情况说明。', redactions } })));
    expect(html).toContain(`根据${basis}的规定`);
    expect(html).toContain(decision);
    expect(html).toContain(`<p>${REMEDIES}</p>`);
    expect(html).toContain('<h1>政府信息公开申请答复书</h1>');
    expect(html).toContain('<div class="number">昌教依复〔2026〕7号</div>');
    expect(html).toContain('<p class="salutation">张三：</p>');
    expect(html).toContain('本机关于2026年12月1日收到您提出的政府信息公开申请（申请编号：YS20261201001），申请获取“2026年义务教育学校招生计划”。');
    expect(html).toContain('<p>具体情况说明。</p>');
    expect(html).toContain('<div class="sign"><p>昌乐县教育局</p><p>2026年12月6日</p></div>');
    expect(html).toContain('联系方式：昌乐县教育局政府信息公开办公室，电话 0536-6212300');
    expect(html).not.toContain('草稿');
  });

  it('lists the withheld parts of a partial disclosure, and says how the rest is provided', () => {
    const html = renderLetterHtml(
      letterDocument(model('partial', { content: { body: '说明。', redactions: [{ part: '学生名单', reason: '涉及个人隐私' }, { part: '教师联系电话', reason: '涉及个人信息' }], provision: '材料随本答复书邮寄。' } })),
    );
    expect(html).toContain('<ul class="withheld"><li>1. 学生名单（理由：涉及个人隐私）</li><li>2. 教师联系电话（理由：涉及个人信息）</li></ul>');
    expect(html).toContain('<p>本机关以纸质形式、邮寄方式向您提供上述政府信息。材料随本答复书邮寄。</p>');
  });

  it('names the agency that holds the information when the bureau does not', () => {
    const known = renderLetterHtml(letterDocument(model('unavailable_not_held', { content: { body: '说明。', otherAgency: '昌乐县人力资源和社会保障局' } })));
    expect(known).toContain('经确定，负责公开该政府信息的行政机关为昌乐县人力资源和社会保障局，您可以向其提出申请。');
    const unknown = renderLetterHtml(letterDocument(model('unavailable_not_held')));
    expect(unknown).toContain('本机关无法确定负责公开该政府信息的行政机关。');
  });

  it('addresses an organisation as 贵单位 and escapes what people wrote', () => {
    const html = renderLetterHtml(
      letterDocument(model('refused_third_party', { applicantType: 'organization', applicantName: '某某<公司>', description: '"<script>alert(1)</script>"', content: { body: 'a & b\n\n第二段' } })),
    );
    expect(html).toContain('<p class="salutation">某某&lt;公司&gt;：</p>');
    expect(html).toContain('收到贵单位提出的政府信息公开申请');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<p>a &amp; b</p>\n<p>第二段</p>');
  });

  it('marks a draft 草稿 without a number', () => {
    const html = renderLetterHtml(letterDocument(model('granted', { number: null, draft: true })));
    expect(html).toContain('<div class="draft-mark">草稿</div>');
    expect(html).toContain('<div class="number">（草稿，未编号）</div>');
    expect(html).not.toContain('昌教依复');
  });
});
