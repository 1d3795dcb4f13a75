import type { PushPreviewChannel } from '@gongkai/shared';
import { changeNote, choiceOf, mappingRows, namesByCode, problemText, pushCard } from '../../src/packages/staff/utils/push';

/** The push preview and the mapping form in the words staff read: names from the template, never field keys. */

const FIELDS = [
  { key: 'thing1', type: 'thing' as const, label: '通知标题' },
  { key: 'time2', type: 'time' as const, label: '发布时间' },
  { key: 'thing3', type: 'thing' as const, label: '发布单位' },
];
const MAPPING = { thing1: 'title', time2: 'publishedAt', thing3: 'unitName' };
const LONG_TITLE = '关于做好2027年全县初中学业水平考试报名工作的通知';

function aPreview(over: Partial<PushPreviewChannel> = {}): PushPreviewChannel {
  return {
    channel: 'subscribe',
    templateId: 'DEMO_NOTICE',
    templateName: '新信息发布提醒',
    fields: FIELDS,
    opensNotice: true,
    data: { thing1: { value: '关于做好2027年全县初中学业水平考试…' }, time2: { value: '2026年12月6日 09:30' }, thing3: { value: '县教育局' } },
    changed: [{ key: 'thing1', from: LONG_TITLE, to: '关于做好2027年全县初中学业水平考试…' }],
    problems: [],
    ...over,
  };
}

describe('the push preview in words', () => {
  it('draws the subscribe message as the phone shows it, and says what was cut and how the time reads', () => {
    const card = pushCard(aPreview(), LONG_TITLE, MAPPING);
    expect(card.title).toBe('新信息发布提醒');
    expect(card.arrives).toBe('微信「服务通知」');
    expect(card.rows.map((r) => `${r.label}：${r.value}`)).toEqual([
      '通知标题：关于做好2027年全县初中学业水平考试…',
      '发布时间：2026年12月6日 09:30',
      '发布单位：县教育局',
    ]);
    expect(card.link).toBe('进入小程序查看详情');
    expect(card.opens).toBe('点击查看：关于做好2027年全县初中学业水平考试报名工作的通知');
    expect(card.notes.map((n) => n.text)).toEqual([
      '通知标题超过20个字，发送时截为：“关于做好2027年全县初中学业水平考试…”',
      '发布时间按北京时间显示为 2026年12月6日 09:30',
    ]);
    expect(card.problems).toEqual([]);
    expect(card.verdict).toBe('可以发送：每项都符合模板要求');
  });

  it('names what cannot be sent by the template’s names, and a template message without the mini-program opens nothing', () => {
    const card = pushCard(
      aPreview({
        channel: 'template',
        templateName: '信息公开提醒',
        opensNotice: false,
        data: { thing1: { value: '招生通知' } },
        changed: [],
        problems: [
          { key: 'time2', message: '时间无法识别：' },
          { key: 'thing3', message: '未指定该字段的内容' },
        ],
      }),
      '招生通知',
      { thing1: 'title', time2: '' },
    );
    expect(card.arrives).toBe('公众号消息');
    expect(card.rows.map((r) => [r.label, r.value])).toEqual([['通知标题', '招生通知'], ['发布时间', null], ['发布单位', null]]);
    expect(card.problems.map((p) => p.text)).toEqual(['缺少发布时间，无法发送', '缺少发布单位，无法发送']);
    expect(card.link).toBeNull();
    expect(card.opens).toBe('点击后不打开页面（未配置小程序）');
    expect(card.verdict).toBe('有 2 项无法发送，请先修改');
  });

  it('says why a value is sent otherwise than written', () => {
    expect(changeNote('发布单位', 'thing', 'subscribe', '', '无')).toBe('发布单位为空，发送时显示为“无”');
    expect(changeNote('通知标题', 'thing', 'subscribe', '招生\n通知', '招生 通知')).toBe('通知标题含换行或多余空格，发送时整理为：“招生 通知”');
    expect(changeNote('办理状态', 'phrase', 'subscribe', '已经受理完毕', '已经受理完')).toBe('办理状态超过5个字，发送时截为：“已经受理完”');
    expect(changeNote('发布时间', 'time', 'subscribe', '2026/9/1 8:00', '2026年9月1日 08:00')).toBe('发布时间按模板格式发送为：2026年9月1日 08:00');
  });

  it('turns the server’s reasons into sentences about the named field', () => {
    expect(problemText('发布时间', 'time', '时间无法识别：明天上午')).toBe('发布时间无法识别：明天上午，无法发送');
    expect(problemText('办理日期', 'date', '日期为空')).toBe('缺少办理日期，无法发送');
    expect(problemText('数量', 'number', '不是数字：很多')).toBe('数量：不是数字：很多，无法发送');
  });
});

describe('the mapping form in words', () => {
  it('names each field as the template does, one row per key across both channels, a time field offering only the publication time', () => {
    const rows = mappingRows([
      { id: 'DEMO_NOTICE', name: '新信息发布提醒', fields: { thing1: 'thing', time2: 'time', thing3: 'thing' }, labels: { thing1: '通知标题', time2: '发布时间', thing3: '发布单位' } },
      { id: 'OA', name: '信息公开提醒', fields: { thing1: 'thing', character_string4: 'character_string' }, labels: { thing1: '信息标题' } },
    ]);
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      ['thing1', '通知标题 / 信息标题'],
      ['time2', '发布时间'],
      ['thing3', '发布单位'],
      ['character_string4', '第4项（编号）'],
    ]);
    expect(rows[1]!.choices).toEqual(['publishedAt', 'text']);
    expect(rows[0]!.choices).toEqual(['title', 'summary', 'publishedAt', 'unitName', 'categoryName', 'indexNo', 'text']);
  });

  it('reads a mapping value as a notice field or text written by hand', () => {
    expect(choiceOf('unitName')).toBe('unitName');
    expect(choiceOf('县教育局')).toBe('text');
    expect(choiceOf('')).toBe('text');
  });

  it('names an audience by its name', () => {
    expect(namesByCode([{ code: 'ZSKS', name: '招生考试' }], [{ code: 'zhongkao', name: '中考' }])).toEqual({ ZSKS: '招生考试', zhongkao: '中考' });
  });
});
