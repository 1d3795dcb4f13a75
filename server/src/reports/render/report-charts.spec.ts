import sharp from 'sharp';
import { REPORT_FIXTURE } from './fixtures/report-fixture';
import { CHART_HEIGHT, CHART_WIDTH, chartPngs, renderCharts, type ReportChart } from './report-charts';
/// <reference path="./font-libraries.d.ts" />
import { create } from 'fontkit';
import { printable, reportFontSubset } from './report-fonts';

describe('the report’s charts', () => {
  it('are three SVGs drawn server-side, the same for the same data', () => {
    const charts = renderCharts(REPORT_FIXTURE);
    expect(charts.map((c) => [c.id, c.caption])).toEqual([
      ['published', '图1 本年度各月主动公开信息数量（按公开目录栏目）'],
      ['inquiries', '图2 本年度各月咨询投诉受理量及按期答复率'],
      ['requests', '图3 本年度政府信息公开申请办理结果'],
    ]);
    for (const c of charts) {
      expect(c.svg).toMatch(/^<svg [^>]*viewBox="0 0 800 450"/);
      expect(c.svg).not.toMatch(/<animate|<script/);
    }
    // 图1 stacks ten categories a month; 图2 has four bar series and the rate's line on the right axis.
    expect((charts[0]!.svg.match(/>工作机构</g) ?? []).length).toBe(1);
    expect(charts[1]!.svg).toContain('>按期答复率<');
    expect(charts[1]!.svg).toContain('>100%<');
    expect(charts[2]!.svg).toContain('>12件<');
    expect(renderCharts(REPORT_FIXTURE).map((c) => c.svg)).toEqual(charts.map((c) => c.svg));
  });

  it('say so when a year has nothing to draw', () => {
    const zero = (values: number[]) => values.map(() => 0);
    const charts = renderCharts({
      ...REPORT_FIXTURE,
      figures: {
        ...REPORT_FIXTURE.figures,
        publishedMonthly: REPORT_FIXTURE.figures.publishedMonthly.map((s) => ({ ...s, values: zero(s.values) })),
        inquiries: { ...REPORT_FIXTURE.figures.inquiries, monthly: [], onTimeRateMonthly: Array(12).fill(null) },
        requestsByOutcomeGroup: { granted: 0, partial: 0, refused: 0, unavailable: 0, not_processed: 0, other: 0 },
      },
    });
    const texts = (c: ReportChart) => [...c.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(charts.map(texts)).toEqual([['本年度无主动公开信息'], ['本年度未受理咨询投诉'], ['本年度无依申请公开办理结果']]);
  });

  it('become PNGs at 2× with the Chinese labels drawn (Noto Serif SC, no system fonts)', async () => {
    const [published] = renderCharts(REPORT_FIXTURE);
    const [png] = await chartPngs([published!]);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 2 * CHART_WIDTH, 2 * CHART_HEIGHT, 3]);
    // The legend row (top 60 px at 2×) has dark text pixels only where the labels are drawn:
    // with the labels removed, the same area has none.
    const dark = async (image: Buffer) => {
      const { data, info } = await sharp(image).extract({ left: 0, top: 0, width: 1600, height: 60 }).raw().toBuffer({ resolveWithObject: true });
      let n = 0;
      for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) n++;
      return n;
    };
    const unlabelled = published!.svg.replace(/(<text[^>]*>)[^<]*(<\/text>)/g, '$1$2');
    const [blank] = await chartPngs([{ ...published!, svg: unlabelled }]);
    expect(await dark(png!)).toBeGreaterThan(1000);
    expect(await dark(blank!)).toBe(0);
  });
});

describe('the report’s font', () => {
  it('keeps what both weights can draw, and `printable` maps the rest', () => {
    expect(printable('图〓“（％·—A9')).toBe('图〓“（％·—A9');
    // Not in Noto Serif SC: an emoji, a CJK Extension B character, ∙ and ✔ (look-alikes · and √).
    expect(printable('😀𠀀\u2219\u2714')).toBe('〓〓·√');
    expect(printable('甲∙乙\u2714丙😀丁\u200b戊\t己\n庚')).toBe('甲·乙√丙〓丁戊 己\n庚');
  });

  it('cuts a subset with just the characters asked for, under the same family name', async () => {
    const data = await reportFontSubset('regular', '图1年报告');
    expect(data.length).toBeLessThan(20 * 1024);
    const subset = create(data);
    if ('fonts' in subset) throw new Error('a collection');
    expect([...'图1年报告'].map((c) => subset.hasGlyphForCodePoint(c.codePointAt(0)!))).toEqual([true, true, true, true, true]);
    expect(subset.hasGlyphForCodePoint('书'.codePointAt(0)!)).toBe(false);
    // resvg finds the font by its family name.
    expect(subset.familyName).toBe('Noto Serif SC');
  });
});
