import type { QaItem, SearchResponse, SearchSuggestResponse } from '@gongkai/shared';
import type { FakeWechat } from '../fakes/wechat/fake-wechat';
import type { ApiClient, ApiResponse } from './api-client';
import { aParent } from './builders';
import { submitted } from './inquiry-builders';

/** `/search?q=…` as the mini-program builds it (URLSearchParams: a space travels as `+`). */
export function searchPath(q: string, options: { limit?: number; cursor?: string | null } = {}): string {
  const params = new URLSearchParams({ q });
  if (options.cursor) params.set('cursor', options.cursor);
  if (options.limit !== undefined) params.set('limit', String(options.limit));
  return `/search?${params}`;
}

/** One page of a search that must answer 200 (anything else fails the test with the answer's text). */
export async function search(client: ApiClient, q: string, options: { limit?: number; cursor?: string | null } = {}, headers: Record<string, string> = {}): Promise<SearchResponse> {
  const res = await client.get<SearchResponse>(searchPath(q, options), headers);
  if (res.status !== 200) throw new Error(`search ${JSON.stringify(q)}: ${res.status} ${res.text}`);
  return res.body;
}

/** Every page of a search, following `nextCursor` (at most 20 pages: a cursor that never ends fails). */
export async function allPages(client: ApiClient, q: string, limit?: number): Promise<SearchResponse[]> {
  const pages = [await search(client, q, { limit })];
  while (pages.at(-1)!.nextCursor) {
    if (pages.length >= 20) throw new Error(`search ${JSON.stringify(q)}: more than 20 pages`);
    pages.push(await search(client, q, { limit, cursor: pages.at(-1)!.nextCursor }));
  }
  return pages;
}

/** The notices of a page (notices and guides), in the order shown. */
export function noticeIds(page: SearchResponse): number[] {
  return page.items.flatMap((hit) => (hit.kind === 'notice' || hit.kind === 'guide' ? [hit.notice.id] : []));
}

/** The titles of a page's notices and guides, in the order shown. */
export function noticeTitles(page: SearchResponse): string[] {
  return page.items.flatMap((hit) => (hit.kind === 'notice' || hit.kind === 'guide' ? [hit.notice.title] : []));
}

/** Ids in ascending order, for sets whose order a test does not claim. */
export const sorted = (ids: number[]): number[] => [...ids].sort((x, y) => x - y);

export async function suggest(client: ApiClient, q: string): Promise<SearchSuggestResponse> {
  const res = await client.get<SearchSuggestResponse>(`/search/suggest?${new URLSearchParams({ q })}`);
  if (res.status !== 200) throw new Error(`suggest ${JSON.stringify(q)}: ${res.status} ${res.text}`);
  return res.body;
}

async function step(client: ApiClient, path: string, body: object, status = 200): Promise<any> {
  const res: ApiResponse = await client.post(path, body);
  if (res.status !== status) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.body;
}

/**
 * A public Q&A made the way it happens: a parent (signed in through the fake WeChat, `openid`)
 * asks and allows publication, `handler` (an inquiry_handler of the unit the inquiry goes to)
 * accepts and replies, then publishes the anonymous question and answer. Returns the public item.
 */
export async function aPublicQa(anonymous: ApiClient, wechat: FakeWechat, handler: ApiClient, openid: string, qa: { question: string; answer: string }): Promise<QaItem> {
  const parent = await aParent(anonymous, wechat, { openid });
  const inquiry = await submitted(parent, { allowPublish: true, subject: '家长咨询', content: qa.question });
  const path = `/staff/inquiries/${inquiry.id}`;
  const versionOf = async () => {
    const res = await handler.get(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body.version as number;
  };
  await step(handler, `${path}/accept`, { version: await versionOf() });
  await step(handler, `${path}/reply`, { version: await versionOf(), text: qa.answer });
  return step(handler, `${path}/publish-qa`, qa, 201);
}
