import { render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { StaffInquiryView } from '@gongkai/shared';
import { saveToken } from '../../src/api/tokens';
import StaffInquiry from '../../src/packages/staff/pages/inquiry/index';
import { taroMock } from '../mocks/taro';

/** The staff inquiry page through the real request layer (Taro.request is the mock). */
const requestMock = Taro.request as unknown as jest.Mock;
const FUTURE = '2099-01-01T00:00:00.000Z';

function anInquiry(over: Partial<StaffInquiryView> = {}): StaffInquiryView {
  return {
    id: 11,
    trackingNo: 'ZX20260928-0001',
    kind: 'consultation',
    subject: '孩子入学体检',
    content: '我家孩子八岁，有哮喘，体检能否缓做？',
    status: 'accepted',
    statusLabel: '办理中',
    unitName: '基础教育科',
    phone: '138****8000',
    allowPublish: false,
    photos: [],
    createdAt: '2026-09-28T02:00:00.000Z',
    deadline: { from: '2026-09-28', dueAt: '2026-10-09T23:59:59+08:00', dueDate: '2026-10-09', workingDays: 3, skipped: [], flagged: false },
    reply: null,
    rating: null,
    timeline: [],
    version: 2,
    unitCode: '11370725004410363H',
    handler: { id: 3, name: '张三' },
    pendingReply: null,
    replyReviewer: null,
    contentCheck: null,
    reopenCount: 0,
    publishedQaId: null,
    actions: [],
    overdue: false,
    involvesChild: false,
    applicantNote: null,
    ...over,
  };
}

beforeEach(() => {
  requestMock.mockReset();
  saveToken('staff', { token: 's', expiresAt: FUTURE });
  taroMock.setRouterParams({ id: '11' });
});

async function open(view: StaffInquiryView) {
  requestMock.mockImplementation(async ({ url }: { url: string }) => ({ statusCode: 200, data: url.endsWith('/staff/inquiries/11') ? view : [] }));
  const page = render(<StaffInquiry />);
  await waitFor(() => expect(page.container.querySelector('.e2e-staff-inquiry-subject')).not.toBeNull());
  return page.container;
}

describe('staff inquiry: a child’s information', () => {
  it('says above the content that it is sensitive personal information when the inquiry involves a child', async () => {
    const container = await open(anInquiry({ involvesChild: true }));
    expect(container.querySelector('.e2e-staff-inquiry-child')?.textContent).toBe(
      '敏感个人信息内容涉及未满十四周岁儿童的信息，家长已作为监护人单独同意。仅限办理本事项使用，不得外传；公开为问答时须删去。',
    );
  });

  it('says nothing of it otherwise', async () => {
    const container = await open(anInquiry());
    expect(container.querySelector('.e2e-staff-inquiry-child')).toBeNull();
    expect(container.textContent).not.toContain('敏感个人信息');
  });
});
