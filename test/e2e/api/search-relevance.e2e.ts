import type { SearchHit, SearchNoticeHit, SearchQaHit, SearchResponse, StaffNoticeView } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { ApiClient } from '../../support/api-client';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

/**
 * Search relevance over the embedded demo (昌乐县教育局, as `npm start` seeds it): what a parent
 * types, and the notices a parent expects among the first three results. The expectations are the
 * notices' titles copied from server/src/demo/demo-bureau.ts, written down from what the words mean
 * to a parent, not from what any engine returned. A row fails on its own line; the last test lists
 * every failing row with the three titles the search gave instead.
 *
 * The clock stands on Tuesday 1 December 2026, 10:00 in Shanghai: a week after the demo's last
 * notice and outside the enrollment season, so ranking weighs relevance and recency only. The
 * in-season cases (April 2027) come after the table, once the 2027 中考 notice is published.
 */

const DEMO_PASSWORD = 'demo-password-1';
const OFFICE_PASSWORD = 'correct-horse-battery';
const DECEMBER_2026 = new Date('2026-12-01T02:00:00Z');

// The demo's public notices named in the table, as their titles read.
const Z26 = '2026年城区义务教育学校划片招生方案';
const Z25 = '2025年城区义务教育学校划片招生方案';
const Z_ADJUST = '关于城区义务教育学校划片范围调整公开征求意见的公告';
const UPGRADE26 = '昌乐县全面改善义务教育薄弱学校基本办学条件项目2026年度实施进展';
const UPGRADE25 = '昌乐县全面改薄项目2025年度实施计划公示';
const PRIMARY26 = '2026年昌乐县小学一年级新生招生工作通知';
const PRIMARY25 = '2025年昌乐县小学一年级新生招生工作通知';
const JUNIOR26 = '2026年昌乐县初中一年级新生招生工作通知';
const MIGRANT_GUIDE = '进城务工人员随迁子女义务教育入学办理指南';
const MIGRANT26 = '2026年随迁子女入学资格审核结果及学位安排情况公告';
const ADMISSION_RULES = '昌乐县教育局关于印发《昌乐县义务教育阶段学校招生入学管理办法》的通知';
const ADMISSION_EXPLAINED = '《昌乐县义务教育阶段学校招生入学管理办法》政策解读';
const ZK_SIGNUP26 = '2026年昌乐县初中学业水平考试（中考）报名工作通知';
const ZK_SPORTS26 = '2026年昌乐县中考体育与健康考试工作实施方案';
const ZK_CHOICES26 = '2026年普通高中招生志愿填报指导';
const ZK_LINES26 = '2026年昌乐县普通高中录取分数线公布';
const ZK_LINES25 = '2025年昌乐县普通高中录取分数线公布';
const ZK_SCORES25 = '2025年中考成绩查询及复核工作通知';
const STATUS_GUIDE = '中小学生学籍转出转入办理指南';
const STATUS_NOTICE = '关于进一步做好义务教育阶段学生学籍管理工作的通知';
const CERT_GUIDE = '教师资格认定办事指南（2026年春季）';
const CERT_RENEWAL_GUIDE = '中小学教师资格定期注册办事指南';
const DIPLOMA_GUIDE = '中小学毕业证书遗失补办证明办事指南';
const PRIVATE_SCHOOL_GUIDE = '民办学校（幼儿园）设立审批办事指南';
const AID25 = '2025年秋季学期昌乐县学生资助政策告知书';
const GRANT26 = '2026年春季学期普通高中国家助学金资助情况公示';
const LOAN26 = '2026年生源地信用助学贷款办理工作通知';
const MEALS26 = '2026年昌乐县农村义务教育学生营养改善计划实施情况公告';
const MEALS_TENDER25 = '2025年农村义务教育学校营养改善计划食材配送服务采购中标结果公示';
const FEE_WAIVER = '关于免除公办幼儿园学前一年保育教育费的公告';
const KG_FEES25 = '2025年昌乐县公办幼儿园保育教育费收费标准公示';
const KG_ADMISSION26 = '2026年秋季城区公办幼儿园招生公告';
const KG_ORGANS25 = '昌乐县机关幼儿园2025年秋季招生简章';
const AFFORDABLE26 = '2026年昌乐县普惠性民办幼儿园认定结果公示';
const AFFORDABLE_RULES = '昌乐县教育局关于印发《昌乐县普惠性民办幼儿园认定及管理办法》的通知';
const KG_MONTH26 = '关于开展2026年学前教育宣传月活动的通知';
const KG_MONTH25 = '2025年学前教育宣传月活动总结';
const AFTER_SCHOOL_RULES = '昌乐县教育局关于印发《昌乐县中小学校课后服务工作实施办法》的通知';
const CONDUCT_RULES = '昌乐县教育局关于印发《昌乐县中小学校规范办学行为管理办法》的通知';
const RULES_REVIEW = '昌乐县教育局关于公布规范性文件清理结果的通知';
const DOUBLE_REDUCTION26 = '关于开展2026年义务教育阶段“双减”工作专项检查的通知';
const WINTER_SAFETY26 = '关于做好2026年冬季校园安全工作的通知';
const FIRE_DRILL = '昌乐县实验幼儿园开展冬季消防安全疏散演练';
const INSPECTION25 = '昌乐县2025年度中小学校（幼儿园）办学水平督导评估结果公告';
const BALANCE_REPORT = '昌乐县县域义务教育优质均衡发展督导评估自评报告';
const INSPECTORS = '昌乐县中小学校责任督学挂牌督导名单及联系方式';
const TERM_START_INSPECTION = '关于2026年春季开学工作专项督导情况的通报';
const KG_QUALITY_INSPECTION = '2025年秋季学期幼儿园保育教育质量专项督导报告';
const HIRING25 = '2025年昌乐县公开招聘中小学（幼儿园）教师简章';
const HIRING26 = '2026年昌乐县公开招聘教师拟聘用人员公示';
const PRINCIPALS = '2026年昌乐县中小学校长拟任职人员任前公示';
const ORGANIZATION = '昌乐县教育局机构职能及内设科室设置';
const LEADERSHIP = '昌乐县教育局领导班子成员及工作分工';
const REPORT25 = '昌乐县教育局2025年政府信息公开工作年度报告';
const REPORT24 = '昌乐县教育局2024年政府信息公开工作年度报告';
const READING_FESTIVAL = '昌乐县实验小学举办第十届“书香校园”读书节';
const HOME_TEACHING = '昌乐县特殊教育学校开展“全国助残日”送教上门活动';
const GAOKAO_RALLY = '昌乐二中举行2026届高三学生成人礼暨高考百日誓师大会';
const WINTER_LETTER25 = '昌乐县第二实验小学2025年寒假致家长的一封信';
const PARENTS_MEETING = '昌乐一中召开2026年秋季学期高一新生家长会';
const NEW_BUILDING = '首阳山中学新建教学综合楼正式投入使用';
const TRACK_TENDER = '昌乐县首阳山中学运动场改造工程招标公告';
const TRACK_AWARD = '昌乐县首阳山中学运动场改造工程中标结果公示';
const LAB_TENDER26 = '2026年昌乐县农村中小学教学仪器设备采购项目公开招标公告';
const LAB_AWARD26 = '2026年昌乐县农村中小学教学仪器设备采购项目中标结果公告';
const BAODU_AWARD = '宝都街道中心小学教学楼维修改造工程中标结果公示';
const CCTV = '昌乐县中小学校园安防监控系统升级改造项目竞争性磋商公告';

// Demo notices the public never sees: not 主动公开, or still a draft.
const ON_REQUEST_SCORES = '2026年昌乐县公开招聘教师面试成绩明细（依申请公开）';
const WITHHELD_APPRAISAL = '2026年教师绩效考核结果（内部）';
const WITHHELD_LAYOUT = '2027年城区学校布局调整初步论证材料（内部过程稿）';
const DRAFT_Z27 = '2027年城区义务教育学校划片招生方案（征求意见稿）';
const ZK_SIGNUP27 = '2027年昌乐县初中学业水平考试（中考）报名工作通知';

// The demo's published Q&A.
const QA_MIGRANT = '进城务工人员随迁子女上小学一年级需要准备哪些材料？在哪里报名？';
const QA_TRAFFIC = '学校放学时段门口车辆拥堵，能否安排交通疏导？';

type Tag =
  | 'issue'
  | 'multi-word'
  | 'reordered'
  | 'synonym'
  | 'two-character'
  | 'full-width'
  | 'traditional'
  | 'phrase'
  | 'year'
  | 'typo'
  | 'guide'
  | 'empty'
  | 'hidden'
  | 'q&a'
  | 'plain';

interface Row {
  tag: Tag;
  q: string;
  /** Each of these is among the first 3 notice/guide hits. */
  top3?: string[];
  /** The first notice/guide hit. */
  first?: string;
  /** The first ranks above the second (or the second is not on the first page at all). */
  above?: [string, string];
  /** Each of the first 3 notice/guide hits is one of these: a word with many right answers. */
  onlyFrom?: string[];
  /** These are found as 办事指南 (kind `guide`). */
  guide?: string[];
  /** This public question is among the Q&A hits. */
  qa?: string;
  /** Never on the first page (not public). */
  absent?: string[];
  /** Nothing at all: total 0, no items, and the empty-state help. */
  none?: true;
}

const GUIDES = [CERT_GUIDE, STATUS_GUIDE, MIGRANT_GUIDE, PRIVATE_SCHOOL_GUIDE, CERT_RENEWAL_GUIDE, DIPLOMA_GUIDE];
const INSPECTION_TITLES = [INSPECTION25, BALANCE_REPORT, INSPECTORS, TERM_START_INSPECTION, KG_QUALITY_INSPECTION];
const ENROLLMENT_TITLES = [Z26, Z25, ADMISSION_RULES, ADMISSION_EXPLAINED, KG_ADMISSION26, KG_ORGANS25, ZK_CHOICES26, PRIMARY26, JUNIOR26, PRIMARY25];
const AWARD_TITLES = [TRACK_AWARD, LAB_AWARD26, MEALS_TENDER25, BAODU_AWARD];

const TABLE: Row[] = [
  // The issue's three complaints, as filed.
  { tag: 'issue', q: '小学 招生', top3: [PRIMARY26], first: PRIMARY26 },
  { tag: 'issue', q: '招生 小学', top3: [PRIMARY26], first: PRIMARY26 },
  { tag: 'issue', q: '学区', top3: [Z26], above: [Z26, UPGRADE26] },
  { tag: 'issue', q: '学区划分', top3: [Z26] },

  // Several words, all required, in any order.
  { tag: 'multi-word', q: '小学招生', first: PRIMARY26 },
  { tag: 'multi-word', q: '初中 招生', first: JUNIOR26 },
  { tag: 'multi-word', q: '一年级 新生', top3: [PRIMARY26, JUNIOR26] },
  { tag: 'multi-word', q: '幼儿园 招生', top3: [KG_ADMISSION26, KG_ORGANS25], first: KG_ADMISSION26 },
  { tag: 'multi-word', q: '中考 体育', first: ZK_SPORTS26 },
  { tag: 'multi-word', q: '录取 分数线', top3: [ZK_LINES26, ZK_LINES25], above: [ZK_LINES26, ZK_LINES25] },
  { tag: 'multi-word', q: '成绩 查询', first: ZK_SCORES25 },
  { tag: 'multi-word', q: '教师 招聘', top3: [HIRING26, HIRING25] },
  { tag: 'multi-word', q: '助学 贷款', first: LOAN26 },
  { tag: 'multi-word', q: '营养 改善', top3: [MEALS26] },
  { tag: 'multi-word', q: '幼儿园 收费', top3: [KG_FEES25] },
  { tag: 'multi-word', q: '课后服务 收费', top3: [AFTER_SCHOOL_RULES] },
  { tag: 'multi-word', q: '督导 评估 结果', first: INSPECTION25 },
  { tag: 'multi-word', q: '责任督学 名单', first: INSPECTORS },
  { tag: 'multi-word', q: '普惠 幼儿园 认定', top3: [AFFORDABLE26, AFFORDABLE_RULES] },
  { tag: 'multi-word', q: '划片 招生 方案', top3: [Z26, Z25], first: Z26 },
  { tag: 'multi-word', q: '随迁子女 入学', top3: [MIGRANT_GUIDE, MIGRANT26] },
  { tag: 'multi-word', q: '普通高中 录取', top3: [ZK_LINES26] },

  // The same words reordered.
  { tag: 'reordered', q: '招生 初中', first: JUNIOR26 },
  { tag: 'reordered', q: '新生 一年级 小学', first: PRIMARY26 },
  { tag: 'reordered', q: '招生 幼儿园', first: KG_ADMISSION26 },
  { tag: 'reordered', q: '体育 中考', first: ZK_SPORTS26 },
  { tag: 'reordered', q: '分数线 录取', top3: [ZK_LINES26, ZK_LINES25] },
  { tag: 'reordered', q: '招聘 教师', top3: [HIRING26, HIRING25] },
  { tag: 'reordered', q: '方案 招生 划片', first: Z26 },
  { tag: 'reordered', q: '入学 随迁子女', top3: [MIGRANT_GUIDE, MIGRANT26] },

  // The county's usual synonyms (the seeded groups).
  { tag: 'synonym', q: '幼升小', first: PRIMARY26 },
  { tag: 'synonym', q: '小学一年级招生', first: PRIMARY26 },
  { tag: 'synonym', q: '小升初', first: JUNIOR26 },
  { tag: 'synonym', q: '初中一年级招生', first: JUNIOR26 },
  { tag: 'synonym', q: '随迁子女', top3: [MIGRANT_GUIDE, MIGRANT26] },
  { tag: 'synonym', q: '进城务工人员子女', top3: [MIGRANT_GUIDE, MIGRANT26] },
  { tag: 'synonym', q: '农民工子女', top3: [MIGRANT_GUIDE, MIGRANT26] },
  { tag: 'synonym', q: '外来务工人员子女 入学', top3: [MIGRANT_GUIDE] },
  { tag: 'synonym', q: '中考', top3: [ZK_SIGNUP26] },
  { tag: 'synonym', q: '高中段招生', top3: [ZK_CHOICES26] },
  { tag: 'synonym', q: '高中招生', top3: [ZK_CHOICES26] },
  { tag: 'synonym', q: '初中学业水平考试', first: ZK_SIGNUP26 },
  { tag: 'synonym', q: '招生范围', top3: [Z26] },
  { tag: 'synonym', q: '划片范围', top3: [Z_ADJUST, Z26] },
  { tag: 'synonym', q: '施教区', top3: [Z26] },
  { tag: 'synonym', q: '助学金', first: GRANT26 },
  { tag: 'synonym', q: '助学贷款', first: LOAN26 },
  { tag: 'synonym', q: '转学', top3: [STATUS_GUIDE], guide: [STATUS_GUIDE] },
  { tag: 'synonym', q: '招教', top3: [HIRING26] },

  // Two-character words.
  { tag: 'two-character', q: '划片', top3: [Z26, Z25, Z_ADJUST], first: Z26 },
  { tag: 'two-character', q: '招生', onlyFrom: ENROLLMENT_TITLES },
  { tag: 'two-character', q: '资助', top3: [AID25, GRANT26] },
  { tag: 'two-character', q: '学籍', top3: [STATUS_NOTICE, STATUS_GUIDE] },
  { tag: 'two-character', q: '督导', onlyFrom: INSPECTION_TITLES },
  { tag: 'two-character', q: '改薄', top3: [UPGRADE25, UPGRADE26] },
  { tag: 'two-character', q: '双减', first: DOUBLE_REDUCTION26 },

  // Full-width digits and spaces, as a Chinese keyboard types them.
  { tag: 'full-width', q: '２０２６ 划片', first: Z26, above: [Z26, Z25] },
  { tag: 'full-width', q: '２０２５年　划片', first: Z25, above: [Z25, Z26] },
  { tag: 'full-width', q: '中考　报名', first: ZK_SIGNUP26 },
  { tag: 'full-width', q: '小学　招生', first: PRIMARY26 },
  { tag: 'full-width', q: '２０２６年中考', top3: [ZK_SIGNUP26, ZK_SPORTS26] },

  // Traditional characters.
  { tag: 'traditional', q: '學區劃分', top3: [Z26] },
  { tag: 'traditional', q: '中考報名', first: ZK_SIGNUP26 },
  { tag: 'traditional', q: '隨遷子女', top3: [MIGRANT_GUIDE, MIGRANT26] },
  { tag: 'traditional', q: '幼兒園 招生', top3: [KG_ADMISSION26] },
  { tag: 'traditional', q: '轉學', top3: [STATUS_GUIDE], guide: [STATUS_GUIDE] },
  { tag: 'traditional', q: '劃片', first: Z26 },
  { tag: 'traditional', q: '教師資格認定', first: CERT_GUIDE, guide: [CERT_GUIDE] },

  // Quoted phrases.
  { tag: 'phrase', q: '"划片招生方案"', top3: [Z26, Z25], first: Z26 },
  { tag: 'phrase', q: '"随迁子女入学"', top3: [MIGRANT26] },
  { tag: 'phrase', q: '“中考体育”', first: ZK_SPORTS26 },
  { tag: 'phrase', q: '"小学一年级" 报名', first: PRIMARY26 },

  // A year in the query weighs toward that year.
  { tag: 'year', q: '2026 划片', first: Z26, above: [Z26, Z25] },
  { tag: 'year', q: '2025 划片', first: Z25, above: [Z25, Z26] },
  { tag: 'year', q: '2026 小学 招生', first: PRIMARY26, above: [PRIMARY26, PRIMARY25] },
  { tag: 'year', q: '2025年 小学 招生', first: PRIMARY25, above: [PRIMARY25, PRIMARY26] },
  { tag: 'year', q: '2025 录取分数线', first: ZK_LINES25, above: [ZK_LINES25, ZK_LINES26] },
  { tag: 'year', q: '2024 年度报告', first: REPORT24 },
  { tag: 'year', q: '2025 改薄', first: UPGRADE25 },
  { tag: 'year', q: '2025年中考成绩', first: ZK_SCORES25 },

  // One wrong character in a word of four or more.
  { tag: 'typo', q: '中考成积', top3: [ZK_SCORES25] },
  { tag: 'typo', q: '随迁子女入学办里', top3: [MIGRANT_GUIDE] },
  { tag: 'typo', q: '划片招生方按', top3: [Z26] },
  { tag: 'typo', q: '教师资格认订', top3: [CERT_GUIDE] },
  { tag: 'typo', q: '助学货款', top3: [LOAN26] },
  { tag: 'typo', q: '营养改善计化', top3: [MEALS26] },

  // 办事指南 come back as guides.
  { tag: 'guide', q: '教师资格认定', first: CERT_GUIDE, guide: [CERT_GUIDE] },
  { tag: 'guide', q: '毕业证 遗失', first: DIPLOMA_GUIDE, guide: [DIPLOMA_GUIDE] },
  { tag: 'guide', q: '民办幼儿园 设立', top3: [PRIVATE_SCHOOL_GUIDE], guide: [PRIVATE_SCHOOL_GUIDE] },
  { tag: 'guide', q: '教师资格 注册', first: CERT_RENEWAL_GUIDE, guide: [CERT_RENEWAL_GUIDE] },
  { tag: 'guide', q: '随迁子女 入学 办理', top3: [MIGRANT_GUIDE], guide: [MIGRANT_GUIDE] },
  { tag: 'guide', q: '办事指南', onlyFrom: GUIDES, guide: GUIDES },

  // Words the bureau never wrote about: nothing, and help instead.
  { tag: 'empty', q: '驾驶证', none: true },
  { tag: 'empty', q: '公积金', none: true },
  { tag: 'empty', q: '护照 签证', none: true },
  { tag: 'empty', q: '股票 理财', none: true },
  { tag: 'empty', q: 'qwertyuiop', none: true },

  // What is not public is never found.
  { tag: 'hidden', q: '面试成绩明细', absent: [ON_REQUEST_SCORES] },
  { tag: 'hidden', q: '绩效考核', absent: [WITHHELD_APPRAISAL] },
  { tag: 'hidden', q: '布局调整', absent: [WITHHELD_LAYOUT] },
  { tag: 'hidden', q: '2027 划片', top3: [Z26], absent: [DRAFT_Z27] },
  { tag: 'hidden', q: '2027 中考 报名', top3: [ZK_SIGNUP26], absent: [ZK_SIGNUP27] },

  // The public Q&A comes with the notices.
  { tag: 'q&a', q: '随迁子女 材料', top3: [MIGRANT_GUIDE], qa: QA_MIGRANT },
  { tag: 'q&a', q: '放学 交通疏导', qa: QA_TRAFFIC },

  // Plain words for the rest of the catalogue.
  { tag: 'plain', q: '机构职能', first: ORGANIZATION },
  { tag: 'plain', q: '领导 分工', first: LEADERSHIP },
  { tag: 'plain', q: '年度报告', top3: [REPORT25, REPORT24], above: [REPORT25, REPORT24] },
  { tag: 'plain', q: '校长 任前公示', first: PRINCIPALS },
  { tag: 'plain', q: '规范性文件 清理', first: RULES_REVIEW },
  { tag: 'plain', q: '规范办学行为', first: CONDUCT_RULES },
  { tag: 'plain', q: '冬季 安全', top3: [WINTER_SAFETY26, FIRE_DRILL] },
  { tag: 'plain', q: '消防 演练', first: FIRE_DRILL },
  { tag: 'plain', q: '课后服务', first: AFTER_SCHOOL_RULES },
  { tag: 'plain', q: '读书节', first: READING_FESTIVAL },
  { tag: 'plain', q: '送教上门', first: HOME_TEACHING },
  { tag: 'plain', q: '高考 誓师', first: GAOKAO_RALLY },
  { tag: 'plain', q: '寒假 家长', first: WINTER_LETTER25 },
  { tag: 'plain', q: '高一 家长会', first: PARENTS_MEETING },
  { tag: 'plain', q: '首阳山中学', onlyFrom: [NEW_BUILDING, TRACK_TENDER, TRACK_AWARD, PRINCIPALS, UPGRADE26] },
  { tag: 'plain', q: '运动场 招标', top3: [TRACK_TENDER, TRACK_AWARD], first: TRACK_TENDER },
  { tag: 'plain', q: '教学仪器 采购', top3: [LAB_TENDER26, LAB_AWARD26] },
  { tag: 'plain', q: '中标结果', onlyFrom: AWARD_TITLES },
  { tag: 'plain', q: '安防监控', first: CCTV },
  { tag: 'plain', q: '保育教育费', top3: [FEE_WAIVER, KG_FEES25] },
  { tag: 'plain', q: '宣传月', top3: [KG_MONTH26, KG_MONTH25], above: [KG_MONTH26, KG_MONTH25] },
  { tag: 'plain', q: '幼小衔接', top3: [KG_MONTH26] },
  { tag: 'plain', q: '志愿填报', first: ZK_CHOICES26 },
  { tag: 'plain', q: '政策解读', first: ADMISSION_EXPLAINED },
  { tag: 'plain', q: '招生入学管理办法', top3: [ADMISSION_RULES, ADMISSION_EXPLAINED] },
  { tag: 'plain', q: '优质均衡', first: BALANCE_REPORT },
  { tag: 'plain', q: '开学 督导', first: TERM_START_INSPECTION },
  { tag: 'plain', q: '小学化', first: KG_QUALITY_INSPECTION },
];

/** What one search gave: the first page's notice/guide hits in order, its Q&A, and the totals. */
interface Answer {
  status: number;
  hits: SearchNoticeHit[];
  qa: SearchQaHit[];
  body: SearchResponse;
}

function isNoticeHit(hit: SearchHit): hit is SearchNoticeHit {
  return hit.kind === 'notice' || hit.kind === 'guide';
}

async function search(api: ApiClient, q: string, limit = 10): Promise<Answer> {
  const res = await api.get<SearchResponse>(`/search?q=${encodeURIComponent(q)}&limit=${limit}`);
  const items = res.status === 200 ? res.body.items : [];
  return { status: res.status, hits: items.filter(isNoticeHit), qa: items.filter((h): h is SearchQaHit => h.kind === 'qa'), body: res.body };
}

/** Why a row's answer is not what a parent expects; empty when it is. */
function problems(row: Row, a: Answer): string[] {
  if (a.status !== 200) return [`status ${a.status}`];
  const titles = a.hits.map((h) => h.notice.title);
  const top3 = titles.slice(0, 3);
  const out: string[] = [];
  for (const t of row.top3 ?? []) if (!top3.includes(t)) out.push(`not in top 3: ${t}${titles.includes(t) ? ` (at ${titles.indexOf(t) + 1})` : ''}`);
  if (row.first && titles[0] !== row.first) out.push(`not first: ${row.first}`);
  if (row.above) {
    const [hi, lo] = row.above;
    const i = titles.indexOf(hi);
    const j = titles.indexOf(lo);
    if (i === -1 || (j !== -1 && j < i)) out.push(`not above: ${hi} (at ${i + 1 || '—'}) over ${lo} (at ${j + 1 || '—'})`);
  }
  if (row.onlyFrom) {
    if (top3.length < Math.min(3, row.onlyFrom.length)) out.push(`only ${top3.length} hits`);
    for (const t of top3) if (!row.onlyFrom.includes(t)) out.push(`unexpected in top 3: ${t}`);
  }
  for (const t of row.guide ?? []) {
    const hit = a.hits.find((h) => h.notice.title === t);
    if (hit && hit.kind !== 'guide') out.push(`kind ${hit.kind}, expected guide: ${t}`);
  }
  // Every hit: 办事指南 (BSZN) is a guide, anything else a notice.
  for (const h of a.hits) if (h.kind !== (h.notice.category.code === 'BSZN' ? 'guide' : 'notice')) out.push(`kind ${h.kind} for ${h.notice.category.code}: ${h.notice.title}`);
  if (row.qa && !a.qa.some((h) => h.qa.question === row.qa)) out.push(`Q&A not found: ${row.qa}`);
  for (const t of row.absent ?? []) if (titles.includes(t)) out.push(`not public, yet found: ${t}`);
  if (row.none) {
    if (a.body.total !== 0 || a.body.items.length !== 0) out.push(`found ${a.body.total}, expected nothing`);
    if (!a.body.empty || !a.body.empty.ask) out.push('no empty-state help');
  } else if (a.body.empty !== null) {
    if (titles.length > 0) out.push('empty-state help given with results');
  }
  return out;
}

function describeRow(row: Row): string {
  const want = [
    row.first ? `first ${row.first}` : '',
    row.top3?.length ? `top3 ${row.top3.join(' | ')}` : '',
    row.above ? `${row.above[0]} above ${row.above[1]}` : '',
    row.onlyFrom ? `top3 only from ${row.onlyFrom.length} titles` : '',
    row.guide ? 'as guide' : '',
    row.qa ? `qa ${row.qa}` : '',
    row.absent ? `never ${row.absent.join(' | ')}` : '',
    row.none ? 'nothing' : '',
  ].filter(Boolean);
  return want.join('; ');
}

describe('search relevance on the demo bureau', () => {
  let db: TestDatabase;
  let server: TestServer;
  let api: ApiClient;
  const failures = new Map<string, string>();

  beforeAll(async () => {
    db = await freshDatabase();
    // Well over a hundred searches from one address within a minute: lift the per-address limits.
    server = await startServer(db, { DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: DEMO_PASSWORD, RATE_LIMIT_SEARCH_MAX: '100000', RATE_LIMIT_LOOKUP_MAX: '100000' }, new SettableClock(DECEMBER_2026));
    api = new ApiClient(server.baseUrl);
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('names only public demo notices in the table, 办事指南 as guides, and never a hidden one', async () => {
    const published = new Map<string, string>();
    let cursor: string | null = null;
    do {
      const res: { body: { items: { title: string; category: { code: string } }[]; nextCursor: string | null } } = await api.get(`/notices?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      for (const n of res.body.items) published.set(n.title, n.category.code);
      cursor = res.body.nextCursor;
    } while (cursor);
    const named = new Set(TABLE.flatMap((r) => [...(r.top3 ?? []), ...(r.first ? [r.first] : []), ...(r.above ?? []), ...(r.onlyFrom ?? []), ...(r.guide ?? [])]));
    expect([...named].filter((t) => !published.has(t))).toEqual([]);
    expect(GUIDES.filter((t) => published.get(t) !== 'BSZN')).toEqual([]);
    const hidden = TABLE.flatMap((r) => r.absent ?? []);
    expect(hidden.filter((t) => published.has(t))).toEqual([]);
  });

  it.each(TABLE.map((row) => [`${row.tag}: ${row.q}`, row] as const))('%s', async (_name, row) => {
    const answer = await search(api, row.q);
    const found = problems(row, answer);
    if (found.length) failures.set(row.q, `${row.tag} | ${row.q} | expected: ${describeRow(row)} | got top 3: ${answer.hits.slice(0, 3).map((h) => `${h.notice.title} [${h.kind}]`).join(' | ') || '—'} (total ${answer.body?.total ?? '—'}) | ${found.join('; ')}`);
    expect({ q: row.q, problems: found, top3: answer.hits.slice(0, 3).map((h) => h.notice.title) }).toEqual({ q: row.q, problems: [], top3: expect.any(Array) });
  });

  it('answers every row of the table, which covers each kind of query several times', () => {
    const tags = new Map<Tag, number>();
    for (const row of TABLE) tags.set(row.tag, (tags.get(row.tag) ?? 0) + 1);
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
    expect(new Set(TABLE.map((r) => r.q)).size).toBe(TABLE.length);
    for (const tag of ['multi-word', 'reordered', 'synonym', 'two-character', 'full-width', 'traditional', 'phrase', 'year', 'typo', 'guide', 'empty'] as const) {
      expect({ tag, rows: (tags.get(tag) ?? 0) >= 3 }).toEqual({ tag, rows: true });
    }
    if (failures.size) console.log(`search relevance: ${TABLE.length - failures.size}/${TABLE.length} rows as expected\n  ${[...failures.values()].join('\n  ')}`);
    expect([...failures.keys()]).toEqual([]);
  });

  describe('in the enrollment season (April 2027), once the 2027 中考 notice is out', () => {
    beforeAll(async () => {
      // Published in early March, as 报名 notices are, through the demo's own review chain.
      server.clock.set(new Date('2027-03-03T02:00:00Z'));
      const signIn = async (username: string, password = DEMO_PASSWORD) => {
        const res = await api.post('/auth/staff', { username, password });
        if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${res.text}`);
        return api.as(res.body.token);
      };
      const step = async (client: ApiClient, path: string, body: object): Promise<{ version: number }> => {
        const res = await client.post(path, body);
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
        return res.body;
      };
      const admin = await signIn('admin');
      const drafts: StaffNoticeView[] = (await admin.get('/staff/notices?status=draft&limit=50')).body.items;
      const draft = drafts.find((n) => n.title === ZK_SIGNUP27);
      if (!draft) throw new Error('the demo has no 2027 中考 draft');
      // The demo's draft sits in 招生考试办公室 with an author of another unit, who cannot submit it:
      // the office's own editor writes it out and its head approves, as the office would.
      const account = async (username: string, role: 'editor' | 'unit_head') => {
        const res = await admin.post('/staff/accounts', { username, displayName: username, password: OFFICE_PASSWORD, unitCode: draft.unitCode, roles: [role] });
        if (res.status !== 201) throw new Error(`${username}: ${res.status} ${res.text}`);
        return signIn(username, OFFICE_PASSWORD);
      };
      const editor = await account('exams-editor', 'editor');
      const head = await account('exams-head', 'unit_head');
      const { title, categoryCode, topicCodes, infoType, summary, bodyHtml } = draft;
      const written = await editor.post('/staff/notices', { title, categoryCode, topicCodes, infoType, summary, bodyHtml });
      if (written.status !== 201) throw new Error(`notice: ${written.status} ${written.text}`);
      const base = `/staff/notices/${written.body.id}`;
      let n = await step(editor, `${base}/submit`, { version: written.body.version });
      n = await step(head, `${base}/review`, { action: 'approve', version: n.version });
      n = await step(await signIn('secrecy_reviewer'), `${base}/review`, { action: 'approve', version: n.version, secrecy: { publishable: true, disclosure: 'proactive', disclosureReason: null } });
      n = await step(await signIn('leader'), `${base}/review`, { action: 'approve', version: n.version });
      await step(await signIn('publisher'), `${base}/registration`, { version: n.version });
      server.clock.set(new Date('2027-04-15T02:00:00Z'));
    });

    it.each([
      ['中考 报名', ZK_SIGNUP27],
      ['中考报名', ZK_SIGNUP27],
      ['报名 中考', ZK_SIGNUP27],
      ['中考', ZK_SIGNUP27],
      // A year the parent names outweighs the season.
      ['2026 中考 报名', ZK_SIGNUP26],
    ])('%s: first %s', async (q, expected) => {
      const answer = await search(api, q);
      expect({ q, status: answer.status, top3: answer.hits.slice(0, 3).map((h) => h.notice.title) }).toEqual({ q, status: 200, top3: expect.any(Array) });
      expect({ q, first: answer.hits[0]?.notice.title }).toEqual({ q, first: expected });
    });

    it('still ranks the 2026 notice right after the 2027 one for 中考 报名', async () => {
      const titles = (await search(api, '中考 报名')).hits.map((h) => h.notice.title);
      expect(titles.slice(0, 2)).toEqual([ZK_SIGNUP27, ZK_SIGNUP26]);
    });
  });
});
