import type {
  BriefingInput,
  BriefingKind,
  BriefingView,
  HotTopicChannel,
  HotTopicInput,
  HotTopicView,
  ProposalInput,
  ProposalKind,
  ProposalRole,
  ProposalSatisfaction,
  ProposalView,
  RecordLink,
  RecordLinkView,
} from '@gongkai/shared';

/**
 * The 年报资料 forms' drafts (strings as typed) and the inputs the server gets. Only what the page
 * cannot send at all is checked here (a notice id that is not a number); every other rule (dates,
 * lengths, the choices) is the server's, whose messages the form shows under each field.
 */

export type LinkKind = 'none' | 'notice' | 'url';
export interface LinkDraft {
  linkKind: LinkKind;
  noticeId: string;
  url: string;
}
export interface HotTopicDraft extends LinkDraft {
  date: string;
  subject: string;
  channel: HotTopicChannel | '';
}
export interface BriefingDraft extends LinkDraft {
  date: string;
  kind: BriefingKind | '';
  subject: string;
  speakers: string;
}
export interface ProposalDraft {
  kind: ProposalKind | '';
  number: string;
  title: string;
  role: ProposalRole | '';
  partners: string;
  replyDate: string;
  satisfaction: ProposalSatisfaction | '';
}

export type DraftResult<I, D> = { input: I } | { errors: Partial<Record<keyof D & string, string>> };

export const HOT_TOPIC_FIELDS = ['date', 'subject', 'channel', 'noticeId', 'url'] as const;
export const BRIEFING_FIELDS = ['date', 'kind', 'subject', 'speakers', 'noticeId', 'url'] as const;
export const PROPOSAL_FIELDS = ['kind', 'number', 'title', 'role', 'partners', 'replyDate', 'satisfaction'] as const;

const NO_LINK: LinkDraft = { linkKind: 'none', noticeId: '', url: '' };

export function linkDraft(link: RecordLinkView): LinkDraft {
  if (link.noticeId !== null) return { linkKind: 'notice', noticeId: String(link.noticeId), url: '' };
  if (link.url) return { linkKind: 'url', noticeId: '', url: link.url };
  return { ...NO_LINK };
}

/** The link as sent: at most one of the two; the other null. */
export function linkInput(draft: LinkDraft): { link: Required<RecordLink> } | { error: string } {
  if (draft.linkKind === 'notice') {
    const id = draft.noticeId.trim();
    if (!/^[1-9]\d{0,11}$/.test(id)) return { error: '请填写本局信息的编号（数字，见信息详情页地址中的 id）' };
    return { link: { noticeId: Number(id), url: null } };
  }
  if (draft.linkKind === 'url') return { link: { noticeId: null, url: draft.url.trim() } };
  return { link: { noticeId: null, url: null } };
}

/** What a link reads as in a list: the notice's title, else the address. */
export function linkText(link: RecordLinkView): string | null {
  if (link.noticeId !== null) return link.noticeTitle ?? `信息 #${link.noticeId}（已不可见）`;
  return link.url;
}

export function blankHotTopic(date: string): HotTopicDraft {
  return { date, subject: '', channel: '', ...NO_LINK };
}
export function hotTopicDraft(v: HotTopicView): HotTopicDraft {
  return { date: v.date, subject: v.subject, channel: v.channel, ...linkDraft(v.link) };
}
export function hotTopicInput(d: HotTopicDraft): DraftResult<HotTopicInput, HotTopicDraft> {
  const link = linkInput(d);
  if ('error' in link) return { errors: { noticeId: link.error } };
  return { input: { date: d.date, subject: d.subject.trim(), channel: d.channel as HotTopicChannel, ...link.link } };
}

export function blankBriefing(date: string): BriefingDraft {
  return { date, kind: '', subject: '', speakers: '', ...NO_LINK };
}
export function briefingDraft(v: BriefingView): BriefingDraft {
  return { date: v.date, kind: v.kind, subject: v.subject, speakers: v.speakers, ...linkDraft(v.link) };
}
export function briefingInput(d: BriefingDraft): DraftResult<BriefingInput, BriefingDraft> {
  const link = linkInput(d);
  if ('error' in link) return { errors: { noticeId: link.error } };
  return { input: { date: d.date, kind: d.kind as BriefingKind, subject: d.subject.trim(), speakers: d.speakers.trim(), ...link.link } };
}

export function blankProposal(): ProposalDraft {
  return { kind: '', number: '', title: '', role: '', partners: '', replyDate: '', satisfaction: '' };
}
export function proposalDraft(v: ProposalView): ProposalDraft {
  return { kind: v.kind, number: v.number, title: v.title, role: v.role, partners: v.partners ?? '', replyDate: v.replyDate ?? '', satisfaction: v.satisfaction ?? '' };
}
/** A proposal counts in the session year it was filed in: the year of the list it is added to. */
export function proposalInput(d: ProposalDraft, year: number): DraftResult<ProposalInput, ProposalDraft> {
  return {
    input: {
      year,
      kind: d.kind as ProposalKind,
      number: d.number.trim(),
      title: d.title.trim(),
      role: d.role as ProposalRole,
      partners: d.partners.trim() || null,
      replyDate: d.replyDate || null,
      satisfaction: d.satisfaction || null,
    },
  };
}

/** A new record's date on a year's list: today when that is the year shown, else left to choose. */
export function defaultRecordDate(year: number, today: string): string {
  return today.startsWith(`${year}-`) ? today : '';
}
