import { PRIVACY_NOTICE, type DisclosureAttribute, type InfoType, type NoticeDraftInput, type StaffRole } from '@gongkai/shared';
import { Unit } from '../../server/src/identity/entities/unit.entity';
import { StaffAccount } from '../../server/src/identity/entities/staff-account.entity';
import { hashPassword } from '../../server/src/identity/password';
import type { FakeWechat } from '../fakes/wechat/fake-wechat';
import { ApiClient } from './api-client';
import type { TestServer } from './test-server';

export const PASSWORD = 'correct-horse-battery';

/**
 * The one thing tests create below the API: the first unit and admin account (a fresh database
 * has none, as a real installation starts). Everything else goes through the HTTP API.
 */
export async function bootstrapAdmin(server: TestServer): Promise<{ admin: ApiClient; anonymous: ApiClient; unitCode: string }> {
  const ds = server.dataSource;
  const unit = await ds.getRepository(Unit).save(Object.assign(new Unit(), { code: 'BUREAU0000000001', name: '测试县教育局', kind: 'bureau_office', sortOrder: 0 }));
  await ds.getRepository(StaffAccount).save(
    Object.assign(new StaffAccount(), { username: 'root', displayName: '测试管理员', passwordHash: await hashPassword(PASSWORD), unitId: unit.id, roles: ['admin'], active: true }),
  );
  const anonymous = new ApiClient(server.baseUrl);
  return { admin: anonymous.as(await login(anonymous, 'root')), anonymous, unitCode: unit.code };
}

export async function login(client: ApiClient, username: string, password = PASSWORD): Promise<string> {
  const res = await client.post('/auth/staff', { username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
  return res.body.token;
}

export async function aUnit(admin: ApiClient, code: string, name: string, kind: 'bureau_office' | 'school' = 'bureau_office'): Promise<string> {
  const res = await admin.post('/staff/units', { code, name, kind });
  if (res.status !== 201) throw new Error(`unit ${code}: ${res.status} ${res.text}`);
  return code;
}

/** Creates a staff account through the admin API and returns a client signed in as it. */
export async function aStaff(admin: ApiClient, username: string, unitCode: string, roles: StaffRole[]): Promise<ApiClient> {
  const res = await admin.post('/staff/accounts', { username, displayName: username, password: PASSWORD, unitCode, roles });
  if (res.status !== 201) throw new Error(`staff ${username}: ${res.status} ${res.text}`);
  return admin.as(await login(new ApiClient(admin.baseUrl), username));
}

/**
 * Signs a parent in the way the mini-program does (a wx.login code from the fake WeChat) and returns a
 * client holding the parent's token. Like the app, the parent then agrees to the privacy notice in
 * force (features refuse to collect personal data before); `agree: false` leaves that out.
 */
export async function aParent(anonymous: ApiClient, wechat: FakeWechat, user: { openid: string; unionid?: string }, options: { agree?: boolean } = {}): Promise<ApiClient> {
  const res = await anonymous.post('/auth/wechat', { code: wechat.issueCode(user) });
  if (res.status !== 200) throw new Error(`parent ${user.openid}: ${res.status} ${res.text}`);
  const parent = anonymous.as(res.body.token);
  if (options.agree !== false) await agreeToNotice(parent);
  return parent;
}

/** Agrees to the privacy notice in force, as the app's pop-up does. */
export async function agreeToNotice(parent: ApiClient, channel: 'weapp' | 'h5' | 'api' = 'weapp'): Promise<void> {
  const res = await parent.post('/parents/me/consents', { kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel });
  if (res.status !== 200) throw new Error(`privacy notice: ${res.status} ${res.text}`);
}

export class NoticeBuilder {
  private input: NoticeDraftInput = {
    title: '测试通知',
    categoryCode: 'JCJY',
    topicCodes: [],
    infoType: 'business',
    summary: '摘要',
    bodyHtml: '<p>正文内容</p>',
  };
  private publish = false;

  titled(title: string): this {
    this.input.title = title;
    return this;
  }
  inCategory(code: string): this {
    this.input.categoryCode = code;
    return this;
  }
  withTopics(...codes: string[]): this {
    this.input.topicCodes = codes;
    return this;
  }
  byUnit(code: string): this {
    this.input.unitCode = code;
    return this;
  }
  withBody(html: string): this {
    this.input.bodyHtml = html;
    return this;
  }
  ofType(type: InfoType): this {
    this.input.infoType = type;
    return this;
  }
  disclosed(attribute: DisclosureAttribute, reason: string | null = null): this {
    this.input.disclosure = attribute;
    this.input.disclosureReason = reason;
    return this;
  }
  with(fields: Partial<NoticeDraftInput>): this {
    this.input = { ...this.input, ...fields };
    return this;
  }
  published(): this {
    this.publish = true;
    return this;
  }
  build(): NoticeDraftInput {
    return { ...this.input };
  }

  /**
   * Writes it through the API as `author`. When asked to publish it, walks it through the review
   * chain as the real staff would: the author submits, then a unit head of its unit, a secrecy
   * reviewer (keeping the disclosure it was written with), a leader and a publisher, four other
   * accounts that `admin` (or the author, when it is the admin) creates once. Returns the id.
   */
  async create(author: ApiClient, admin?: ApiClient): Promise<number> {
    const res = await author.post('/staff/notices', this.build());
    if (res.status !== 201) throw new Error(`notice: ${res.status} ${res.text}`);
    if (this.publish) await publishThroughChain(author, admin ?? author, res.body);
    return res.body.id;
  }
}

/** The chain's accounts per server and admin session (and unit, for the unit head). */
const chainAccounts = new Map<string, Promise<ApiClient>>();

/** A chain account made through the admin API once (signed in if another instance's builder made it). */
function chainAccount(admin: ApiClient, username: string, unitCode: string, role: StaffRole): Promise<ApiClient> {
  const key = `${admin.baseUrl}|${admin.token}|${username}`;
  let account = chainAccounts.get(key);
  if (!account) {
    account = (async () => {
      const res = await admin.post('/staff/accounts', { username, displayName: username, password: PASSWORD, unitCode, roles: [role] });
      if (res.status !== 201 && res.body?.code !== 'USERNAME_TAKEN') throw new Error(`staff ${username}: ${res.status} ${res.text}`);
      return admin.as(await login(new ApiClient(admin.baseUrl), username));
    })();
    account.catch(() => chainAccounts.delete(key));
    chainAccounts.set(key, account);
  }
  return account;
}

async function chainStep(client: ApiClient, path: string, body: object): Promise<{ version: number }> {
  const res = await client.post(path, body);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
  return res.body;
}

/** submit → 科室负责人 → 保密审查 → 分管领导 → 登记发布, each by a different account. */
async function publishThroughChain(
  author: ApiClient,
  admin: ApiClient,
  notice: { id: number; version: number; unitCode: string; disclosure: DisclosureAttribute; disclosureReason: string | null },
): Promise<void> {
  const [head, secrecy, leader, publisher] = await Promise.all([
    chainAccount(admin, `chain-head-${notice.unitCode.toLowerCase()}`, notice.unitCode, 'unit_head'),
    chainAccount(admin, 'chain-secrecy', notice.unitCode, 'secrecy_reviewer'),
    chainAccount(admin, 'chain-leader', notice.unitCode, 'leader'),
    chainAccount(admin, 'chain-publisher', notice.unitCode, 'publisher'),
  ]);
  const base = `/staff/notices/${notice.id}`;
  let n = await chainStep(author, `${base}/submit`, { version: notice.version });
  n = await chainStep(head, `${base}/review`, { action: 'approve', version: n.version });
  const decision = { publishable: true, disclosure: notice.disclosure, disclosureReason: notice.disclosure === 'proactive' ? null : notice.disclosureReason };
  n = await chainStep(secrecy, `${base}/review`, { action: 'approve', version: n.version, secrecy: decision });
  n = await chainStep(leader, `${base}/review`, { action: 'approve', version: n.version });
  await chainStep(publisher, `${base}/registration`, { version: n.version });
}

export const aNotice = () => new NoticeBuilder();
