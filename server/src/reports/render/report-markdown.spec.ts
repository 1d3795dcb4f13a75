import { REPORT_FIXTURE } from './fixtures/report-fixture';
import { CAPTIONS, FIGURE_SENTENCES, SECTION_TITLES } from './fixtures/report-expected';
import { renderReportMarkdown } from './report-markdown';

describe('the report as Markdown (GFM)', () => {
  const md = renderReportMarkdown(REPORT_FIXTURE);
  const lines = md.split('\n');

  it('has the title, the six sections in order, the figures and the date last', () => {
    expect(lines[0]).toBe('# 昌乐县教育局2026年政府信息公开工作年度报告');
    expect(lines.filter((l) => l.startsWith('## '))).toEqual(SECTION_TITLES.map((t) => `## ${t}`));
    for (const sentence of FIGURE_SENTENCES) expect(md).toContain(sentence);
    expect(md.trimEnd().split('\n').pop()).toBe('2027年1月20日');
  });

  it('writes the tables without spans, the group repeated in the first columns', () => {
    const table = (header: string) => {
      const start = lines.indexOf(header);
      expect(start).toBeGreaterThan(0);
      const end = lines.indexOf('', start);
      return lines.slice(start, end);
    };
    expect(table('| 类别 | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |')).toEqual([
      '| 类别 | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
      '| --- | --- | --- | --- | --- |',
      '| 第二十条第（一）项 | 规章 | 0 | 0 | 0 |',
      '| 第二十条第（一）项 | 行政规范性文件 | 4 | 2 | 17 |',
    ]);
    expect(table('| 类别 | 信息内容 | 统计项 | 数量 |')).toEqual([
      '| 类别 | 信息内容 | 统计项 | 数量 |',
      '| --- | --- | --- | --- |',
      '| 第二十条第（五）项 | 行政许可 | 本年处理决定数量 | 126 |',
      '| 第二十条第（六）项 | 行政处罚 | 本年处理决定数量 | 3 |',
      '| 第二十条第（六）项 | 行政强制 | 本年处理决定数量 | 1 |',
      '| 第二十条第（八）项 | 行政事业性收费 | 本年收费金额（单位：万元） | 12.5 |',
    ]);
    const t3 = table('| 类别 | 办理结果 | 具体情形 | 自然人 | 法人或其他组织·商业企业 | 法人或其他组织·科研机构 | 法人或其他组织·社会公益组织 | 法人或其他组织·法律服务机构 | 法人或其他组织·其他 | 总计 |');
    expect(t3.length).toBe(2 + 25);
    expect(t3[1]).toBe('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    expect(t3).toEqual(
      expect.arrayContaining([
        '| 一、本年新收政府信息公开申请数量 |   |   | 41 | 6 | 2 | 1 | 3 | 2 | 55 |',
        '| 二、上年结转政府信息公开申请数量 |   |   | 3 | 1 | 0 | 0 | 1 | 0 | 5 |',
        '| 三、本年度办理结果 | （一）予以公开 |   | 12 | 3 | 1 | 1 | 1 | 0 | 18 |',
        '| 三、本年度办理结果 | （三）不予公开 | 4.保护第三方合法权益 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |',
        '| 三、本年度办理结果 | （四）无法提供 | 2.没有现成信息需要另行制作 | 2 | 0 | 1 | 0 | 0 | 0 | 3 |',
        '| 三、本年度办理结果 | （六）其他处理 | 3.其他 | 1 | 0 | 0 | 0 | 0 | 1 | 2 |',
        '| 三、本年度办理结果 | （七）总计 |   | 43 | 6 | 2 | 1 | 3 | 2 | 57 |',
        '| 四、结转下年度继续办理 |   |   | 1 | 1 | 0 | 0 | 1 | 0 | 3 |',
      ]),
    );
    expect(table('| 类别 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |')).toEqual([
      '| 类别 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
      '| --- | --- | --- | --- | --- | --- |',
      '| 行政复议 | 3 | 1 | 1 | 2 | 7 |',
      '| 行政诉讼（未经复议直接起诉） | 2 | 1 | 1 | 1 | 5 |',
      '| 行政诉讼（复议后起诉） | 1 | 1 | 1 | 1 | 4 |',
    ]);
  });

  it('embeds the three charts as SVG data URIs with their captions', () => {
    const images = [...md.matchAll(/^!\[([^\]]*)\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)$/gm)];
    expect(images.map((m) => m[1])).toEqual(CAPTIONS);
    for (const m of images) {
      const svg = Buffer.from(m[2]!, 'base64').toString('utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    }
    expect(Buffer.from(images[2]![2]!, 'base64').toString('utf8')).toContain('>18件<');
    for (const caption of CAPTIONS) expect(lines).toContain(`*${caption}*`);
  });

  it('escapes what Markdown would read as markup', () => {
    expect(md).toContain('“校园开放日 \\<预约\\> \\& 咨询”');
    const odd = renderReportMarkdown({
      ...REPORT_FIXTURE,
      narrative: { ...REPORT_FIXTURE.narrative, other: '# 不是标题\n1. 不是列表\n- 也不是\n| 不是表格 | *不强调* [不是链接](x)' },
    });
    expect(odd).toContain('\n\n\\# 不是标题\n\n1\\. 不是列表\n\n\\- 也不是\n\n\\| 不是表格 \\| \\*不强调\\* \\[不是链接\\](x)\n\n');
  });
});
