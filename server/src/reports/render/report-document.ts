import {
  BRIEFING_KINDS,
  BRIEFING_KIND_LABELS,
  CHALLENGE_KINDS,
  CHALLENGE_KIND_LABELS,
  HOT_TOPIC_CHANNELS,
  HOT_TOPIC_CHANNEL_LABELS,
  INFO_TYPES,
  INFO_TYPE_LABELS,
  INQUIRY_KINDS,
  PROPOSAL_KIND_LABELS,
  REPORT_SECTIONS,
  REPORT_SECTION_TITLES,
  TABLE2_CONTENT_HEADING,
  TABLE2_DOCUMENTS_ITEM,
  TABLE2_YEARLY_ITEMS,
  TABLE2_DOCUMENT_COLUMNS,
  TABLE2_DOCUMENT_COLUMN_LABELS,
  TABLE2_DOCUMENT_ROWS,
  TABLE2_DOCUMENT_ROW_LABELS,
  TABLE3_COLUMNS,
  TABLE3_COLUMN_LABELS,
  TABLE3_ORGANIZATION_HEADING,
  TABLE3_RESULTS_HEADING,
  TABLE3_ROWS,
  TABLE4_COLUMN_LABELS,
  TABLE4_RESULT_COLUMNS,
  YEARLY_FIGURE_LABELS,
  YEARLY_FIGURE_UNITS,
  type AnnualReportData,
  type ReportSection,
  type Table3Column,
  type Table3CountedRow,
  type YearlyFigureKey,
} from '@gongkai/shared';

/**
 * The report as one document model that every rendering (HTML, notice body, Markdown, DOCX, PDF)
 * walks: the title, the preface, the six sections in order with their paragraphs, tables and
 * charts, the date. The tables are grids with spans laid out as the 2021 national format
 * (国办公开办函〔2021〕30号) lays them out; each also has a flat form for Markdown, which has no
 * spans. The wording of section 一's figures follows the bureau's own reports.
 */

export type ReportChartId = 'published' | 'inquiries' | 'requests';

export interface ReportTableCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** A heading cell of the format (th). */
  header?: boolean;
}

/** A flat table for Markdown: one header row, a first column repeating the group a row belongs to. */
export interface FlatTable {
  header: string[];
  rows: string[][];
}

export interface ReportTable {
  id: 'table2' | 'table3' | 'table4';
  /** Relative column widths (the renderers scale them to the page). */
  columns: number[];
  /** How many rows on top are the table's head (repeated on a new page). */
  headerRows: number;
  /** The cells starting in each row, left to right (HTML's model: spanned positions are left out). */
  rows: ReportTableCell[][];
  /** The same figures without spans (Markdown), in one or more tables. */
  flat: FlatTable[];
}

export type ReportBlock =
  | { kind: 'heading'; section: ReportSection; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'chart'; chart: ReportChartId };

export interface ReportDocument {
  title: string;
  blocks: ReportBlock[];
  /** `2027年1月20日`. */
  dated: string;
}

/** `2027-01-20` → `2027年1月20日`. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** A 0–1 rate as a percentage with at most one decimal: 0.96774 → `96.8%`. */
export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

/**
 * Staff text → paragraphs: one per line, blank lines and indentation (spaces, full-width spaces)
 * dropped; control characters (which XML, hence DOCX, cannot hold) and lone surrogates go.
 */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .split('\n')
    .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line.length > 0);
}

/** What an empty narrative part prints: staff see at once that it is still to be written. */
export const EMPTY_PART = '（待填写）';

/** The figures of section 一 in the bureau's own words (as its 2017 report words them). */
export function figureParagraphs(data: AnnualReportData): string[] {
  const f = data.figures;
  const year = `${data.year}年`;
  const out: string[] = [];

  // 主动公开, by 信息类别; the 规范性文件 and the page views.
  const typeName = (label: string) => (label.endsWith('信息') ? label : `${label}信息`);
  const byType = INFO_TYPES.map((t) => `${typeName(INFO_TYPE_LABELS[t])}${f.published.byType[t] ?? 0}条`).join('，');
  const normative = data.table2.documents.normative;
  const views = f.pageViews >= 10_000 ? `约${Math.round(f.pageViews / 1000) / 10}万人次` : `${f.pageViews}人次`;
  out.push(
    `本年度共主动公开信息共${f.published.total}条。其中，${byType}。` +
      `${year}共制发规范性文件${normative.issued}件，废止${normative.repealed}件，年末现行有效${normative.inForce}件。` +
      `政府信息公开页面全年访问量${views}。`,
  );

  // 回应关切, 发布会.
  const channels = HOT_TOPIC_CHANNELS.filter((c) => (f.hotTopics.byChannel[c] ?? 0) > 0).map((c) => `${HOT_TOPIC_CHANNEL_LABELS[c]}${f.hotTopics.byChannel[c]}次`);
  const hot = f.hotTopics.total > 0 ? `共回应公众关注热点${f.hotTopics.total}次${channels.length ? `（其中${channels.join('、')}）` : ''}` : '未有需回应的公众关注热点';
  const briefings = BRIEFING_KINDS.filter((k) => f.briefings.byKind[k] > 0).map((k) => `${BRIEFING_KIND_LABELS[k]}${f.briefings.byKind[k]}次`);
  out.push(`${year}，${hot}，${briefings.length ? `举办${briefings.join('、')}` : `未举办${BRIEFING_KINDS.map((k) => BRIEFING_KIND_LABELS[k]).join('、')}`}。`);

  // 人大建议, 政协提案.
  const handled = f.proposals.filter((p) => p.lead + p.co > 0);
  if (handled.length) {
    const who = handled.map((p, i) => (i === 0 ? `由${data.agency}牵头承办的${PROPOSAL_KIND_LABELS[p.kind]}共${p.lead}件，协同办理的${p.co}件` : `牵头办理的${PROPOSAL_KIND_LABELS[p.kind]}共${p.lead}件，协办${p.co}件`));
    const replies = handled.map((p) => {
      const verdicts = [`满意${p.satisfied}件`, `基本满意${p.basicallySatisfied}件`, ...(p.unsatisfied ? [`不满意${p.unsatisfied}件`] : [])].join('、');
      const rate = p.satisfactionRate === null ? '尚无代表委员评价' : `${verdicts}，满意率${percent(p.satisfactionRate)}`;
      return `已答复${PROPOSAL_KIND_LABELS[p.kind]}${p.replied}件，${rate}`;
    });
    out.push(`${year}${who.join('；')}。${replies.join('；')}。`);
  } else {
    out.push(`${year}未承办人大代表建议和政协提案。`);
  }

  // 咨询投诉.
  const kinds = INQUIRY_KINDS.map((k) => k.label);
  if (f.inquiries.total > 0) {
    const parts = f.inquiries.byKind
      .filter((k) => k.received > 0)
      .map((k) => {
        const label = INQUIRY_KINDS.find((i) => i.code === k.kind)?.label ?? k.kind;
        const onTime = k.onTimeRate === null ? '尚无已答复件' : `已答复${k.replied}件，按期答复率${percent(k.onTimeRate)}`;
        const satisfaction = k.satisfactionRate === null ? '尚无评价' : `满意率${percent(k.satisfactionRate)}`;
        return `${label}${k.received}件（${onTime}，${satisfaction}）`;
      });
    out.push(`本年度共受理群众${kinds.join('、')}${f.inquiries.total}件，其中${parts.join('，')}。`);
  } else {
    out.push(`本年度未收到群众${kinds.join('、')}。`);
  }

  // 推送.
  out.push(
    f.pushes.campaigns > 0
      ? `通过微信订阅消息向家长推送政府信息${f.pushes.campaigns}次，共发送消息${f.pushes.sent}条。`
      : '本年度未通过微信订阅消息推送政府信息。',
  );
  return out;
}

// ---- The tables -------------------------------------------------------------------------------

const CONTENT = TABLE2_CONTENT_HEADING;
/** A figure nobody has entered yet (the checks stop the report from being published then). */
export const NOT_ENTERED = '未填报';

function table2(data: AnnualReportData): ReportTable {
  const docs = data.table2.documents;
  const value = (key: YearlyFigureKey) => data.table2.yearly.find((y) => y.key === key)?.value ?? NOT_ENTERED;
  const rows: ReportTableCell[][] = [
    [{ text: TABLE2_DOCUMENTS_ITEM, colSpan: 4, header: true }],
    [{ text: CONTENT, header: true }, ...TABLE2_DOCUMENT_COLUMNS.map((c) => ({ text: TABLE2_DOCUMENT_COLUMN_LABELS[c], header: true }))],
    ...TABLE2_DOCUMENT_ROWS.map((r) => [{ text: TABLE2_DOCUMENT_ROW_LABELS[r] }, ...TABLE2_DOCUMENT_COLUMNS.map((c) => ({ text: String(docs[r][c]) }))]),
  ];
  const flatDocs: FlatTable = {
    header: ['类别', CONTENT, ...TABLE2_DOCUMENT_COLUMNS.map((c) => TABLE2_DOCUMENT_COLUMN_LABELS[c])],
    rows: TABLE2_DOCUMENT_ROWS.map((r) => [TABLE2_DOCUMENTS_ITEM, TABLE2_DOCUMENT_ROW_LABELS[r], ...TABLE2_DOCUMENT_COLUMNS.map((c) => String(docs[r][c]))]),
  };
  const flatOthers: FlatTable = { header: ['类别', CONTENT, '统计项', '数量'], rows: [] };
  for (const { item, keys } of TABLE2_YEARLY_ITEMS) {
    rows.push([{ text: item, colSpan: 4, header: true }]);
    rows.push([{ text: CONTENT, header: true }, { text: YEARLY_FIGURE_UNITS[keys[0]!], colSpan: 3, header: true }]);
    for (const key of keys) {
      rows.push([{ text: YEARLY_FIGURE_LABELS[key] }, { text: value(key), colSpan: 3 }]);
      flatOthers.rows.push([item, YEARLY_FIGURE_LABELS[key], YEARLY_FIGURE_UNITS[key], value(key)]);
    }
  }
  return { id: 'table2', columns: [3, 2, 2, 2], headerRows: 0, rows, flat: [flatDocs, flatOthers] };
}

/** The note the format prints in table 三's top-left cell. */
export const TABLE3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const APPLICANTS = '申请人情况';

function table3(data: AnnualReportData): ReportTable {
  const orgColumns: readonly Table3Column[] = TABLE3_COLUMNS.filter((c) => c !== 'natural_person' && c !== 'total');
  const counts = (key: Table3CountedRow): ReportTableCell[] => TABLE3_COLUMNS.map((c) => ({ text: String(data.table3[key][c]) }));
  const rows: ReportTableCell[][] = [
    [
      { text: TABLE3_NOTE, colSpan: 3, rowSpan: 3, header: true },
      { text: APPLICANTS, colSpan: 7, header: true },
    ],
    [
      { text: TABLE3_COLUMN_LABELS.natural_person, rowSpan: 2, header: true },
      { text: TABLE3_ORGANIZATION_HEADING, colSpan: 5, header: true },
      { text: TABLE3_COLUMN_LABELS.total, rowSpan: 2, header: true },
    ],
    orgColumns.map((c) => ({ text: TABLE3_COLUMN_LABELS[c], header: true })),
  ];
  const flat: FlatTable = {
    header: ['类别', '办理结果', '具体情形', ...TABLE3_COLUMNS.map((c) => (orgColumns.includes(c) ? `${TABLE3_ORGANIZATION_HEADING}·${TABLE3_COLUMN_LABELS[c]}` : TABLE3_COLUMN_LABELS[c]))],
    rows: [],
  };
  const flatCounts = (key: Table3CountedRow) => TABLE3_COLUMNS.map((c) => String(data.table3[key][c]));

  // The results block runs from the first group to （七）总计.
  const first = TABLE3_ROWS.findIndex((r) => r.depth > 0);
  const last = TABLE3_ROWS.findIndex((r) => r.key === 'concluded');
  const resultRows = TABLE3_ROWS.slice(first, last + 1).filter((r) => r.counted).length;
  let group: string | null = null;
  TABLE3_ROWS.forEach((row, i) => {
    if (row.depth === 0) {
      rows.push([{ text: row.label, colSpan: 3 }, ...counts(row.key as Table3CountedRow)]);
      flat.rows.push([row.label, '', '', ...flatCounts(row.key as Table3CountedRow)]);
      return;
    }
    if (!row.counted) {
      // A group's heading spans its reasons; it opens the row of its first reason.
      group = row.label;
      return;
    }
    const cells: ReportTableCell[] = [];
    if (i === first || (i === first + 1 && !TABLE3_ROWS[first]!.counted)) cells.push({ text: TABLE3_RESULTS_HEADING, rowSpan: resultRows });
    if (row.depth === 1) {
      group = null;
      cells.push({ text: row.label, colSpan: 2 });
      flat.rows.push([TABLE3_RESULTS_HEADING, row.label, '', ...flatCounts(row.key as Table3CountedRow)]);
    } else {
      const prev = TABLE3_ROWS[i - 1]!;
      if (!prev.counted) {
        let span = 0;
        for (let j = i; j < TABLE3_ROWS.length && TABLE3_ROWS[j]!.depth === 2; j++) span++;
        cells.push({ text: prev.label, rowSpan: span });
      }
      cells.push({ text: row.label });
      flat.rows.push([TABLE3_RESULTS_HEADING, group ?? '', row.label, ...flatCounts(row.key as Table3CountedRow)]);
    }
    rows.push([...cells, ...counts(row.key as Table3CountedRow)]);
  });
  return { id: 'table3', columns: [1.3, 2.8, 10, 2.1, 2.1, 2.1, 2.1, 2.1, 1.9, 2], headerRows: 3, rows, flat: [flat] };
}

/** `行政诉讼（未经复议直接起诉）` → [`行政诉讼`, `未经复议直接起诉`]; `行政复议` → [`行政复议`, null]. */
function splitKind(label: string): [string, string | null] {
  const m = /^(.+?)（(.+)）$/.exec(label);
  return m ? [m[1]!, m[2]!] : [label, null];
}

function table4(data: AnnualReportData): ReportTable {
  const results = TABLE4_RESULT_COLUMNS.map((c) => TABLE4_COLUMN_LABELS[c]);
  const n = results.length;
  const top: ReportTableCell[] = [];
  const middle: ReportTableCell[] = [];
  const bottom: ReportTableCell[] = [];
  // Kinds sharing a head (the two lawsuits under 行政诉讼) are grouped under it, as the format does.
  const heads: { head: string; subs: string[] }[] = [];
  for (const kind of CHALLENGE_KINDS) {
    const [head, sub] = splitKind(CHALLENGE_KIND_LABELS[kind]);
    const last = heads[heads.length - 1];
    if (last && last.head === head && sub) last.subs.push(sub);
    else heads.push({ head, subs: sub ? [sub] : [] });
  }
  const twoLevels = heads.some((h) => h.subs.length > 0);
  for (const { head, subs } of heads) {
    if (subs.length === 0) {
      top.push({ text: head, colSpan: n, header: true });
      middle.push(...results.map((text) => ({ text, rowSpan: twoLevels ? 2 : 1, header: true })));
    } else {
      top.push({ text: head, colSpan: n * subs.length, header: true });
      for (const sub of subs) {
        middle.push({ text: sub, colSpan: n, header: true });
        bottom.push(...results.map((text) => ({ text, header: true })));
      }
    }
  }
  const figures = CHALLENGE_KINDS.flatMap((k) => TABLE4_RESULT_COLUMNS.map((c) => ({ text: String(data.table4[k][c]) })));
  const flat: FlatTable = {
    header: ['类别', ...results],
    rows: CHALLENGE_KINDS.map((k) => {
      const [head, sub] = splitKind(CHALLENGE_KIND_LABELS[k]);
      return [sub ? `${head}（${sub}）` : head, ...TABLE4_RESULT_COLUMNS.map((c) => String(data.table4[k][c]))];
    }),
  };
  const rows = bottom.length ? [top, middle, bottom, figures] : [top, middle, figures];
  return { id: 'table4', columns: figures.map(() => 1), headerRows: rows.length - 1, rows, flat: [flat] };
}

/** The charts each section shows, after its text. */
const SECTION_CHARTS: Partial<Record<ReportSection, ReportChartId[]>> = { overview: ['published', 'inquiries', 'requests'] };

export function reportDocument(data: AnnualReportData): ReportDocument {
  const blocks: ReportBlock[] = [];
  const text = (t: string) => blocks.push({ kind: 'paragraph', text: t });
  const narrative = (t: string) => {
    const ps = paragraphs(t);
    (ps.length ? ps : [EMPTY_PART]).forEach(text);
  };
  paragraphs(data.narrative.preface).forEach(text);
  for (const section of REPORT_SECTIONS) {
    blocks.push({ kind: 'heading', section, text: REPORT_SECTION_TITLES[section] });
    switch (section) {
      case 'overview':
        paragraphs(data.narrative.overview).forEach(text);
        figureParagraphs(data).forEach(text);
        break;
      case 'proactive':
        blocks.push({ kind: 'table', table: table2(data) });
        break;
      case 'requests':
        blocks.push({ kind: 'table', table: table3(data) });
        break;
      case 'challenges':
        blocks.push({ kind: 'table', table: table4(data) });
        break;
      case 'problems':
        narrative(data.narrative.problems);
        break;
      case 'other':
        narrative(data.narrative.other);
        break;
    }
    for (const chart of SECTION_CHARTS[section] ?? []) blocks.push({ kind: 'chart', chart });
  }
  return { title: data.title, blocks, dated: chineseDate(data.dated) };
}

// ---- Grids ------------------------------------------------------------------------------------

export interface PlacedCell {
  cell: ReportTableCell;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** Each cell at its grid position (rows × columns), spans resolved as HTML resolves them. */
export function placeCells(table: ReportTable): PlacedCell[] {
  const taken = new Set<string>();
  const placed: PlacedCell[] = [];
  table.rows.forEach((cells, row) => {
    let col = 0;
    for (const cell of cells) {
      while (taken.has(`${row}:${col}`)) col++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) taken.add(`${r}:${c}`);
      placed.push({ cell, row, col, rowSpan, colSpan });
      col += colSpan;
    }
  });
  return placed;
}
