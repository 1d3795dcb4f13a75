import type { UnitKind } from '@gongkai/shared';

/**
 * Generated Chinese notice content for the benchmark database. Deterministic (seeded PRNG), so
 * every run serves the same bytes and results stay comparable between runs. All names are
 * fictional.
 */

/** mulberry32: tiny, fast, good enough for picking words. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

export const COUNTY = '临河县';
export const BUREAU = '临河县教育局';

export interface BenchUnit {
  code: string;
  name: string;
  kind: UnitKind;
}

/** 18-character codes shaped like 统一社会信用代码, as real units use. */
export const BENCH_UNITS: readonly BenchUnit[] = [
  { code: '11371099004410339C', name: '办公室', kind: 'bureau_office' },
  { code: '11371099004410347B', name: '基础教育科', kind: 'bureau_office' },
  { code: '12371099MB2850328J', name: '招生考试办公室', kind: 'bureau_office' },
  { code: '12371099MB2850336Q', name: '学生资助管理中心', kind: 'bureau_office' },
  { code: '12371099494364520R', name: '临河县第一中学', kind: 'school' },
  { code: '12371099494365013K', name: '临河县实验小学', kind: 'school' },
  { code: '12371099MB1963412T', name: '临河县实验幼儿园', kind: 'school' },
];

const [OFFICE, BASIC, EXAMS, AID, NO1, EXP_PRIMARY, KINDERGARTEN] = BENCH_UNITS.map((u) => u.code) as [string, string, string, string, string, string, string];

const SCHOOLS = [
  '临河县第一中学', '临河县第二中学', '临河县实验小学', '临河县实验中学', '临河县城关街道中心小学',
  '临河县河西镇中心小学', '临河县朱刘街道初级中学', '临河县实验幼儿园', '临河县机关幼儿园',
  '临河县特殊教育学校', '临河县职业中等专业学校', '临河县宝城街道中心幼儿园',
];
const POLICIES = [
  '中小学校规范办学行为管理办法', '中小学教师“县管校聘”管理改革实施方案', '校外培训机构监督管理办法',
  '中小学校园安全管理规定', '义务教育阶段学生作业管理实施细则', '中小学生课后服务工作实施方案', '教师培训经费管理办法',
];
const FOCUS = ['中小学生心理健康教育', '中小学劳动教育', '校园食品安全', '中小学生近视防控', '中小学体育与美育', '教师队伍建设'];
const ACTIVITIES = [
  '第十二届校园艺术节', '秋季田径运动会', '“学宪法 讲宪法”主题演讲比赛', '新学期开学典礼', '消防安全应急疏散演练',
  '家长开放日活动', '读书月启动仪式', '科技创新作品展',
];
const THEMES = ['防溺水安全', '文明礼仪', '爱国主义', '劳动实践', '垃圾分类', '心理健康'];
const PROJECTS = ['优质课', '教学能手', '书香校园', '平安校园'];
const SERVICES = [
  '教师资格认定', '中小学生转学', '民办学校设立审批', '校外培训机构设立审批', '普通话水平测试报名', '学历证明书办理',
  '教师资格证补发换发', '义务教育阶段学生休学复学',
];
const ITEMS = ['教室照明改造', '学生课桌椅', '多媒体教学设备', '食堂厨具', '校园监控系统', '图书', '实验室仪器', '运动场塑胶跑道维修'];
const PEOPLE = ['王建国', '李明华', '张丽', '刘志强', '陈晓燕', '赵国栋', '孙海波', '周文静'];
const CONTACTS = ['王老师', '李老师', '张老师', '刘老师', '陈老师', '赵老师'];

interface Ctx {
  rand: Rand;
  year: number;
  term: string;
  batch: number;
}

interface Template {
  title: (c: Ctx) => string;
  topics?: readonly string[];
}

interface CategoryContent {
  weight: number;
  units: readonly string[];
  /** Share of notices with a 文号. */
  documentNo: number;
  templates: readonly Template[];
  leads: readonly string[];
}

const t = (title: (c: Ctx) => string, topics?: readonly string[]): Template => ({ title, topics });

/** Keyed by category code, as seeded by the first migration. */
export const CATEGORY_CONTENT: Record<string, CategoryContent> = {
  GZJG: {
    weight: 6,
    units: [OFFICE],
    documentNo: 0.3,
    templates: [
      t((c) => `${BUREAU}${c.year}年度机关内设机构及主要职责`),
      t(() => `${BUREAU}领导班子成员工作分工调整的通知`),
      t((c) => `关于${pick(c.rand, PEOPLE)}等同志职务任免的通知`),
      t((c) => `${BUREAU}${c.year}年公开招聘教师拟聘用人员公示（第${c.batch}批）`),
      t(() => `${BUREAU}机关科室联系方式公告`),
    ],
    leads: ['根据工作需要，经局党组研究决定，', '为方便群众办事和社会监督，', '按照机构改革工作部署，'],
  },
  ZCWJ: {
    weight: 9,
    units: [OFFICE, BASIC],
    documentNo: 0.8,
    templates: [
      t((c) => `关于印发《${COUNTY}${pick(c.rand, POLICIES)}》的通知`),
      t((c) => `《${COUNTY}${pick(c.rand, POLICIES)}》政策解读`),
      t((c) => `关于进一步加强${pick(c.rand, FOCUS)}工作的实施意见`),
    ],
    leads: ['为贯彻落实国家和省市有关文件精神，', '为进一步规范我县教育管理工作，', '经县教育局局务会议研究通过，'],
  },
  JYHM: {
    weight: 9,
    units: [AID],
    documentNo: 0.2,
    templates: [
      t((c) => `${c.year}年${c.term}学期普通高中国家助学金发放名单公示`),
      t((c) => `${c.year}年${c.term}学期义务教育阶段家庭经济困难学生生活补助发放情况公示`),
      t((c) => `关于做好${c.year}年农村义务教育学生营养改善计划工作的通知`),
      t((c) => `${c.year}年生源地信用助学贷款办理指南`),
      t((c) => `${c.year}年学前教育幼儿资助资金分配情况公示`),
    ],
    leads: ['为确保各项学生资助政策落到实处，', '按照“应助尽助”的原则，', '根据上级资助资金下达文件，'],
  },
  JYDD: {
    weight: 7,
    units: [BASIC, OFFICE],
    documentNo: 0.4,
    templates: [
      t((c) => `${pick(c.rand, SCHOOLS)}${c.year}年责任督学挂牌督导报告`, ['supervision']),
      t((c) => `关于开展${c.year}年义务教育优质均衡发展督导评估工作的通知`, ['supervision']),
      t((c) => `${COUNTY}${c.year}年${c.term}学期开学工作专项督导情况通报`, ['supervision']),
      t((c) => `${c.year}年度县级人民政府履行教育职责自评报告`),
    ],
    leads: ['根据县人民政府教育督导委员会工作安排，', '为推动学校规范办学、提高教育质量，', '督导组通过听取汇报、查阅资料、实地察看等方式，'],
  },
  XXDT: {
    weight: 20,
    units: [NO1, EXP_PRIMARY, KINDERGARTEN],
    documentNo: 0,
    templates: [
      t((c) => `${pick(c.rand, SCHOOLS)}举行${pick(c.rand, ACTIVITIES)}`),
      t((c) => `${pick(c.rand, SCHOOLS)}开展${pick(c.rand, THEMES)}主题教育活动`),
      t((c) => `${pick(c.rand, SCHOOLS)}召开${c.year}年${c.term}学期教学工作会议`),
    ],
    leads: ['为丰富校园文化生活，促进学生全面发展，', '近日，', '为进一步提升师生安全意识和应急能力，'],
  },
  JCJY: {
    weight: 9,
    units: [BASIC],
    documentNo: 0.5,
    templates: [
      t((c) => `关于做好${c.year}年${c.term}学期中小学开学工作的通知`),
      t((c) => `关于公布${c.year}年${COUNTY}义务教育阶段学校作息时间的通知`),
      t((c) => `${c.year}年${COUNTY}普通高中学业水平合格考试工作安排`),
      t((c) => `关于开展${c.year}年中小学“${pick(c.rand, PROJECTS)}”评选活动的通知`),
      t((c) => `${COUNTY}${c.year}年薄弱学校改造项目实施情况公示`, ['weak-school-upgrade']),
    ],
    leads: ['为全面提高义务教育质量，', '为落实“双减”工作要求，', '根据省、市教育行政部门工作部署，'],
  },
  XQJY: {
    weight: 7,
    units: [BASIC, KINDERGARTEN],
    documentNo: 0.3,
    templates: [
      t((c) => `${c.year}年${COUNTY}普惠性民办幼儿园认定结果公示`),
      t((c) => `关于开展${c.year}年全国学前教育宣传月活动的通知`),
      t((c) => `${c.year}年${COUNTY}幼儿园保教质量评估结果公告`),
      t((c) => `${COUNTY}${c.year}年秋季公办幼儿园招生公告`),
    ],
    leads: ['为扩大普惠性学前教育资源，', '为进一步规范幼儿园办园行为，', '按照学前教育发展提升行动计划要求，'],
  },
  BSZN: {
    weight: 7,
    units: [OFFICE, EXAMS, AID],
    documentNo: 0,
    templates: [
      t((c) => `${pick(c.rand, SERVICES)}办事指南`),
      t((c) => `${c.year}年${pick(c.rand, SERVICES)}常见问题解答`),
    ],
    leads: ['为方便群众办事，实现“最多跑一次”，', '本指南依据现行法律法规和政策编制，', '申请人可通过线上或线下方式办理，'],
  },
  ZSKS: {
    weight: 16,
    units: [EXAMS, NO1, EXP_PRIMARY],
    documentNo: 0.4,
    templates: [
      t((c) => `${c.year}年${COUNTY}城区义务教育学校招生工作方案`, ['zoning']),
      t((c) => `${c.year}年${COUNTY}城区小学和初中学区划分公告`, ['zoning']),
      t((c) => `关于做好${c.year}年初中学业水平考试报名工作的通知`, ['zhongkao']),
      t((c) => `${c.year}年${COUNTY}初中学业水平考试体育与健康科目考试实施方案`, ['zhongkao']),
      t((c) => `${c.year}年${COUNTY}普通高中招生录取分数线公告`, ['zhongkao']),
      t((c) => `${pick(c.rand, SCHOOLS)}${c.year}年秋季招生简章`),
      t((c) => `${c.year}年进城务工人员随迁子女入学报名须知`, ['migrant-children', 'zoning']),
      t((c) => `${c.year}年${COUNTY}普通高中自主招生工作实施办法`, ['zhongkao']),
    ],
    leads: ['为做好今年招生入学工作，保障适龄儿童少年依法接受义务教育，', '根据省、市中考改革有关要求，', '按照“免试、就近、划片”的原则，'],
  },
  ZBCG: {
    weight: 10,
    units: [OFFICE, NO1, EXP_PRIMARY],
    documentNo: 0,
    templates: [
      t((c) => `${pick(c.rand, SCHOOLS)}${pick(c.rand, ITEMS)}采购项目中标结果公告`),
      t((c) => `${BUREAU}${pick(c.rand, ITEMS)}采购项目公开招标公告`),
      t((c) => `${c.year}年${COUNTY}${pick(c.rand, ITEMS)}采购项目更正公告`),
      t((c) => `${c.year}年${COUNTY}“全面改薄”${pick(c.rand, ITEMS)}项目竞争性磋商公告`, ['weak-school-upgrade']),
    ],
    leads: ['受采购人委托，', '根据《中华人民共和国政府采购法》等有关规定，', '本项目已按规定程序完成评审，'],
  },
};

export const CATEGORY_CODES = Object.keys(CATEGORY_CONTENT);
const TOTAL_WEIGHT = CATEGORY_CODES.reduce((sum, code) => sum + CATEGORY_CONTENT[code]!.weight, 0);

export function pickCategory(rand: Rand): string {
  let r = rand() * TOTAL_WEIGHT;
  for (const code of CATEGORY_CODES) {
    r -= CATEGORY_CONTENT[code]!.weight;
    if (r < 0) return code;
  }
  return CATEGORY_CODES[CATEGORY_CODES.length - 1]!;
}

const TAILS = [
  '现将有关事项公布如下，请相关单位和群众及时关注。',
  '现予以公开，接受社会监督。',
  '具体内容详见正文，如有疑问请与承办科室联系。',
  '请各单位认真组织实施，确保各项工作落到实处。',
];
const OPENINGS = ['各镇（街道）教育办公室，县直各学校、幼儿园：', '各有关单位：', '各位家长、考生：', '社会各界：'];
const BASES = ['《中华人民共和国教育法》', '《中华人民共和国义务教育法》', '《中华人民共和国政府信息公开条例》', '省教育厅有关文件精神', '市教育局年度工作要点'];
const HEADINGS = ['工作目标', '基本原则', '主要任务', '实施范围', '时间安排', '报名条件', '所需材料', '办理流程', '工作要求', '保障措施', '监督举报'];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const SENTENCES = [
  '各单位要高度重视，成立由主要负责人任组长的工作领导小组，明确分工，压实责任。',
  '坚持公开、公平、公正的原则，严格执行政策规定，主动接受家长和社会的监督。',
  '申请人应当如实填写相关信息，提供的材料须真实有效，对弄虚作假者取消其资格。',
  '各学校要通过家长会、微信公众号、校园公告栏等多种渠道做好政策宣传和解读工作。',
  '县教育局将适时组织督导检查，对工作落实不力、造成不良影响的单位予以通报批评。',
  '进一步优化办事流程，精简证明材料，推行网上办理，让群众少跑腿、好办事。',
  '严格落实安全工作责任制，加强校园及周边环境综合治理，切实保障师生生命财产安全。',
  '统筹做好经费保障，专款专用，严禁截留、挤占和挪用，确保资金使用安全高效。',
  '加强教师队伍建设，落实教师培训制度，不断提升教师教书育人的能力和水平。',
  '对符合条件的家庭经济困难学生做到应助尽助，切实做到不让一个学生因家庭经济困难而失学。',
  '招生工作实行阳光操作，招生计划、招生范围、招生程序、录取结果等信息全部向社会公开。',
  '各学校不得以任何形式举行或变相举行入学考试，不得将各类竞赛成绩和证书作为入学依据。',
  '项目实施过程中要严格执行工程质量标准，确保按期完工、质量达标、验收合格。',
  '工作中遇到的新情况、新问题，请及时向县教育局相关科室报告。',
  '要坚持立德树人根本任务，全面贯彻党的教育方针，促进学生德智体美劳全面发展。',
  '各幼儿园要坚持以游戏为基本活动，严禁提前教授小学课程内容，防止和纠正“小学化”倾向。',
  '评估结果将作为学校年度考核、评先树优和校长任用的重要依据。',
  '对群众反映的问题，做到件件有回音、事事有着落，及时回应社会关切。',
];

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface GeneratedNotice {
  title: string;
  summary: string;
  bodyHtml: string;
  bodyText: string;
  topicCodes: string[];
  unitCode: string;
  documentNo: string | null;
  normative: boolean;
}

/** Shanghai calendar date of an instant, as numbers. */
export function shanghaiDate(at: Date): { year: number; month: number; day: number } {
  const local = new Date(at.getTime() + 8 * 3600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/**
 * One notice of a category. `docSeq` numbers the 文号 per year; the body is grown paragraph by
 * paragraph until it reaches a target of 1–3 KB (UTF-8), so sizes vary like real notices.
 */
export function generateNotice(rand: Rand, categoryCode: string, publishedAt: Date, docSeq: () => number): GeneratedNotice {
  const content = CATEGORY_CONTENT[categoryCode]!;
  const { year, month, day } = shanghaiDate(publishedAt);
  const ctx: Ctx = { rand, year, term: month >= 2 && month < 8 ? '春季' : '秋季', batch: 1 + Math.floor(rand() * 4) };
  const template = pick(rand, content.templates);
  const title = template.title(ctx);
  const unitCode = pick(rand, content.units);
  const unitName = BENCH_UNITS.find((u) => u.code === unitCode)!.name;
  const signer = BENCH_UNITS.find((u) => u.code === unitCode)!.kind === 'school' ? unitName : BUREAU;
  const lead = pick(rand, content.leads);
  const summary = `${lead}${pick(rand, TAILS)}`;

  const topicCodes = template.topics ? [...template.topics] : [];
  // A few notices without a fixed topic still belong to one, as editors tag them by hand.
  if (topicCodes.length === 0 && rand() < 0.08) topicCodes.push(pick(rand, ['zhongkao', 'zoning', 'supervision', 'weak-school-upgrade']));

  const documentNo = rand() < content.documentNo ? `临教发〔${year}〕${docSeq()}号` : null;
  const normative = categoryCode === 'ZCWJ' && documentNo !== null && rand() < 0.3;

  // Paragraph texts in order; HTML and plain text are built from the same list.
  const html: string[] = [];
  const text: string[] = [];
  let bytes = 0;
  const add = (tag: 'p' | 'h3' | 'li', s: string): void => {
    const fragment = `<${tag}>${escapeHtml(s)}</${tag}>`;
    html.push(fragment);
    text.push(s);
    bytes += Buffer.byteLength(fragment);
  };
  const target = 1024 + Math.floor(rand() * 2048);
  add('p', pick(rand, OPENINGS));
  add('p', `${lead}根据${pick(rand, BASES)}，结合我县实际，现就${title.replace(/^关于/, '').replace(/的通知$/, '')}有关事项通知如下：`);
  let section = 0;
  // Leave room for the closing lines (~250 bytes).
  while (bytes < target - 250 && section < NUMERALS.length) {
    add('h3', `${NUMERALS[section]}、${pick(rand, HEADINGS)}`);
    section += 1;
    if (rand() < 0.3) {
      html.push('<ol>');
      const n = 2 + Math.floor(rand() * 3);
      for (let i = 0; i < n; i += 1) add('li', pick(rand, SENTENCES));
      html.push('</ol>');
      bytes += 9;
    } else {
      add('p', `${pick(rand, SENTENCES)}${pick(rand, SENTENCES)}`);
    }
  }
  add('p', `联系人：${pick(rand, CONTACTS)}，联系电话：0536-${String(6200000 + Math.floor(rand() * 99999))}。`);
  add('p', signer);
  add('p', `${year}年${month}月${day}日`);

  return { title, summary, bodyHtml: html.join(''), bodyText: text.join('\n'), topicCodes, unitCode, documentNo, normative };
}
