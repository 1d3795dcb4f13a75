import type { DisclosureAttribute, InfoType, UnitKind } from '@gongkai/shared';

/** Shapes of the embedded demo's data (demo-bureau.ts); the seeder turns them into rows. */
export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
}

export interface DemoNotice {
  title: string;
  /** One of the ten category codes in @gongkai/shared CATEGORY_SEEDS. */
  categoryCode: string;
  /** Topic codes from TOPIC_SEEDS. */
  topicCodes: string[];
  /** A DemoUnit code. */
  unitCode: string;
  documentNo: string | null;
  infoType: InfoType;
  disclosure: DisclosureAttribute;
  disclosureReason: string | null;
  normative: boolean;
  /** YYYY-MM-DD */
  normativeIssuedOn: string | null;
  summary: string;
  /** Simple HTML: <h3>, <p>, <strong>, <ul>/<ol>/<li>, <table>. */
  bodyHtml: string;
  attachments: { name: string; url: string; size: number }[];
  /** 'published' notices get an index number and this time; drafts stay drafts. */
  status: 'published' | 'draft';
  /** Days before the seeding moment the notice was published (0–700). */
  publishedDaysAgo: number;
}

/** A notice the demo leaves part-way through the review chain, so the review queues are not empty. */
export type DemoReviewNotice = Omit<DemoNotice, 'status' | 'publishedDaysAgo'> & {
  /** Where it waits: 科室审核, 保密审查, or approved and waiting for 信息发布中心. */
  reviewStatus: 'unit_review' | 'secrecy_review' | 'approved';
  /** Hours before the seeding moment it was submitted; each later step came a few hours after. */
  submittedHoursAgo: number;
};
