import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import * as auth from '../../src/api/auth';
import * as catalog from '../../src/api/catalog';
import * as staff from '../../src/api/staff';
import { ApiError } from '../../src/api/errors';
import { saveToken } from '../../src/api/tokens';
import StaffCompose from '../../src/packages/staff/pages/compose/index';
import StaffReview from '../../src/packages/staff/pages/review/index';
import StaffReviewQueue from '../../src/packages/staff/pages/review-queue/index';
import StaffHome from '../../src/packages/staff/pages/home/index';
import StaffNotices from '../../src/packages/staff/pages/notices/index';
import { blocksToHtml, htmlToBlocks, newBlock } from '../../src/packages/staff/utils/blocks';
import { formatWaiting, shanghaiIso } from '../../src/packages/staff/utils/time';
import { aStaffMe, aStaffNotice } from '../fixtures';
import { taroMock } from '../mocks/taro';

jest.mock('../../src/api/staff');
jest.mock('../../src/api/catalog');
jest.mock('../../src/api/auth', () => ({ ...jest.requireActual('../../src/api/auth'), getStaffMe: jest.fn() }));
const api = jest.mocked(staff);
const cat = jest.mocked(catalog);
const me = jest.mocked(auth).getStaffMe;

const CATEGORIES = [
  { id: 1, code: 'ZSKS', name: '招生考试', description: '', sortOrder: 1 },
  { id: 2, code: 'JCJY', name: '基础教育', description: '', sortOrder: 2 },
];
const TOPICS = [{ id: 1, code: 'zhongkao', name: '中考', description: '', sortOrder: 1 }];
const UNITS = [{ id: 3, code: '11370725004410363H', name: '基础教育科', kind: 'bureau_office' as const, sortOrder: 1 }];
const FUTURE = '2099-01-01T00:00:00.000Z';

beforeEach(() => {
  for (const m of [api, cat]) Object.values(m).forEach((fn) => typeof fn === 'function' && 'mockReset' in fn && (fn as jest.Mock).mockReset());
  me.mockReset();
  cat.listCategories.mockResolvedValue(CATEGORIES);
  cat.listTopics.mockResolvedValue(TOPICS);
  cat.listUnits.mockResolvedValue(UNITS);
  saveToken('staff', { token: 's', expiresAt: FUTURE });
});

const click = async (el: Element | null) => {
  if (!el) throw new Error('no element to click');
  await act(async () => {
    fireEvent.click(el);
  });
};
const typeInto = (el: Element | null, value: string) => {
  if (!el) throw new Error('no element to type into');
  fireEvent.input(el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' ? el : el.querySelector('input, textarea')!, { target: { value } });
};

describe('body blocks', () => {
  it('serialise to the allowed HTML: headings, paragraphs with **bold**, one list, pictures and links; escaping the rest', () => {
    const html = blocksToHtml([
      newBlock('h3', '一、招生范围'),
      newBlock('p', '城区**8所**小学 <script>'),
      newBlock('li', '北城小学'),
      newBlock('li', '南城小学'),
      newBlock('p', '   '),
      newBlock('img', '划片图', 'https://example.gov.cn/a.png'),
      newBlock('link', '报名入口', 'https://example.gov.cn/bm'),
      newBlock('link', '坏链接', 'javascript:alert(1)'),
    ]);
    expect(html).toBe(
      '<h3>一、招生范围</h3><p>城区<strong>8所</strong>小学 &lt;script&gt;</p><ul><li>北城小学</li><li>南城小学</li></ul>' +
        '<p><img src="https://example.gov.cn/a.png" alt="划片图"></p><p><a href="https://example.gov.cn/bm">报名入口</a></p>',
    );
    // …and read back for editing.
    expect(htmlToBlocks(html).map((b) => [b.kind, b.text, b.url])).toEqual([
      ['h3', '一、招生范围', ''],
      ['p', '城区**8所**小学 <script>', ''],
      ['li', '北城小学', ''],
      ['li', '南城小学', ''],
      ['img', '划片图', 'https://example.gov.cn/a.png'],
      ['link', '报名入口', 'https://example.gov.cn/bm'],
    ]);
  });

  it('formats waiting times and Shanghai publish times', () => {
    expect(formatWaiting(30)).toBe('不到1分钟');
    expect(formatWaiting(5 * 60)).toBe('5分钟');
    expect(formatWaiting(2 * 3600 + 5)).toBe('2小时');
    expect(formatWaiting(3 * 86400 + 7200)).toBe('3天');
    expect(shanghaiIso('2026-12-01', '09:30')).toBe('2026-12-01T09:30:00+08:00');
    expect(shanghaiIso('2026-12-01', '')).toBeNull();
  });
});

describe('compose', () => {
  it('saves the blocks as allowed HTML, then submits with the saved version', async () => {
    me.mockResolvedValue(aStaffMe(1, ['editor']));
    api.createNotice.mockImplementation(async (input) => aStaffNotice(7, { ...input, topicCodes: input.topicCodes ?? [], version: 1 } as never));
    api.submitNotice.mockResolvedValue(aStaffNotice(7, { status: 'unit_review', version: 2, round: 1 }));
    const { container } = render(<StaffCompose />);
    await waitFor(() => expect(container.querySelector('.e2e-compose-title')).not.toBeNull());

    typeInto(container.querySelector('.e2e-compose-title'), '  2026年招生通知 ');
    await click(container.querySelector('.e2e-category-option-ZSKS'));
    await click(container.querySelector('.e2e-topic-option-zhongkao'));
    await click(container.querySelector('.e2e-infotype-option-policy'));
    typeInto(container.querySelector('.e2e-compose-summary'), '摘要');
    typeInto(container.querySelectorAll('.e2e-compose-block-text')[0]!, '第一段**重点**');
    await click(container.querySelector('.e2e-compose-add-h3'));
    typeInto(container.querySelectorAll('.e2e-compose-block-text')[1]!, '二、时间');
    await click(container.querySelectorAll('.e2e-compose-block-up')[1]!);
    await click(container.querySelector('.e2e-compose-add-li'));
    typeInto(container.querySelectorAll('.e2e-compose-block-text')[2]!, '报名');
    await click(container.querySelector('.e2e-compose-add-attachment'));
    typeInto(container.querySelector('.e2e-compose-attachment-name'), '附件1.pdf');
    typeInto(container.querySelector('.e2e-compose-attachment-url'), '/uploads/a.pdf');

    await click(container.querySelector('.e2e-compose-submit'));
    expect(api.createNotice).toHaveBeenCalledWith({
      title: '2026年招生通知',
      categoryCode: 'ZSKS',
      topicCodes: ['zhongkao'],
      documentNo: null,
      infoType: 'policy',
      normative: false,
      normativeIssuedOn: null,
      normativeRepealedOn: null,
      summary: '摘要',
      bodyHtml: '<h3>二、时间</h3><p>第一段<strong>重点</strong></p><ul><li>报名</li></ul>',
      attachments: [{ name: '附件1.pdf', url: '/uploads/a.pdf', size: 0 }],
    });
    expect(api.submitNotice).toHaveBeenCalledWith(7, 1);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已提交审核', icon: 'success' });
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/review/index?id=7' });
  });

  it('edits a returned notice with PUT and its version; shows the server refusal next to the field', async () => {
    taroMock.setRouterParams({ id: '9' });
    me.mockResolvedValue(aStaffMe(1, ['editor']));
    api.getStaffNotice.mockResolvedValue(aStaffNotice(9, { status: 'returned', version: 4, round: 1, bodyHtml: '<p>旧的<b>正文</b></p>' }));
    api.updateNotice.mockRejectedValueOnce(
      new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: '请检查填写内容', details: [{ field: 'title', message: '标题不能超过200字' }] }),
    );
    const { container } = render(<StaffCompose />);
    await waitFor(() => expect(container.querySelector('.e2e-compose-returned')).not.toBeNull());
    expect((container.querySelector('.e2e-compose-block-text') as HTMLTextAreaElement).value).toBe('旧的**正文**');
    await click(container.querySelector('.e2e-compose-save'));
    expect(api.updateNotice).toHaveBeenCalledWith(9, expect.objectContaining({ version: 4, bodyHtml: '<p>旧的<strong>正文</strong></p>', title: '稿件 9' }));
    expect(container.querySelector('.e2e-field-error')?.textContent).toBe('标题不能超过200字');
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '请检查填写内容', icon: 'none' });
  });

  it('says what is missing before asking the server', async () => {
    me.mockResolvedValue(aStaffMe(1, ['editor']));
    const { container } = render(<StaffCompose />);
    await waitFor(() => expect(container.querySelector('.e2e-compose-save')).not.toBeNull());
    await click(container.querySelector('.e2e-compose-save'));
    expect(api.createNotice).not.toHaveBeenCalled();
    expect(Array.from(container.querySelectorAll('.e2e-field-error')).map((e) => e.textContent)).toEqual(['请填写标题', '请选择分类', '请选择信息类别', '请填写正文']);
  });
});

describe('review', () => {
  beforeEach(() => {
    taroMock.setRouterParams({ id: '7' });
    api.listReviewLog.mockResolvedValue([]);
    api.getRoundChanges.mockResolvedValue(null);
  });

  it('offers a unit head approve and return, and needs an opinion to return', async () => {
    api.getStaffNotice.mockResolvedValue(aStaffNotice(7, { status: 'unit_review', version: 2, round: 1, actions: ['approve', 'return'] }));
    api.reviewNotice.mockResolvedValue(aStaffNotice(7, { status: 'returned', version: 3, round: 1 }));
    const { container } = render(<StaffReview />);
    await waitFor(() => expect(container.querySelector('.e2e-review-approve')).not.toBeNull());
    expect(container.querySelector('.e2e-review-status')?.textContent).toBe('科室审核中');
    expect(container.querySelector('.e2e-review-return')).not.toBeNull();
    for (const absent of ['.e2e-secrecy', '.e2e-publish-now', '.e2e-publish-at', '.e2e-withdraw', '.e2e-review-edit']) {
      expect(container.querySelector(absent)).toBeNull();
    }

    await click(container.querySelector('.e2e-review-return'));
    expect(api.reviewNotice).not.toHaveBeenCalled();
    expect(container.querySelector('.e2e-review-opinion-error')?.textContent).toBe('退回须填写意见');

    typeInto(container.querySelector('.e2e-review-opinion'), '请补充报名时间');
    await click(container.querySelector('.e2e-review-return'));
    expect(api.reviewNotice).toHaveBeenCalledWith(7, { action: 'return', version: 2, opinion: '请补充报名时间' });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已处理', icon: 'success' });
    await waitFor(() => expect(api.getStaffNotice).toHaveBeenCalledTimes(2));
  });

  it('shows no review buttons when the server lists none, and on one’s own notice the server’s reason instead', async () => {
    api.getStaffNotice.mockResolvedValue(aStaffNotice(7, { status: 'unit_review' }));
    const first = render(<StaffReview />);
    await waitFor(() => expect(first.container.querySelector('.e2e-review-status')).not.toBeNull());
    expect(first.container.querySelector('.e2e-review-actions')).toBeNull();
    first.unmount();

    const own = '不能审核、发布或撤回自己撰写的信息';
    api.getStaffNotice.mockResolvedValue(
      aStaffNotice(7, {
        status: 'unit_review',
        refusals: [
          { action: 'approve', code: 'OWN_NOTICE', message: own },
          { action: 'return', code: 'OWN_NOTICE', message: own },
        ],
      }),
    );
    const mine = render(<StaffReview />);
    await waitFor(() => expect(mine.container.querySelector('.e2e-review-own')).not.toBeNull());
    // Once, though it holds back both buttons.
    expect(Array.from(mine.container.querySelectorAll('.e2e-review-refusal')).map((e) => e.textContent)).toEqual([own]);
    expect(mine.container.querySelector('.e2e-review-approve')).toBeNull();
    expect(mine.container.querySelector('.e2e-review-return')).toBeNull();
    expect(mine.container.querySelector('.e2e-review-opinion')).toBeNull();
  });

  it('shows exactly the buttons the server lists, whatever the roles would suggest', async () => {
    me.mockResolvedValue(aStaffMe(5, ['publisher']));
    api.getStaffNotice.mockResolvedValue(aStaffNotice(7, { status: 'scheduled', version: 6, round: 1, actions: ['unschedule'] }));
    const { container } = render(<StaffReview />);
    await waitFor(() => expect(container.querySelector('.e2e-unschedule')).not.toBeNull());
    for (const absent of ['.e2e-publish-now', '.e2e-publish-at', '.e2e-withdraw', '.e2e-review-push', '.e2e-review-edit']) {
      expect(container.querySelector(absent)).toBeNull();
    }
    api.unscheduleNotice.mockResolvedValue(aStaffNotice(7, { status: 'approved', version: 7 }));
    await click(container.querySelector('.e2e-unschedule'));
    expect(api.unscheduleNotice).toHaveBeenCalledWith(7, 6);
  });

  it('offers no second step of a round to one account, nor approval to one who edited the round, and says why', async () => {
    const twiceMessage = '您已在本轮办理过“科室负责人审核”，同一人不能办理同一轮的两个环节';
    api.getStaffNotice.mockResolvedValue(
      aStaffNotice(7, {
        status: 'secrecy_review',
        version: 3,
        round: 1,
        refusals: [
          { action: 'approve', code: 'FOUR_EYES', message: twiceMessage },
          { action: 'return', code: 'FOUR_EYES', message: twiceMessage },
        ],
      }),
    );
    const twice = render(<StaffReview />);
    await waitFor(() => expect(twice.container.querySelector('.e2e-review-four-eyes')).not.toBeNull());
    expect(twice.container.querySelector('.e2e-review-four-eyes')?.textContent).toBe('您已在本轮办理过“科室负责人审核”，同一人不能办理同一轮的两个环节');
    expect(twice.container.querySelector('.e2e-review-approve')).toBeNull();
    expect(twice.container.querySelector('.e2e-secrecy')).toBeNull();
    twice.unmount();

    api.getStaffNotice.mockResolvedValue(
      aStaffNotice(7, {
        status: 'unit_review',
        version: 3,
        round: 1,
        editorIds: [1, 9],
        actions: ['return'],
        refusals: [{ action: 'approve', code: 'FOUR_EYES', message: '您修改过本轮送审的标题或正文，不能审核通过或发布本轮' }],
      }),
    );
    const edited = render(<StaffReview />);
    await waitFor(() => expect(edited.container.querySelector('.e2e-review-four-eyes')).not.toBeNull());
    expect(edited.container.querySelector('.e2e-review-four-eyes')?.textContent).toBe('您修改过本轮送审的标题或正文，不能审核通过或发布本轮');
    expect(edited.container.querySelector('.e2e-review-approve')).toBeNull();
    expect(edited.container.querySelector('.e2e-review-return')).not.toBeNull();
  });

  it('requires the secrecy decision to approve at secrecy_review, with a legal ground for 不予公开', async () => {
    api.getStaffNotice.mockResolvedValue(aStaffNotice(7, { status: 'secrecy_review', version: 3, round: 1, actions: ['approve', 'return'] }));
    api.reviewNotice.mockResolvedValue(aStaffNotice(7, { status: 'leader_approval', version: 4, round: 1 }));
    const { container } = render(<StaffReview />);
    await waitFor(() => expect(container.querySelector('.e2e-secrecy')).not.toBeNull());

    await click(container.querySelector('.e2e-review-approve'));
    expect(api.reviewNotice).not.toHaveBeenCalled();
    expect(container.querySelector('.e2e-secrecy-error')?.textContent).toBe('请选择公开属性');

    await click(container.querySelector('.e2e-secrecy-disclosure-withheld'));
    await click(container.querySelector('.e2e-review-approve'));
    expect(api.reviewNotice).not.toHaveBeenCalled();
    expect(container.querySelector('.e2e-secrecy-error')?.textContent).toBe('不予公开须说明理由');

    await click(container.querySelector('.e2e-secrecy-publishable'));
    await click(container.querySelector('.e2e-secrecy-reason .e2e-withhold-reason-0'));
    await click(container.querySelector('.e2e-review-approve'));
    expect(api.reviewNotice).toHaveBeenCalledWith(7, {
      action: 'approve',
      version: 3,
      secrecy: { publishable: false, disclosure: 'withheld', disclosureReason: '国家秘密' },
    });
  });

  it('shows what changed since the last round and the log', async () => {
    api.getStaffNotice.mockResolvedValue(aStaffNotice(7, { status: 'unit_review', round: 2, actions: ['approve', 'return'] }));
    api.getRoundChanges.mockResolvedValue({
      fromRound: 1,
      toRound: 2,
      title: [{ type: 'same', text: '稿件 7' }],
      body: [
        { type: 'same', text: '报名时间：' },
        { type: 'removed', text: '7月1日' },
        { type: 'added', text: '7月3日' },
      ],
    });
    api.listReviewLog.mockResolvedValue([
      { id: 1, round: 1, fromStatus: 'draft', toStatus: 'unit_review', action: 'submit', actorId: 1, actorName: '演示编辑', role: 'author', opinion: null, secrecy: null, correctionId: null, publishAt: null, createdAt: '2026-03-01T01:00:00.000Z' },
      { id: 2, round: 1, fromStatus: 'unit_review', toStatus: 'returned', action: 'return', actorId: 2, actorName: '演示科长', role: 'unit_head', opinion: '日期有误', secrecy: null, correctionId: null, publishAt: null, createdAt: '2026-03-01T02:30:00.000Z' },
    ]);
    const { container } = render(<StaffReview />);
    await waitFor(() => expect(container.querySelector('.e2e-review-changes')).not.toBeNull());
    expect(api.getRoundChanges).toHaveBeenCalledWith('7');
    expect(container.querySelector('.e2e-review-changes .e2e-diff-removed')?.textContent).toBe('7月1日');
    expect(container.querySelector('.e2e-review-changes .e2e-diff-added')?.textContent).toBe('7月3日');
    const items = container.querySelectorAll('.e2e-review-log-item');
    expect(items).toHaveLength(2);
    expect(items[1]?.textContent).toContain('科室负责人审核');
    expect(items[1]?.textContent).toContain('退回修改');
    expect(items[1]?.textContent).toContain('演示科长（科室负责人）');
    expect(items[1]?.textContent).toContain('意见：日期有误');
    expect(items[1]?.textContent).toContain('2026-03-01 10:30');
  });

  it('lets the publisher publish now or at a Shanghai time, and a leader withdraw with a reason', async () => {
    api.getStaffNotice.mockResolvedValue(aStaffNotice(7, { status: 'approved', version: 5, round: 1, actions: ['publish', 'schedule'] }));
    api.registerNotice.mockResolvedValue(aStaffNotice(7, { status: 'scheduled', version: 6 }));
    const { container, unmount } = render(<StaffReview />);
    await waitFor(() => expect(container.querySelector('.e2e-publish-now')).not.toBeNull());
    expect(container.querySelector('.e2e-review-approve')).toBeNull();
    expect(container.querySelector('.e2e-unschedule')).toBeNull();
    fireEvent.change(container.querySelector('.e2e-publish-date')!, { target: { value: '2099-12-01' } });
    fireEvent.change(container.querySelector('.e2e-publish-time')!, { target: { value: '09:30' } });
    await click(container.querySelector('.e2e-publish-at'));
    expect(api.registerNotice).toHaveBeenCalledWith(7, { version: 5, publishAt: '2099-12-01T09:30:00+08:00' });
    unmount();

    api.getStaffNotice.mockResolvedValue(aStaffNotice(7, { status: 'published', version: 8, round: 1, publishedAt: '2026-03-02T00:00:00.000Z', actions: ['withdraw'] }));
    api.withdrawNotice.mockResolvedValue(aStaffNotice(7, { status: 'withdrawn', version: 9 }));
    const second = render(<StaffReview />);
    await waitFor(() => expect(second.container.querySelector('.e2e-withdraw')).not.toBeNull());
    expect(second.container.querySelector('.e2e-publish-now')).toBeNull();
    await click(second.container.querySelector('.e2e-withdraw'));
    expect(api.withdrawNotice).not.toHaveBeenCalled();
    typeInto(second.container.querySelector('.e2e-withdraw-reason'), '信息有误');
    await click(second.container.querySelector('.e2e-withdraw'));
    expect(api.withdrawNotice).toHaveBeenCalledWith(7, { version: 8, reason: '信息有误' });
  });

  it('shows the server refusal as a toast', async () => {
    api.getStaffNotice.mockResolvedValue(aStaffNotice(7, { status: 'unit_review', version: 2, actions: ['approve', 'return'] }));
    api.reviewNotice.mockRejectedValue(new ApiError({ statusCode: 409, code: 'CONFLICT', message: '稿件已被他人修改，请刷新后重试' }));
    const { container } = render(<StaffReview />);
    await waitFor(() => expect(container.querySelector('.e2e-review-approve')).not.toBeNull());
    await click(container.querySelector('.e2e-review-approve'));
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '稿件已被他人修改，请刷新后重试', icon: 'none' });
  });
});

describe('queue, drafts and home', () => {
  it('lists what waits oldest first with its waiting time', async () => {
    const base = { title: '', unitCode: 'u', unitName: '基础教育科', categoryCode: 'ZSKS', authorName: '演示编辑', status: 'unit_review' as const, step: 'unit_review' as const, round: 1, correctionId: null, version: 2, waitingSince: FUTURE };
    api.listPendingReviews.mockResolvedValue([
      { ...base, noticeId: 1, title: '新的', waitingSeconds: 2 * 3600 },
      { ...base, noticeId: 2, title: '旧的', waitingSeconds: 3 * 86400, round: 2 },
    ]);
    const { container } = render(<StaffReviewQueue />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-queue-item')).toHaveLength(2));
    const items = Array.from(container.querySelectorAll('.e2e-queue-item'));
    expect(items.map((i) => i.getAttribute('data-id'))).toEqual(['2', '1']);
    expect(items.map((i) => i.querySelector('.e2e-queue-waiting')?.textContent)).toEqual(['等待 3天', '等待 2小时']);
    expect(items[0]?.textContent).toContain('科室负责人审核');
    await click(items[0]!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/review/index?id=2' });
  });

  it('lists my notices by status tab; a draft opens the editor, others the review page', async () => {
    api.listStaffNotices.mockImplementation(async (q) => ({
      items: q?.status === 'draft' ? [aStaffNotice(3)] : [aStaffNotice(4, { status: 'unit_review', round: 1 })],
      nextCursor: null,
    }));
    const { container } = render(<StaffNotices />);
    await waitFor(() => expect(container.querySelector('.e2e-draft-item')).not.toBeNull());
    expect(api.listStaffNotices).toHaveBeenCalledWith({ status: 'draft', cursor: undefined, limit: 20 });
    await click(container.querySelector('.e2e-draft-item'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/compose/index?id=3' });
    await click(container.querySelector('.e2e-drafts-tab-unit_review'));
    await waitFor(() => expect(container.querySelector('.e2e-draft-item')?.getAttribute('data-id')).toBe('4'));
    await click(container.querySelector('.e2e-draft-item'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/review/index?id=4' });
  });

  it('staff home offers the entries the permissions table gives the roles', async () => {
    // A leader: no 写信息 (notice.draft), no 咨询办理 (inquiry.handle), but reply review (inquiry.reviewReply).
    me.mockResolvedValue(aStaffMe(4, ['leader']));
    api.getReviewCounts.mockResolvedValue({ unit_review: 0, secrecy_review: 0, leader_approval: 1, approved: 0, scheduled: 0, returned: 0 });
    api.listPendingReviews.mockResolvedValue([]);
    const leader = render(<StaffHome />);
    await waitFor(() => expect(leader.container.querySelector('.e2e-staff-name')).not.toBeNull());
    expect(leader.container.querySelector('.e2e-staff-compose-link')).toBeNull();
    expect(leader.container.querySelector('.e2e-staff-inquiries-link')).toBeNull();
    expect(leader.container.querySelector('.e2e-staff-reply-review-link')).not.toBeNull();
    leader.unmount();

    me.mockResolvedValue(aStaffMe(6, ['admin']));
    const admin = render(<StaffHome />);
    await waitFor(() => expect(admin.container.querySelector('.e2e-staff-name')).not.toBeNull());
    expect(admin.container.querySelector('.e2e-staff-compose-link')).not.toBeNull();
    expect(admin.container.querySelector('.e2e-staff-inquiries-link')).not.toBeNull();
    expect(admin.container.querySelector('.e2e-staff-reply-review-link')).toBeNull();
  });

  it('staff home shows the counts per step and the work entries', async () => {
    me.mockResolvedValue(aStaffMe(2, ['unit_head', 'editor']));
    api.getReviewCounts.mockResolvedValue({ unit_review: 3, secrecy_review: 1, leader_approval: 0, approved: 2, scheduled: 0, returned: 1 });
    api.listPendingReviews.mockResolvedValue([]);
    const { container } = render(<StaffHome />);
    await waitFor(() => expect(container.querySelector('.e2e-staff-count-unit_review')).not.toBeNull());
    expect(container.querySelector('.e2e-staff-count-unit_review')?.textContent).toBe('3科室负责人审核');
    expect(container.querySelector('.e2e-staff-queue-count')?.textContent).toBe('0');
    await click(container.querySelector('.e2e-staff-queue-link'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/review-queue/index' });
    await click(container.querySelector('.e2e-staff-compose-link'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/compose/index' });
    await click(container.querySelector('.e2e-staff-drafts-link'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/notices/index' });
  });
});

