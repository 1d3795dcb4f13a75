import * as cheerio from 'cheerio';
import { sanitizeBody } from '../../catalog/html-sanitizer';
import { REPORT_FIXTURE } from './fixtures/report-fixture';
import { CAPTIONS, FIGURE_SENTENCES, MERGED_CELLS, SECTION_TITLES, TABLE2_ROWS, TABLE3_ROWS, TABLE4_ROWS } from './fixtures/report-expected';
import { htmlTables } from './fixtures/read-tables';
import { renderReportHtml, renderReportNoticeBody } from './report-html';

describe('the report as a print-ready HTML page', () => {
  const html = renderReportHtml(REPORT_FIXTURE);
  const $ = cheerio.load(html);

  it('is one standalone A4 page: title, print CSS with 仿宋/宋体 then Noto Serif SC, no outside resources', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect($('html').attr('lang')).toBe('zh-CN');
    expect($('title').text()).toBe('昌乐县教育局2026年政府信息公开工作年度报告');
    expect($('h1').text()).toBe('昌乐县教育局2026年政府信息公开工作年度报告');
    const css = $('style').text();
    expect(css).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm;');
    expect(css).toMatch(/body \{[^}]*font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "宋体", SimSun, "Noto Serif SC", serif;/);
    expect(css).toMatch(/h1 \{[^}]*font-family: "方正小标宋简体"/);
    // Nothing fetched: no scripts, links, external images or fonts.
    expect($('script, link, img, iframe').length).toBe(0);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('has the preface, the six sections in order and the date last', () => {
    expect($('h2').toArray().map((h) => $(h).text())).toEqual(SECTION_TITLES);
    expect($('main > p').first().text()).toMatch(/^根据《中华人民共和国政府信息公开条例》/);
    expect($('main > p.dated').text()).toBe('2027年1月20日');
    expect($('main').children().last().hasClass('dated')).toBe(true);
  });

  it('writes section 一 as the staff narrative, then the figures in the bureau’s words, then the three charts', () => {
    const section = $('section').first();
    const paragraphs = section.children('p').toArray().map((p) => $(p).text());
    expect(paragraphs[0]).toMatch(/^2026年，县教育局坚持“公开为常态、不公开为例外”/);
    // The narrative's indentation and blank lines are the page's business, not the text's.
    expect(paragraphs[1]).toMatch(/^（一）主动公开。/);
    const figures = paragraphs.slice(4).join('');
    for (const sentence of FIGURE_SENTENCES) expect(figures).toContain(sentence);
    expect(section.find('figure').length).toBe(3);
    expect(section.find('figcaption').toArray().map((f) => $(f).text())).toEqual(CAPTIONS);
    expect(section.children().last().is('figure')).toBe(true);
  });

  it('draws the three charts as inline SVG (viewBox, named, Noto Serif SC first, not animated)', () => {
    const svgs = $('figure > svg').toArray();
    expect(svgs.length).toBe(3);
    svgs.forEach((svg, i) => {
      expect($(svg).attr('viewBox')).toBe('0 0 800 450');
      expect($(svg).attr('role')).toBe('img');
      expect($(svg).attr('aria-label')).toBe(CAPTIONS[i]);
      expect($.html(svg)).not.toContain('<animate');
    });
    const texts = (i: number) => $(svgs[i]).find('text').toArray().map((t) => $(t).text());
    expect(texts(0)).toEqual(expect.arrayContaining(['工作机构', '招标采购', '1月', '12月', '条']));
    expect(texts(1)).toEqual(expect.arrayContaining(['咨询', '投诉', '建议', '反馈', '按期答复率', '100%']));
    expect(texts(2)).toEqual(expect.arrayContaining(['予以公开', '18件', '部分公开', '7件', '其他处理', '4件']));
    expect($(svgs[0]).find('text').first().attr('style')).toContain("font-family:'Noto Serif SC', ");
    // ECharts' per-process class numbers are renumbered per chart: the three never share one.
    const classes = svgs.map((svg) => new Set($(svg).find('[class]').toArray().map((e) => $(e).attr('class'))));
    expect([...classes[0]!].some((c) => classes[1]!.has(c) || classes[2]!.has(c))).toBe(false);
  });

  it('lays the tables out as the national format does, the fixture’s figures in their cells', () => {
    const [t2, t3, t4, ...rest] = htmlTables(html);
    expect(rest).toEqual([]);
    expect(t2!.rows).toEqual(TABLE2_ROWS);
    expect(t3!.rows).toEqual(TABLE3_ROWS);
    expect(t4!.rows).toEqual(TABLE4_ROWS);
    const grids = { 2: t2!, 3: t3!, 4: t4! };
    for (const m of MERGED_CELLS) expect(grids[m.table].cells).toContainEqual({ text: m.text, row: m.row, col: m.col, rowSpan: m.rowSpan, colSpan: m.colSpan });
    // Each table sits in its section; table 三 and 四 have their heads in thead.
    expect($('section').eq(1).find('table').length).toBe(1);
    expect($('section').eq(2).find('thead tr').length).toBe(3);
    expect($('section').eq(3).find('thead tr').length).toBe(3);
    expect($('section').eq(3).find('tbody tr').length).toBe(1);
  });

  it('escapes the staff’s text', () => {
    expect(html).toContain('“校园开放日 &lt;预约&gt; &amp; 咨询”');
    expect(html).not.toContain('<预约>');
    const evil = renderReportHtml({ ...REPORT_FIXTURE, title: '</title><script>alert(1)</script>', narrative: { ...REPORT_FIXTURE.narrative, other: '<img src=x onerror=alert(1)>' } });
    expect(cheerio.load(evil)('script, img').length).toBe(0);
    expect(evil).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says what an empty year has: parts to write, no requests in chart 3, no briefings', () => {
    const empty = renderReportHtml({
      ...REPORT_FIXTURE,
      narrative: { preface: '', overview: '', problems: '  \n ', other: '' },
      figures: {
        ...REPORT_FIXTURE.figures,
        briefings: { total: 0, byKind: { press_conference: 0, policy_briefing: 0 } },
        proposals: [],
        requestsByOutcomeGroup: { granted: 0, partial: 0, refused: 0, unavailable: 0, not_processed: 0, other: 0 },
      },
    });
    const e = cheerio.load(empty);
    expect(e('section').eq(4).children('p').text()).toBe('（待填写）');
    expect(e('section').eq(5).children('p').text()).toBe('（待填写）');
    expect(e('section').first().text()).toContain('未举办新闻发布会、政策吹风会。');
    expect(e('section').first().text()).toContain('2026年未承办人大代表建议和政协提案。');
    const chart3 = e('figure > svg').eq(2);
    expect(chart3.find('text').toArray().map((t) => e(t).text())).toEqual(['本年度无依申请公开办理结果']);
  });
});

describe('the report as a notice body', () => {
  const body = renderReportNoticeBody(REPORT_FIXTURE);
  const $ = cheerio.load(body);

  it('has the headings, paragraphs and tables, no styles, scripts or charts', () => {
    expect($('h2').toArray().map((h) => $(h).text())).toEqual(SECTION_TITLES);
    expect($('h1, style, svg, script, figure').length).toBe(0);
    expect($('[style], [class]').length).toBe(0);
    expect($('p').last().text()).toBe('2027年1月20日');
    expect($('p').toArray().map((p) => $(p).text())).toContain('本年度主动公开、咨询投诉办理和依申请公开办理情况统计图见附件。');
    const [t2, t3, t4] = htmlTables(body);
    expect(t2!.rows).toEqual(TABLE2_ROWS);
    expect(t3!.rows).toEqual(TABLE3_ROWS);
    expect(t4!.rows).toEqual(TABLE4_ROWS);
  });

  it('passes catalog’s sanitiser unchanged: the tables keep their colspan and rowspan', () => {
    const clean = sanitizeBody(body);
    expect(htmlTables(clean)).toEqual(htmlTables(body));
    expect(cheerio.load(clean).text()).toBe($.text());
    expect(clean.match(/rowspan="\d+"/g)?.length).toBe(body.match(/rowspan="\d+"/g)?.length);
    expect(clean.match(/colspan="\d+"/g)?.length).toBe(body.match(/colspan="\d+"/g)?.length);
  });
});
