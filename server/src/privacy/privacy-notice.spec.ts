import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPrivacyNotice, DEFAULT_RETENTION_DAYS, PRIVACY_APIS, PRIVACY_NOTICE } from '@gongkai/shared';

const SETTINGS = { controller: '昌乐县教育局', contact: '县教育局办公室', retentionDays: DEFAULT_RETENTION_DAYS };

describe('the privacy notice', () => {
  it('changes its text only together with a new version (parents are asked again only when the version moves)', () => {
    const text = JSON.stringify(buildPrivacyNotice(SETTINGS));
    const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
    // When this fails because the notice was edited on purpose: set PRIVACY_NOTICE.version (and
    // effectiveDate) in shared/src/privacy/consents.ts to the new date (or the date and a counter when it changes twice in a day), then put the new digest here.
    expect({ version: PRIVACY_NOTICE.version, digest }).toEqual({ version: '2026-12-06.3', digest: '9d2ec8968e6c7aa5' });
  });

  it('fills in the configured retention periods and the controller', () => {
    const notice = buildPrivacyNotice({ ...SETTINGS, retentionDays: { ...DEFAULT_RETENTION_DAYS, inquiry_phone: 30 } });
    const phone = notice.items.find((i) => i.kind === 'phone')!;
    expect(phone.retention).toBe('办结后 30 天删除；账号注销时删除');
    expect(notice.sections[0]!.paragraphs[0]).toBe('本政策中的个人信息处理者是昌乐县教育局。个人信息保护事务联系方式：县教育局办公室。');
    expect(notice.apis.map((a) => a.api)).toEqual(['wx.chooseMedia', 'wx.chooseImage']);
  });

  it('is what the README tells the administrator to declare in the WeChat console', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const table = readme.split('<!-- privacy-apis:start -->')[1]!.split('<!-- privacy-apis:end -->')[0]!;
    const rows = table
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/^`|`$/g, '')));
    expect(rows).toEqual(PRIVACY_APIS.map((a) => [a.api, a.declaration, a.purpose, a.usedIn]));
  });
});
