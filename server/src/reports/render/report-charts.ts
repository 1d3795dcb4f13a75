import { createHash, randomUUID } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';
import { renderAsync, type RenderedImage } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { OUTCOME_GROUPS, OUTCOME_GROUP_LABELS, type AnnualReportData, type MonthlySeries } from '@gongkai/shared';
import type { ReportChartId } from './report-document';
import { REPORT_FONT_FAMILY, printable, reportFontSubset } from './report-fonts';

/**
 * The report's three charts, drawn by ECharts' server-side SVG renderer (no DOM, no canvas):
 * 图1 the notices published per month by category (stacked bars), 图2 the inquiries per month
 * by kind (bars) with the on-time rate (line, right axis), 图3 the 依申请公开 requests by outcome
 * group. HTML and Markdown carry the SVG; DOCX and PDF a PNG drawn from it by resvg at 2× with
 * Noto Serif SC (no system fonts), so the labels look the same on every machine.
 */

export interface ReportChart {
  id: ReportChartId;
  /** `图1 …`, printed under the chart. */
  caption: string;
  svg: string;
  width: number;
  height: number;
}

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 450;
/** PNGs are drawn at twice the SVG's size, for print. */
export const PNG_SCALE = 2;

/** Noto Serif SC first (what the PNGs are drawn with), then what a reader's browser may have. */
const FONT_FAMILY = `'${REPORT_FONT_FAMILY}', 'Source Han Serif SC', 'Songti SC', SimSun, serif`;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const TEXT = '#333';
const AXIS = '#666';

export const CHART_CAPTIONS: Record<ReportChartId, string> = {
  published: '图1 本年度各月主动公开信息数量（按公开目录栏目）',
  inquiries: '图2 本年度各月咨询投诉受理量及按期答复率',
  requests: '图3 本年度政府信息公开申请办理结果',
};
/** What a chart shows instead when its figures are all 0. */
export const CHART_EMPTY_TEXTS: Record<ReportChartId, string> = {
  published: '本年度无主动公开信息',
  inquiries: '本年度未受理咨询投诉',
  requests: '本年度无依申请公开办理结果',
};

type Option = echarts.EChartsOption;

/** Twelve distinct colours (Tableau 10 and two more): a catalogue has about ten categories. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#86bcb6', '#d37295'];

const base = (): Option => ({
  animation: false,
  color: PALETTE,
  backgroundColor: '#fff',
  textStyle: { fontFamily: FONT_FAMILY, color: TEXT, fontSize: 13 },
});

/** A chart with nothing to show: its sentence in the middle. */
const emptyOption = (text: string): Option => ({
  ...base(),
  graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: printable(text), fontSize: 18, fill: AXIS, fontFamily: FONT_FAMILY } }],
});

/** How many rows ECharts' plain legend wraps `names` into (CJK at the font size, ASCII at about half). */
function legendRows(names: string[], width: number): number {
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const w = 25 + 5 + [...name].reduce((n, ch) => n + (ch.charCodeAt(0) > 0xff ? 12 : 7), 0) + 10;
    if (x > 0 && x + w > width) {
      rows++;
      x = 0;
    }
    x += w;
  }
  return rows;
}

const valueAxis = (name: string): echarts.YAXisComponentOption => ({
  type: 'value',
  name,
  minInterval: 1,
  nameTextStyle: { color: AXIS },
  axisLabel: { color: AXIS },
  splitLine: { lineStyle: { color: '#ddd' } },
});
const monthAxis: echarts.XAXisComponentOption = { type: 'category', data: MONTHS, axisLabel: { color: AXIS }, axisTick: { alignWithLabel: true } };

const allZero = (series: MonthlySeries[]) => series.every((s) => s.values.every((v) => v === 0));

function publishedOption(data: AnnualReportData): Option {
  const series = data.figures.publishedMonthly;
  if (allZero(series)) return emptyOption(CHART_EMPTY_TEXTS.published);
  const names = series.map((s) => printable(s.name));
  const rows = legendRows(names, CHART_WIDTH - 40);
  return {
    ...base(),
    legend: { top: 8, left: 'center', width: CHART_WIDTH - 40, itemWidth: 16, itemHeight: 10, data: names },
    grid: { top: 24 + rows * 22 + 28, left: 56, right: 24, bottom: 36 },
    xAxis: monthAxis,
    yAxis: valueAxis('条'),
    series: series.map((s, i) => ({ type: 'bar', name: names[i]!, stack: 'published', data: s.values, barMaxWidth: 36 })),
  };
}

function inquiriesOption(data: AnnualReportData): Option {
  const { monthly, onTimeRateMonthly } = data.figures.inquiries;
  if (allZero(monthly)) return emptyOption(CHART_EMPTY_TEXTS.inquiries);
  const rateName = '按期答复率';
  const names = [...monthly.map((s) => printable(s.name)), rateName];
  const rows = legendRows(names, CHART_WIDTH - 40);
  return {
    ...base(),
    legend: { top: 8, left: 'center', width: CHART_WIDTH - 40, itemWidth: 16, itemHeight: 10, data: names },
    grid: { top: 24 + rows * 22 + 28, left: 56, right: 64, bottom: 36 },
    xAxis: monthAxis,
    yAxis: [
      valueAxis('件'),
      { type: 'value', name: '按期答复率', min: 0, max: 100, interval: 20, position: 'right', nameTextStyle: { color: AXIS, align: 'right' }, axisLabel: { color: AXIS, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      ...monthly.map((s, i) => ({ type: 'bar' as const, name: names[i]!, data: s.values, barMaxWidth: 14 })),
      {
        type: 'line',
        name: rateName,
        yAxisIndex: 1,
        // A month with nothing replied has no rate: a gap in the line.
        data: onTimeRateMonthly.map((r) => (r === null ? '-' : Math.round(r * 1000) / 10)),
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 2, color: '#c0392b' },
        itemStyle: { color: '#c0392b' },
      },
    ],
  };
}

function requestsOption(data: AnnualReportData): Option {
  const counts = OUTCOME_GROUPS.map((g) => data.figures.requestsByOutcomeGroup[g] ?? 0);
  if (counts.every((n) => n === 0)) return emptyOption(CHART_EMPTY_TEXTS.requests);
  return {
    ...base(),
    grid: { top: 48, left: 56, right: 24, bottom: 40 },
    xAxis: { type: 'category', data: OUTCOME_GROUPS.map((g) => OUTCOME_GROUP_LABELS[g]), axisLabel: { color: AXIS, fontSize: 14 } },
    yAxis: valueAxis('件'),
    series: [
      {
        type: 'bar',
        name: '办理结果',
        barMaxWidth: 56,
        data: counts.map((value, i) => ({ value, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
        label: { show: true, position: 'top', fontSize: 14, color: TEXT, formatter: '{c}件' },
      },
    ],
  };
}

const OPTIONS: Record<ReportChartId, (data: AnnualReportData) => Option> = {
  published: publishedOption,
  inquiries: inquiriesOption,
  requests: requestsOption,
};
export const REPORT_CHART_IDS: readonly ReportChartId[] = ['published', 'inquiries', 'requests'];

/** One chart as an SVG string (with a viewBox, so it scales with the page). */
export function renderChartSvg(id: ReportChartId, data: AnnualReportData): ReportChart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption(OPTIONS[id](data));
    // ECharts numbers its classes per process (zr3-cls-27); renumbered per chart, the same data
    // gives the same SVG (PNGs are cached by it) and three charts on one page never clash.
    const names = new Map<string, string>();
    const svg = chart.renderToSVGString({ useViewBox: true }).replace(/\bzr\d+-[a-z]+-?\d+\b/gi, (name) => {
      if (!names.has(name)) names.set(name, `chart-${id}-${names.size}`);
      return names.get(name)!;
    });
    return { id, caption: CHART_CAPTIONS[id], svg, width: CHART_WIDTH, height: CHART_HEIGHT };
  } finally {
    chart.dispose();
  }
}

export function renderCharts(data: AnnualReportData): ReportChart[] {
  return REPORT_CHART_IDS.map((id) => renderChartSvg(id, data));
}

/** Recent PNGs by their SVG: the report is often exported in several formats in a row. */
const pngCache = new Map<string, Buffer>();
const PNG_CACHE_SIZE = 12;

/**
 * The charts as PNGs at 2×. resvg reads its font file once per text element, so each call cuts
 * a subset of Noto Serif SC with just the characters of these charts (under 100 KB instead of
 * 15 MB; HarfBuzz's subsetter through subset-font) into a temporary file: resvg-js's Node binding takes
 * fonts only as files (its `fontBuffers` is the WebAssembly build's; the Node build drops the
 * whole `font` option when given it and falls back to system fonts). Rendering runs off the
 * event loop (renderAsync).
 */
export async function chartPngs(charts: ReportChart[]): Promise<Buffer[]> {
  const keys = charts.map((c) => createHash('sha256').update(c.svg).digest('base64'));
  const out: (Buffer | undefined)[] = keys.map((k) => pngCache.get(k));
  const todo = charts.map((c, i) => ({ c, i })).filter(({ i }) => !out[i]);
  if (todo.length) {
    const file = join(tmpdir(), `gongkai-chart-font-${randomUUID()}.ttf`);
    await writeFile(file, await reportFontSubset('regular', todo.map(({ c }) => c.svg).join('')));
    try {
      const images = await Promise.all(
        todo.map(({ c }) =>
          renderAsync(c.svg, {
            font: { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: REPORT_FONT_FAMILY, serifFamily: REPORT_FONT_FAMILY, sansSerifFamily: REPORT_FONT_FAMILY },
            fitTo: { mode: 'zoom', value: PNG_SCALE },
            background: '#ffffff',
            logLevel: 'off',
          }),
        ),
      );
      const encoded = await Promise.all(images.map(opaquePng));
      todo.forEach(({ i }, n) => {
        const png = encoded[n]!;
        out[i] = png;
        pngCache.set(keys[i]!, png);
        if (pngCache.size > PNG_CACHE_SIZE) pngCache.delete(pngCache.keys().next().value!);
      });
    } finally {
      await unlink(file).catch(() => undefined);
    }
  }
  return out as Buffer[];
}

const deflateAsync = promisify(deflate);

/**
 * The image as an RGB PNG without alpha (it is drawn on white): pdfkit embeds such a PNG's data
 * as it is, where an RGBA one would be decoded and split into colour and mask on every render.
 */
async function opaquePng(image: RenderedImage): Promise<Buffer> {
  const { width, height } = image;
  const rgba = image.pixels;
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0, o = 0, i = 0; y < height; y++) {
    rows[o++] = 0; // filter: none
    for (let x = 0; x < width; x++, i += 4) {
      rows[o++] = rgba[i]!;
      rows[o++] = rgba[i + 1]!;
      rows[o++] = rgba[i + 2]!;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', await deflateAsync(rows, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
