import {
  DELIVERY_METHOD_LABELS,
  DISCLOSURE_OUTCOMES,
  PROVISION_FORM_LABELS,
  type ApplicantType,
  type DeliveryMethod,
  type DisclosureLetterInput,
  type DisclosureOutcome,
  type DisclosureOutcomeGroup,
  type DisclosureOutcomeInfo,
  type ProvisionForm,
} from '@gongkai/shared';

/**
 * The reply letter (政府信息公开申请答复书) as code: one template function per outcome group over
 * a small typed model, producing a document of blocks that the HTML and PDF renderers draw alike,
 * so the two never say different things.
 */

/** What a letter is made of: the request, the decision, the handler's words and the bureau's settings. */
export interface LetterModel {
  agency: string;
  /** `昌教依复〔2026〕1号`; null for a draft (not numbered until approved). */
  number: string | null;
  draft: boolean;
  /** In full: the letter goes to the applicant. */
  applicantName: string;
  applicantType: ApplicantType;
  trackingNo: string;
  /** `YYYY-MM-DD`; null for a request not yet confirmed (never for one that reaches a letter). */
  receivedDate: string | null;
  description: string;
  provisionForm: ProvisionForm;
  delivery: DeliveryMethod;
  outcome: DisclosureOutcome;
  content: DisclosureLetterInput;
  /** The letter's date, `YYYY-MM-DD` (Shanghai): the approval's, or today's for a draft. */
  date: string;
  reconsiderationBody: string;
  court: string;
  contact: string;
}

export type LetterBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

export interface LetterDocument {
  title: string;
  /** The 文号, or `（草稿，未编号）`. */
  numberLine: string;
  draft: boolean;
  /** `张三：`. */
  salutation: string;
  blocks: LetterBlock[];
  agency: string;
  /** `2026年12月6日`. */
  dateLine: string;
  contactLine: string;
}

export const LETTER_TITLE = '政府信息公开申请答复书';
export const DRAFT_NUMBER_LINE = '（草稿，未编号）';

/** `2026-12-06` → `2026年12月6日`. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** `昌教依复〔2026〕1号`. */
export function letterNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}

/**
 * The remedies line (救济途径). Periods from the laws in force:
 * - 《中华人民共和国行政复议法》(revised 1 September 2023, in force 1 January 2024) art. 20 para. 1:
 *   a reconsideration may be applied for within 60 days of knowing of the act (“自知道或者应当知道该行政行为之日起六十日内”);
 *   art. 24 para. 1 (1): the county government hears reconsiderations of its own departments' acts
 *   (hence DISCLOSURE_RECONSIDERATION_BODY defaults to the county government).
 *   Text of the 2023 revision: https://bjxclawfirm.com/index50.html
 * - 《中华人民共和国行政诉讼法》(2017) art. 46 para. 1: a suit brought directly is filed within six months
 *   of knowing of the act (“自知道或者应当知道作出行政行为之日起六个月内”).
 *   https://m.law.iask.sina.com.cn/jx/sh/1km2pkrpW5t2.html
 * The letter counts from its receipt, the day the applicant knows of the decision.
 */
export function remediesLine(reconsiderationBody: string, court: string): string {
  return `如对本答复不服，可以自收到本答复之日起六十日内向${reconsiderationBody}申请行政复议，或者自收到本答复之日起六个月内向${court}提起行政诉讼。`;
}

/** The handler's words, a paragraph per non-empty line. */
function paragraphs(text: string | null | undefined): LetterBlock[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ kind: 'paragraph', text: line }));
}

const p = (text: string): LetterBlock => ({ kind: 'paragraph', text });

interface GroupInput {
  model: LetterModel;
  info: DisclosureOutcomeInfo;
  /** 您 / 贵单位. */
  you: string;
}

/** How the information is provided: the requested form and delivery, and the handler's details. */
function provision({ model }: GroupInput): LetterBlock[] {
  const how = `本机关以${PROVISION_FORM_LABELS[model.provisionForm]}形式、${DELIVERY_METHOD_LABELS[model.delivery]}方式向您提供上述政府信息。`;
  return [p(model.content.provision?.trim() ? `${how}${model.content.provision.trim()}` : how)];
}

/** 不予公开: the reason as a letter says it (table 三's labels are headings, not sentences). */
const REFUSAL_REASONS: Partial<Record<DisclosureOutcome, string>> = {
  refused_state_secret: '属于国家秘密',
  refused_law_prohibited: '属于法律、行政法规禁止公开的政府信息',
  refused_security: '公开后可能危及国家安全、公共安全、经济安全、社会稳定',
  refused_third_party: '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害',
  refused_internal_affairs: '属于人事管理、后勤管理、内部工作流程等方面的内部事务信息',
  refused_process_info: '属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息',
  refused_enforcement_file: '属于行政执法案卷信息',
  refused_query_matter: '属于有关法律、行政法规对信息的获取有特别规定的行政查询事项，请依照有关规定办理',
};

/** One function per outcome group: the decision with its legal basis, then what the group adds. */
const GROUP_TEMPLATES: Record<DisclosureOutcomeGroup, (g: GroupInput) => LetterBlock[]> = {
  granted: (g) => [p(`经审查，${g.you}申请获取的政府信息属于公开范围。根据${g.info.basis}的规定，本机关决定予以公开。`), ...paragraphs(g.model.content.body), ...provision(g)],
  partial: (g) => [
    p(`经审查，${g.you}申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据${g.info.basis}的规定，本机关决定部分公开：向${g.you}提供可以公开的内容，下列内容不予公开：`),
    { kind: 'list', items: (g.model.content.redactions ?? []).map((r, i) => `${i + 1}. ${r.part}（理由：${r.reason}）`) },
    ...paragraphs(g.model.content.body),
    ...provision(g),
  ],
  refused: (g) => [p(`经审查，${g.you}申请获取的政府信息${REFUSAL_REASONS[g.model.outcome] ?? g.info.label}。根据${g.info.basis}的规定，本机关决定不予公开。`), ...paragraphs(g.model.content.body)],
  unavailable: (g) => {
    const model = g.model;
    switch (model.outcome) {
      case 'unavailable_not_held': {
        const other = model.content.otherAgency?.trim();
        return [
          p(`经检索，本机关未制作、获取${g.you}申请的政府信息。根据${g.info.basis}的规定，现告知${g.you}：本机关不掌握该政府信息。`),
          ...paragraphs(model.content.body),
          p(other ? `经确定，负责公开该政府信息的行政机关为${other}，${g.you}可以向其提出申请。` : `本机关无法确定负责公开该政府信息的行政机关。`),
        ];
      }
      case 'unavailable_needs_creation':
        return [p(`经审查，${g.you}申请获取的信息本机关没有现成信息，需要另行制作或者对现有政府信息进行加工、分析。根据${g.info.basis}的规定，本机关无法提供。`), ...paragraphs(model.content.body)];
      default:
        return [p(`经审查，${g.you}补正后的申请内容仍不明确，本机关无法确定${g.you}所需的政府信息。根据${g.info.basis}的规定，本机关无法提供。`), ...paragraphs(model.content.body)];
    }
  },
  not_processed: (g) => [p(`经审查，${g.you}的申请属于“${g.info.label}”的情形。根据${g.info.basis}的规定，本机关不作为政府信息公开申请处理。`), ...paragraphs(g.model.content.body)],
  other: (g) => {
    const model = g.model;
    const decision =
      model.outcome === 'other_no_supplement'
        ? `${g.you}未在本机关告知的期限内补正申请内容，视为放弃申请。根据${g.info.basis}的规定，本机关不再处理该政府信息公开申请。`
        : model.outcome === 'other_unpaid'
          ? `${g.you}未在收费通知规定的期限内缴纳信息处理费，视为放弃申请。根据${g.info.basis}的规定，本机关不再处理该政府信息公开申请。`
          : `根据${g.info.basis}的规定，本机关对${g.you}的申请作如下处理：`;
    return [p(decision), ...paragraphs(model.content.body)];
  },
};

/** The whole letter of `model`. */
export function letterDocument(model: LetterModel): LetterDocument {
  const info: DisclosureOutcomeInfo = DISCLOSURE_OUTCOMES[model.outcome];
  const you = model.applicantType === 'organization' ? '贵单位' : '您';
  const received = model.receivedDate ? chineseDate(model.receivedDate) : '';
  const opening = `本机关于${received}收到${you}提出的政府信息公开申请（申请编号：${model.trackingNo}），申请获取“${model.description.trim()}”。现答复如下：`;
  return {
    title: LETTER_TITLE,
    numberLine: model.number ?? DRAFT_NUMBER_LINE,
    draft: model.draft,
    salutation: `${model.applicantName}：`,
    blocks: [p(opening), ...GROUP_TEMPLATES[info.group]({ model, info, you }), p(remediesLine(model.reconsiderationBody, model.court)), p('特此答复。')],
    agency: model.agency,
    dateLine: chineseDate(model.date),
    contactLine: `联系方式：${model.contact}`,
  };
}
