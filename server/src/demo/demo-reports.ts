import {
  addCalendarDays,
  shanghaiDate,
  shanghaiYear,
  type BriefingKind,
  type HotTopicChannel,
  type NarrativePart,
  type ProposalKind,
  type ProposalRole,
  type ProposalSatisfaction,
  type YearlyFigureKey,
} from '@gongkai/shared';
import { In, type EntityManager } from 'typeorm';
import { Notice } from '../catalog/entities/notice.entity';
import type { StaffAccount } from '../identity/entities/staff-account.entity';
import { AnnualReport } from '../reports/entities/annual-report.entity';
import { ReportBriefing } from '../reports/entities/report-briefing.entity';
import { ReportHotTopic } from '../reports/entities/report-hot-topic.entity';
import { ReportProposal } from '../reports/entities/report-proposal.entity';
import { ReportYearlyFigure } from '../reports/entities/report-yearly-figure.entity';

/** A record's day as month and day (`MM-DD`); the current year's are squeezed into the days gone so far. */
type Day = `${number}-${number}`;

interface DemoHotTopic {
  on: Day;
  subject: string;
  channel: HotTopicChannel;
  /** A demo notice it links to, by title (when published), else the page `url`. */
  notice?: string;
  url?: string;
}

interface DemoBriefing {
  on: Day;
  kind: BriefingKind;
  subject: string;
  speakers: string;
  notice?: string;
}

interface DemoProposal {
  kind: ProposalKind;
  number: string;
  title: string;
  role: ProposalRole;
  partners: string | null;
  /** When the reply went out; left unreplied while that day is still ahead. */
  replyOn: Day | null;
  satisfaction: ProposalSatisfaction | null;
}

const ADMISSION_READING = '《昌乐县义务教育阶段学校招生入学管理办法》政策解读';
const ZONING_NOTICE = '2026年城区义务教育学校划片招生方案';
const NUTRITION_NOTICE = '2026年昌乐县农村义务教育学生营养改善计划实施情况公告';
const PRESCHOOL_FEES_NOTICE = '关于免除公办幼儿园学前一年保育教育费的公告';
const AFTER_SCHOOL_NOTICE = '昌乐县教育局关于印发《昌乐县中小学校课后服务工作实施办法》的通知';
const PORTAL = 'https://www.changle.gov.cn/jyj';

const HOT_TOPICS_THIS_YEAR: DemoHotTopic[] = [
  { on: '01-08', subject: '寒假期间学生安全教育及校外培训治理', channel: 'wechat' },
  { on: '02-20', subject: '春季学期开学时间及返校安排', channel: 'website', url: `${PORTAL}/kxap.html` },
  { on: '03-12', subject: '课后服务收费标准及自愿参加原则', channel: 'website', notice: AFTER_SCHOOL_NOTICE, url: `${PORTAL}/zcwj/khfw.html` },
  { on: '04-02', subject: '城区义务教育学校划片范围调整', channel: 'press_conference', notice: ZONING_NOTICE, url: `${PORTAL}/zsks/hpzs.html` },
  { on: '04-25', subject: '进城务工人员随迁子女入学材料', channel: 'hotline' },
  { on: '05-18', subject: '义务教育阶段招生入学政策解读', channel: 'website', notice: ADMISSION_READING, url: `${PORTAL}/zcjd/zsrx.html` },
  { on: '06-10', subject: '中考体育考试项目及评分标准', channel: 'tv' },
  { on: '07-05', subject: '普通高中录取分数线公布安排', channel: 'wechat' },
  { on: '08-22', subject: '农村学生营养改善计划实施情况', channel: 'newspaper', notice: NUTRITION_NOTICE, url: `${PORTAL}/jyhm/yygs.html` },
  { on: '09-03', subject: '公办幼儿园学前一年保育教育费免除', channel: 'website', notice: PRESCHOOL_FEES_NOTICE, url: `${PORTAL}/jyhm/bjfmc.html` },
  { on: '10-16', subject: '校车运行线路调整及乘车安全', channel: 'weibo' },
  { on: '11-20', subject: '冬季校园安全及流感防控', channel: 'wechat' },
];

const HOT_TOPICS_LAST_YEAR: DemoHotTopic[] = [
  { on: '01-15', subject: '寒假校外培训机构专项治理', channel: 'website' },
  { on: '03-06', subject: '春季学期学生资助政策', channel: 'wechat' },
  { on: '04-18', subject: '义务教育学校招生划片方案征求意见', channel: 'press_conference' },
  { on: '05-27', subject: '随迁子女入学政策咨询集中答复', channel: 'hotline' },
  { on: '06-16', subject: '中考报名及志愿填报', channel: 'tv' },
  { on: '07-12', subject: '暑期防溺水安全教育', channel: 'wechat', url: `${PORTAL}/fnsh.html` },
  { on: '08-28', subject: '秋季学期开学及新生报到', channel: 'website' },
  { on: '10-09', subject: '中小学课后服务工作开展情况', channel: 'newspaper' },
  { on: '12-02', subject: '教师招聘考试安排', channel: 'website' },
];

const BRIEFINGS_THIS_YEAR: DemoBriefing[] = [
  { on: '03-20', kind: 'policy_briefing', subject: '《昌乐县中小学校课后服务工作实施办法》政策吹风会', speakers: '县教育局基础教育科科长', notice: AFTER_SCHOOL_NOTICE },
  { on: '05-19', kind: 'press_conference', subject: '义务教育阶段学校招生入学政策新闻发布会', speakers: '县教育局局长、县教育局分管副局长', notice: ADMISSION_READING },
  { on: '08-25', kind: 'press_conference', subject: '秋季学期开学工作新闻发布会', speakers: '县教育局分管副局长' },
];

const BRIEFINGS_LAST_YEAR: DemoBriefing[] = [
  { on: '04-20', kind: 'press_conference', subject: '城区义务教育学校划片招生方案新闻发布会', speakers: '县教育局局长' },
  { on: '08-26', kind: 'policy_briefing', subject: '普惠性民办幼儿园认定及管理政策吹风会', speakers: '县教育局学前教育科科长' },
];

const PROPOSALS_THIS_YEAR: DemoProposal[] = [
  { kind: 'npc', number: '第12号', title: '关于加强农村学校寄宿条件建设的建议', role: 'lead', partners: '县财政局', replyOn: '06-20', satisfaction: 'satisfied' },
  { kind: 'npc', number: '第27号', title: '关于增加城区小学学位供给的建议', role: 'lead', partners: '县自然资源局、县住建局', replyOn: '06-25', satisfaction: 'basically_satisfied' },
  { kind: 'npc', number: '第31号', title: '关于完善中小学心理健康教育体系的建议', role: 'lead', partners: null, replyOn: '06-28', satisfaction: 'satisfied' },
  { kind: 'npc', number: '第40号', title: '关于改善学校周边交通秩序的建议', role: 'co', partners: '县公安局（主办）', replyOn: '07-02', satisfaction: 'satisfied' },
  { kind: 'cppcc', number: '第8号', title: '关于推进学前教育普惠发展的提案', role: 'lead', partners: '县发改局', replyOn: '06-18', satisfaction: 'satisfied' },
  { kind: 'cppcc', number: '第15号', title: '关于加强乡村教师队伍建设的提案', role: 'lead', partners: '县人社局', replyOn: '06-26', satisfaction: 'satisfied' },
  { kind: 'cppcc', number: '第22号', title: '关于深化课后服务内涵的提案', role: 'lead', partners: null, replyOn: '07-01', satisfaction: 'basically_satisfied' },
  { kind: 'cppcc', number: '第36号', title: '关于推进特殊教育融合发展的提案', role: 'lead', partners: '县残联', replyOn: '07-05', satisfaction: null },
  { kind: 'cppcc', number: '第41号', title: '关于加强青少年近视防控的提案', role: 'co', partners: '县卫健局（主办）', replyOn: '07-08', satisfaction: 'satisfied' },
  { kind: 'cppcc', number: '第47号', title: '关于职业教育与产业融合发展的提案', role: 'co', partners: '县工信局（主办）', replyOn: null, satisfaction: null },
];

const PROPOSALS_LAST_YEAR: DemoProposal[] = [
  { kind: 'npc', number: '第9号', title: '关于推进城乡义务教育均衡发展的建议', role: 'lead', partners: '县财政局', replyOn: '06-19', satisfaction: 'satisfied' },
  { kind: 'npc', number: '第18号', title: '关于规范校外培训机构管理的建议', role: 'lead', partners: '县市场监管局', replyOn: '06-24', satisfaction: 'satisfied' },
  { kind: 'npc', number: '第23号', title: '关于提高农村学校营养餐质量的建议', role: 'lead', partners: null, replyOn: '06-27', satisfaction: 'basically_satisfied' },
  { kind: 'npc', number: '第35号', title: '关于新建城东幼儿园的建议', role: 'lead', partners: '县住建局', replyOn: '06-30', satisfaction: 'satisfied' },
  { kind: 'npc', number: '第42号', title: '关于校车安全管理的建议', role: 'co', partners: '县交通运输局（主办）', replyOn: '07-03', satisfaction: 'satisfied' },
  { kind: 'npc', number: '第51号', title: '关于加强学校食品安全监管的建议', role: 'co', partners: '县市场监管局（主办）', replyOn: '07-06', satisfaction: 'satisfied' },
  { kind: 'cppcc', number: '第5号', title: '关于加强中小学劳动教育的提案', role: 'lead', partners: null, replyOn: '06-17', satisfaction: 'satisfied' },
  { kind: 'cppcc', number: '第14号', title: '关于提升乡村学校信息化水平的提案', role: 'lead', partners: '县大数据中心', replyOn: '06-23', satisfaction: 'satisfied' },
  { kind: 'cppcc', number: '第19号', title: '关于完善家庭教育指导服务的提案', role: 'lead', partners: '县妇联', replyOn: '06-29', satisfaction: 'basically_satisfied' },
  { kind: 'cppcc', number: '第28号', title: '关于加强中小学体育师资配备的提案', role: 'lead', partners: '县人社局', replyOn: '07-01', satisfaction: 'satisfied' },
  { kind: 'cppcc', number: '第33号', title: '关于推进普通高中多样化发展的提案', role: 'lead', partners: null, replyOn: '07-04', satisfaction: 'satisfied' },
  { kind: 'cppcc', number: '第45号', title: '关于加强未成年人网络保护的提案', role: 'co', partners: '县委网信办（主办）', replyOn: '07-07', satisfaction: 'satisfied' },
  { kind: 'cppcc', number: '第52号', title: '关于优化学校周边环境的提案', role: 'co', partners: '县城管局（主办）', replyOn: '07-10', satisfaction: 'unsatisfied' },
];

/** 行政许可 are mostly 民办学校办学许可 and 教师资格认定; the bureau imposes no penalties or coercive measures and charges no fees. */
const FIGURES_THIS_YEAR: Record<YearlyFigureKey, string> = { licensing: '31', penalty: '0', enforcement: '0', charges: '0' };
const FIGURES_LAST_YEAR: Record<YearlyFigureKey, string> = { licensing: '36', penalty: '0', enforcement: '0', charges: '0' };

/** The previous year's narrative as the bureau writes it (after its 2017 report, in the 2021 format's sections). */
function narrative(year: number): Record<NarrativePart, string> {
  const next = year + 1;
  return {
    preface: [
      `根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，现编制昌乐县教育局${year}年政府信息公开工作年度报告。`,
      `本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。本报告在“中国·昌乐”政府网站教育局专栏公开，如对本报告有疑问，请与昌乐县教育局信息发布中心联系。`,
    ].join('\n'),
    overview: [
      `${year}年，县教育局认真贯彻落实《条例》和上级政务公开工作要点，坚持“公开为常态、不公开为例外”，围绕教育重点领域信息公开，不断强化公开保障，拓宽公开渠道，依法规范操作，推动政府信息公开工作进一步规范化、制度化。`,
      '（一）主动公开。按照“主要领导亲自抓、分管领导具体抓、专门机构抓落实”的要求，局政府信息公开领导小组统筹全局公开工作，信息发布中心具体承办，各科室和直属单位明确1名联系人，做到及时依规公开、不遗漏不交叉。对中考、义务教育划片、进城务工人员子女入学、教育督导、全面改薄等社会关注度高的信息，第一时间在“政务公开”和“通知公告”栏目发布，并设置专题专栏，方便群众查阅。',
      '（二）依申请公开。严格执行《条例》规定的受理、办理、答复程序，当面提交的以提交之日、邮寄的以签收之日为收到申请之日，在法定期限内答复申请人；需要补正的一次性告知，需要延期的经政府信息公开办公室负责人同意并告知申请人。',
      '（三）政府信息管理。严格落实保密审查制度，坚持“先审查、后公开”和“一事一审”，主动公开信息由报送科室负责人审核，经保密审查、分管领导审批后，由信息发布中心登记发布，确保“涉密信息不公开，公开信息不涉密”。公文在审签时即明确公开属性，规范性文件实行统一登记、统一编号、统一发布，并对照上级要求及时清理。',
      '（四）平台建设。以“中国·昌乐”政府网站教育局专栏为政府信息公开第一平台，同步通过“昌乐教育”微信公众号和政务公开小程序发布信息，家长可订阅关心的栏目并及时收到推送；依托教育惠民服务中心、昌乐民声网和政务服务热线开展网上、电话和现场咨询，咨询类事项3个工作日内答复，投诉、建议类事项5个工作日内答复。',
      '（五）监督保障。将政府信息公开工作纳入科室和直属单位年度考核，定期通报信息更新情况；加强业务培训，指导所辖中小学通过学校网站、校务公开栏、家长会等形式做好校务公开，接受社会监督。',
    ].join('\n'),
    problems: [
      `${year}年，我局政府信息公开工作取得了一定成效，但与县委县政府的要求和群众的期望相比还有一定差距，主要表现在：一是政策解读的形式还不够丰富，图解、视频等解读方式运用较少；二是个别科室信息报送不够及时，信息公开的时效性有待进一步提高；三是所属学校信息公开工作发展不平衡，部分农村学校公开内容更新较慢。`,
      `${next}年，我局将重点做好以下工作：`,
      '1. 丰富形式、拓展内容。加强重要政策文件解读，做到文件与解读同步起草、同步审核、同步发布，更多运用图解、短视频等群众喜闻乐见的方式。',
      '2. 围绕热点、回应关切。对招生入学、学生资助、课后服务等群众关注的事项，及时发布权威信息，主动回应社会关切。',
      '3. 规范流程、提高时效。完善信息报送和审核发布机制，明确各环节办理时限，对信息更新情况定期检查、通报。',
      '4. 加强指导、整体推进。加强对所属学校信息公开工作的业务指导和监督检查，推动学校信息公开规范化、常态化。',
      `5. 结合${next}年政务公开工作要点，制定具体实施方案，建立任务落实台账，确保各项公开工作落实到位。`,
    ].join('\n'),
    other: [
      `（一）收取信息处理费情况。${year}年，我局未收取信息处理费。`,
      '（二）人大代表建议和政协提案办理情况。我局高度重视建议提案办理工作，确定集中办理月，逐件明确责任领导和承办科室，坚持办前联系、办中沟通、办后回访，全部按期办理完毕、答复到位，办理结果在规定范围内公开。',
      `（三）年度政务公开工作要点落实情况。按照${year}年政务公开工作要点，我局在义务教育招生入学、学生资助、教育督导等重点领域持续加大公开力度，各项任务均已落实。`,
    ].join('\n'),
  };
}

/** `MM-DD` of `year` as a date, the current year's moved into the part of the year gone by `today` (order and spacing kept). */
function dayOf(year: number, on: Day, today: string): string {
  const date = `${year}-${on}`;
  if (!today.startsWith(String(year))) return date;
  const start = `${year}-01-01`;
  const daysInYear = (Date.parse(`${year + 1}-01-01`) - Date.parse(start)) / 86_400_000;
  const elapsed = (Date.parse(today) - Date.parse(start)) / 86_400_000;
  const offset = (Date.parse(date) - Date.parse(start)) / 86_400_000;
  return addCalendarDays(start, Math.floor((offset * elapsed) / (daysInYear - 1)));
}

/**
 * The demo's records for the yearly report (hot-topic responses, briefings, NPC / CPPCC proposals,
 * the figures from other systems, a saved narrative for the previous year) in the current and the
 * previous year. Answers how many were seeded (records and figures; the two `annual_report` rows
 * are not counted).
 */
export async function seedDemoReportRecords(m: EntityManager, ctx: { editor: StaffAccount; now: number }): Promise<number> {
  const now = new Date(ctx.now);
  const today = shanghaiDate(now);
  const thisYear = shanghaiYear(now);
  const lastYear = thisYear - 1;
  const stamps = { createdById: ctx.editor.id, updatedById: ctx.editor.id, version: 1, createdAt: now, updatedAt: now };

  const titles = [ADMISSION_READING, ZONING_NOTICE, NUTRITION_NOTICE, PRESCHOOL_FEES_NOTICE, AFTER_SCHOOL_NOTICE];
  // Records link any published notice (the public reads it); a title not found links the page instead.
  const published = await m.find(Notice, { where: { title: In(titles), status: 'published', disclosure: 'proactive' }, select: { id: true, title: true } });
  const noticeIds = new Map(published.map((n) => [n.title, n.id]));
  const link = (r: { notice?: string; url?: string }) => {
    const noticeId = r.notice ? (noticeIds.get(r.notice) ?? null) : null;
    return { noticeId, url: noticeId === null ? (r.url ?? null) : null };
  };

  let count = 0;
  for (const [year, topics] of [[lastYear, HOT_TOPICS_LAST_YEAR], [thisYear, HOT_TOPICS_THIS_YEAR]] as const) {
    for (const t of topics) {
      await m.insert(ReportHotTopic, { year, date: dayOf(year, t.on, today), subject: t.subject, channel: t.channel, ...link(t), ...stamps });
      count++;
    }
  }
  for (const [year, briefings] of [[lastYear, BRIEFINGS_LAST_YEAR], [thisYear, BRIEFINGS_THIS_YEAR]] as const) {
    for (const b of briefings) {
      await m.insert(ReportBriefing, { year, date: dayOf(year, b.on, today), kind: b.kind, subject: b.subject, speakers: b.speakers, ...link(b), ...stamps });
      count++;
    }
  }
  for (const [year, proposals] of [[lastYear, PROPOSALS_LAST_YEAR], [thisYear, PROPOSALS_THIS_YEAR]] as const) {
    for (const p of proposals) {
      // Replies go out in summer: early in the year they are still being handled.
      const replyDate = p.replyOn && `${year}-${p.replyOn}` <= today ? `${year}-${p.replyOn}` : null;
      await m.insert(ReportProposal, { year, kind: p.kind, number: p.number, title: p.title, role: p.role, partners: p.partners, replyDate, satisfaction: replyDate ? p.satisfaction : null, ...stamps });
      count++;
    }
  }
  for (const [year, figures] of [[lastYear, FIGURES_LAST_YEAR], [thisYear, FIGURES_THIS_YEAR]] as const) {
    for (const [key, value] of Object.entries(figures) as [YearlyFigureKey, string][]) {
      await m.insert(ReportYearlyFigure, { year, key, value, enteredById: ctx.editor.id, enteredAt: now });
      count++;
    }
  }
  // Both years' figures were entered once (version 1); the previous year's narrative is saved, this year's is still to write.
  await m.insert(AnnualReport, {
    year: lastYear,
    narrative: JSON.stringify(narrative(lastYear)),
    narrativeVersion: 1,
    narrativeSavedById: ctx.editor.id,
    narrativeSavedAt: now,
    figuresVersion: 1,
    version: 1,
    updatedAt: now,
  });
  await m.insert(AnnualReport, { year: thisYear, narrative: null, narrativeVersion: 0, figuresVersion: 1, version: 1, updatedAt: now });
  return count;
}
