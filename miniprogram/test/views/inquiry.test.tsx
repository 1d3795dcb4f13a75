import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { WorkingCalendar, type ParentInquiryView, type StaffInquiryView } from '@gongkai/shared';
import * as auth from '../../src/api/auth';
import * as catalog from '../../src/api/catalog';
import * as inquiries from '../../src/api/inquiries';
import * as push from '../../src/api/push';
import * as staffApi from '../../src/api/staff';
import { ApiError } from '../../src/api/errors';
import { saveToken } from '../../src/api/tokens';
import { rememberDecision, resetPrivacyFlowForTests } from '../../src/utils/privacy';
import { DeadlineExplain } from '../../src/inquiry/InquiryParts';
import InquiryAsk from '../../src/packages/services/pages/inquiry/ask';
import InquiryDetail from '../../src/packages/services/pages/inquiry/detail';
import StaffInquiry from '../../src/packages/staff/pages/inquiry/index';
import StaffInquiries from '../../src/packages/staff/pages/inquiries/index';
import StaffHome from '../../src/packages/staff/pages/home/index';
import { explainDeadline, replyTemplate, validateInquiry, workingDayLabel } from '../../src/inquiry/inquiry';
import { aStaffMe } from '../fixtures';
import { taroMock } from '../mocks/taro';

jest.mock('../../src/api/inquiries');
jest.mock('../../src/api/push');
jest.mock('../../src/api/catalog');
jest.mock('../../src/api/staff');
jest.mock('../../src/api/auth', () => ({ ...jest.requireActual('../../src/api/auth'), getAuthOptions: jest.fn(), getStaffMe: jest.fn() }));
const api = jest.mocked(inquiries);
const pushApi = jest.mocked(push);
const cat = jest.mocked(catalog);
const st = jest.mocked(staffApi);
const options = jest.mocked(auth).getAuthOptions;
const me = jest.mocked(auth).getStaffMe;
const FUTURE = '2099-01-01T00:00:00.000Z';

// Received Monday 28 September 2026; five working days over 国庆节 end on Saturday 10 October, a make-up day.
const CAL = new WorkingCalendar().addWorkingDays('2026-09-28', 5);
const DEADLINE = { from: '2026-09-28', dueAt: `${CAL.dueDate}T23:59:59+08:00`, dueDate: CAL.dueDate, workingDays: 5, skipped: CAL.skipped, flagged: false };

function aParentInquiry(over: Partial<ParentInquiryView> = {}): ParentInquiryView {
  return {
    id: 11,
    trackingNo: 'TS20260928-0001',
    kind: 'complaint',
    subject: '校车晚点',
    content: '连续一周校车晚点半小时。',
    status: 'submitted',
    statusLabel: '已提交',
    unitName: '基础教育科',
    phone: '13800138000',
    allowPublish: true,
    photos: [],
    createdAt: '2026-09-28T02:00:00.000Z',
    deadline: DEADLINE,
    reply: null,
    rating: null,
    canRate: false,
    canReopen: false,
    timeline: [{ action: 'submitted', at: '2026-09-28T02:00:00.000Z', label: '提交', text: null }],
    ...over,
  };
}

function aStaffInquiry(over: Partial<StaffInquiryView> = {}): StaffInquiryView {
  const { canRate: _r, canReopen: _o, ...base } = aParentInquiry();
  return {
    ...base,
    phone: '138****8000',
    version: 3,
    unitCode: '11370725004410363H',
    handler: null,
    pendingReply: null,
    replyReviewer: null,
    contentCheck: { suggest: 'pass', label: null },
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
  for (const m of [api, pushApi, cat, st]) Object.values(m).forEach((fn) => typeof fn === 'function' && 'mockReset' in fn && (fn as jest.Mock).mockReset());
  options.mockReset();
  me.mockReset();
  options.mockResolvedValue({ wechat: true, demo: false });
  pushApi.getPushTemplates.mockResolvedValue({
    subscribe: [
      { id: 'T-NEW', name: '新信息发布提醒', fields: {} },
      { id: 'T-REPLY', name: '咨询答复通知', fields: {} },
    ],
    template: [],
  });
  pushApi.reportSubscribeResults.mockResolvedValue({ items: [] });
  api.getDeadline.mockResolvedValue({ from: '2026-09-28', workingDays: 3, due: '2026-10-09T23:59:59+08:00', skipped: [], flagged: false });
  cat.listUnits.mockResolvedValue([
    { id: 3, code: '11370725004410363H', name: '基础教育科', kind: 'bureau_office', sortOrder: 1 },
    { id: 4, code: '11370725004410371X', name: '安全管理科', kind: 'bureau_office', sortOrder: 2 },
  ]);
  process.env.TARO_ENV = 'h5';
});

afterEach(() => {
  process.env.TARO_ENV = 'h5';
  delete (Taro as unknown as Record<string, unknown>).requestSubscribeMessage;
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

describe('inquiry helpers', () => {
  it('explains a due date: the counted days with 调休上班, the skipped holidays joined into runs', () => {
    expect(CAL.dueDate).toBe('2026-10-10');
    const why = explainDeadline('2026-09-28', CAL.dueDate, CAL.skipped);
    expect(why.dueLabel).toBe('10月10日（周六，调休上班）');
    expect(why.counted.map((d) => d.label)).toEqual(['9月29日（周二）', '9月30日（周三）', '10月8日（周四）', '10月9日（周五）', '10月10日（周六，调休上班）']);
    expect(why.skipped).toHaveLength(1);
    expect(why.skipped[0]).toMatchObject({ from: '2026-10-01', to: '2026-10-07', days: 7 });
    expect(workingDayLabel('2027-01-04', '2026-12-30')).toBe('2027年1月4日（周一）');
  });

  it('validates the form and picks the reply template by its name', () => {
    expect(validateInquiry({ kind: '', subject: ' ', content: '', phone: '123', photoIds: [] })).toEqual({
      kind: '请选择类型',
      subject: '请填写标题',
      content: '请填写内容',
      phone: '请填写正确的手机号或固定电话（如 13812345678、0536-6212345）',
    });
    expect(validateInquiry({ kind: 'consultation', subject: '字'.repeat(51), content: '内'.repeat(1001), phone: '0536 622 1234', photoIds: [] })).toEqual({
      subject: '标题不能超过50字',
      content: '内容不能超过1000字',
    });
    expect(replyTemplate([{ id: 'A', name: '新信息提醒', fields: {} }, { id: 'B', name: '答复结果通知', fields: {} }])?.id).toBe('B');
    expect(replyTemplate([{ id: 'A', name: '新信息提醒', fields: {} }])?.id).toBe('A');
    expect(replyTemplate([])).toBeNull();
  });
});

describe('deadline explanation', () => {
  it('renders the due day, each counted working day and the skipped holidays (为什么是这一天)', async () => {
    const { container } = render(<DeadlineExplain deadline={DEADLINE} from='2026-09-28' />);
    expect(container.querySelector('.e2e-deadline-due')!.textContent).toBe('10月10日（周六，调休上班）前');
    expect(container.querySelector('.e2e-deadline-explain')).toBeNull();
    await click(container.querySelector('.e2e-deadline-why'));
    expect(container.querySelectorAll('.e2e-deadline-day')).toHaveLength(5);
    expect(container.querySelector('.e2e-deadline-makeup')!.textContent).toContain('10月10日（周六，调休上班）');
    const skipped = container.querySelector('.e2e-deadline-skipped')!.textContent!;
    expect(skipped).toContain('10月1日至10月7日');
    expect(skipped).toContain('（7天）');
  });

  it('warns when the year has no calendar yet', () => {
    const { container } = render(<DeadlineExplain deadline={{ ...DEADLINE, flagged: true }} from='2026-09-28' />);
    expect(container.querySelector('.e2e-deadline-flagged')).not.toBeNull();
  });
});

describe('ask page', () => {
  beforeEach(() => {
    saveToken('parent', { token: 'p', expiresAt: FUTURE });
    // This device agreed to the privacy notice already (the privacy flow itself: privacy-ask.test.tsx).
    resetPrivacyFlowForTests();
    rememberDecision(true);
  });

  it('counts characters, shows the reply time of the kind, and says what is missing before asking the server', async () => {
    const { container } = render(<InquiryAsk />);
    await waitFor(() => expect(pushApi.getPushTemplates).toHaveBeenCalled());
    expect(container.querySelector('.e2e-ask-kind-consultation')!.textContent).toContain('3个工作日内答复');
    expect(container.querySelector('.e2e-ask-kind-complaint')!.textContent).toContain('5个工作日内答复');

    typeInto(container.querySelector('.e2e-ask-subject'), '关于校车');
    expect(container.querySelector('.e2e-ask-subject-count')!.textContent).toBe('4/50');
    typeInto(container.querySelector('.e2e-ask-content'), '😀内容');
    expect(container.querySelector('.e2e-ask-content-count')!.textContent).toBe('3/1000');

    await click(container.querySelector('.e2e-ask-submit'));
    expect(container.querySelector('.e2e-field-error[data-field="kind"]')!.textContent).toBe('请选择类型');
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '请选择类型', icon: 'none' });
    expect(api.createInquiry).not.toHaveBeenCalled();

    await click(container.querySelector('.e2e-ask-kind-consultation'));
    await waitFor(() => expect(container.querySelector('.e2e-ask-reply-time')!.textContent).toContain('预计最晚 10月9日'));
    typeInto(container.querySelector('.e2e-ask-phone'), '12345');
    await click(container.querySelector('.e2e-ask-submit'));
    expect(container.querySelector('.e2e-field-error[data-field="phone"]')).not.toBeNull();
    expect(api.createInquiry).not.toHaveBeenCalled();
  });

  it('uploads each chosen photo and surfaces the server refusal of one', async () => {
    (Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: ['blob:a', 'blob:b'], tempFiles: [] });
    api.uploadInquiryPhoto.mockResolvedValueOnce({ id: 'P1', contentType: 'image/jpeg', bytes: 100 });
    api.uploadInquiryPhoto.mockRejectedValueOnce(new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: '只能上传图片（JPEG、PNG、GIF、WebP）' }));
    const { container } = render(<InquiryAsk />);
    await click(container.querySelector('.e2e-ask-add-photo'));
    await waitFor(() => expect(api.uploadInquiryPhoto).toHaveBeenCalledTimes(2));
    expect((Taro.chooseImage as jest.Mock).mock.calls[0][0].count).toBe(3);
    await waitFor(() => expect(container.querySelectorAll('.e2e-ask-photo')).toHaveLength(1));
    expect(container.querySelector('.e2e-ask-photo')!.getAttribute('data-uploaded')).toBe('true');
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '只能上传图片（JPEG、PNG、GIF、WebP）', icon: 'none' });
  });

  it('asks WeChat for the reply template inside the tap, reports the answer, then posts; shows the tracking number and due date (weapp)', async () => {
    process.env.TARO_ENV = 'weapp';
    const ask = jest.fn().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'T-REPLY': 'accept' });
    (Taro as unknown as Record<string, unknown>).requestSubscribeMessage = ask;
    api.createInquiry.mockResolvedValue(aParentInquiry());
    const { container } = render(<InquiryAsk />);
    await waitFor(() => expect(pushApi.getPushTemplates).toHaveBeenCalled());
    await act(async () => undefined);
    await click(container.querySelector('.e2e-ask-kind-complaint'));
    typeInto(container.querySelector('.e2e-ask-subject'), ' 校车晚点 ');
    typeInto(container.querySelector('.e2e-ask-content'), '连续一周校车晚点半小时。');
    await click(container.querySelector('.e2e-ask-allow-publish'));

    // Synchronously within the tap: nothing awaited before WeChat is asked.
    act(() => {
      fireEvent.click(container.querySelector('.e2e-ask-submit')!);
      expect(ask).toHaveBeenCalledTimes(1);
    });
    expect(ask.mock.calls[0][0].tmplIds).toEqual(['T-REPLY']);
    await waitFor(() => expect(api.createInquiry).toHaveBeenCalled());
    expect(pushApi.reportSubscribeResults).toHaveBeenCalledWith({ 'T-REPLY': 'accept' });
    expect(ask.mock.invocationCallOrder[0]).toBeLessThan(api.createInquiry.mock.invocationCallOrder[0]!);
    expect(pushApi.reportSubscribeResults.mock.invocationCallOrder[0]).toBeLessThan(api.createInquiry.mock.invocationCallOrder[0]!);
    expect(api.createInquiry).toHaveBeenCalledWith({ kind: 'complaint', subject: '校车晚点', content: '连续一周校车晚点半小时。', allowPublish: true });

    await waitFor(() => expect(container.querySelector('.e2e-ask-result')).not.toBeNull());
    expect(container.querySelector('.e2e-ask-tracking-no')!.textContent).toBe('TS20260928-0001');
    expect(container.querySelector('.e2e-deadline-due')!.textContent).toBe('10月10日（周六，调休上班）前');
    expect(container.querySelector('.e2e-deadline-skipped')!.textContent).toContain('10月1日至10月7日');
  });

  const fillAndSubmit = async (container: HTMLElement) => {
    await waitFor(() => expect(pushApi.getPushTemplates).toHaveBeenCalled());
    await act(async () => undefined);
    await click(container.querySelector('.e2e-ask-kind-feedback'));
    typeInto(container.querySelector('.e2e-ask-subject'), '标题');
    typeInto(container.querySelector('.e2e-ask-content'), '内容');
    await click(container.querySelector('.e2e-ask-submit'));
    await waitFor(() => expect(api.createInquiry).toHaveBeenCalled());
  };

  it('still submits when WeChat fails (weapp)', async () => {
    process.env.TARO_ENV = 'weapp';
    (Taro as unknown as Record<string, unknown>).requestSubscribeMessage = jest.fn().mockRejectedValue(new Error('requestSubscribeMessage:fail'));
    api.createInquiry.mockResolvedValue(aParentInquiry());
    const { container } = render(<InquiryAsk />);
    await fillAndSubmit(container);
    expect(pushApi.reportSubscribeResults).not.toHaveBeenCalled();
  });

  it('on H5 does not ask outside the demo, and simulates consent in the demo', async () => {
    api.createInquiry.mockResolvedValue(aParentInquiry());
    const first = render(<InquiryAsk />);
    await fillAndSubmit(first.container);
    expect(pushApi.reportSubscribeResults).not.toHaveBeenCalled();
    first.unmount();
    api.createInquiry.mockClear();
    options.mockResolvedValue({ wechat: false, demo: true });
    const { container } = render(<InquiryAsk />);
    await waitFor(() => expect(options).toHaveBeenCalledTimes(2));
    await fillAndSubmit(container);
    expect(pushApi.reportSubscribeResults).toHaveBeenCalledWith({ 'T-REPLY': 'accept' });
  });

  it('shows the server refusal under its field', async () => {
    api.createInquiry.mockRejectedValue(new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: '请检查填写内容', details: [{ field: 'phone', message: '电话号码格式不正确' }] }));
    const { container } = render(<InquiryAsk />);
    await click(container.querySelector('.e2e-ask-kind-feedback'));
    typeInto(container.querySelector('.e2e-ask-subject'), '标题');
    typeInto(container.querySelector('.e2e-ask-content'), '内容');
    await click(container.querySelector('.e2e-ask-submit'));
    await waitFor(() => expect(container.querySelector('.e2e-field-error[data-field="phone"]')!.textContent).toBe('电话号码格式不正确'));
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '请检查填写内容', icon: 'none' });
  });
});

describe('parent inquiry detail', () => {
  beforeEach(() => {
    saveToken('parent', { token: 'p', expiresAt: FUTURE });
    taroMock.setRouterParams({ id: '11' });
  });

  it('offers neither rating nor reopen while the inquiry is open', async () => {
    api.getMyInquiry.mockResolvedValue(aParentInquiry({ status: 'accepted', statusLabel: '已受理' }));
    const { container } = render(<InquiryDetail />);
    await waitFor(() => expect(container.querySelector('.e2e-inquiry-detail-status')!.textContent).toBe('已受理'));
    expect(container.querySelector('.e2e-rate')).toBeNull();
    expect(container.querySelector('.e2e-reopen')).toBeNull();
    expect(container.querySelector('.e2e-inquiry-steps')!.getAttribute('data-done')).toBe('2');
    expect(container.querySelector('.e2e-deadline-due')!.textContent).toContain('10月10日');
  });

  it('rates a reply 不满意 with a comment, then offers the one reopen', async () => {
    const reply = { text: '已责成校车公司整改。', at: '2026-10-09T08:00:00.000Z', unitName: '基础教育科' };
    api.getMyInquiry.mockResolvedValue(aParentInquiry({ status: 'replied', statusLabel: '已答复', reply, canRate: true }));
    api.rateInquiry.mockResolvedValue(
      aParentInquiry({ status: 'closed', statusLabel: '已办结', reply, rating: { rating: 'unsatisfied', comment: '仍然晚点', at: '2026-10-10T00:00:00.000Z' }, canReopen: true }),
    );
    api.reopenInquiry.mockResolvedValue(aParentInquiry({ status: 'accepted', statusLabel: '已受理', reply, canReopen: false }));
    const { container } = render(<InquiryDetail />);
    await waitFor(() => expect(container.querySelector('.e2e-rate')).not.toBeNull());
    expect(container.querySelector('.e2e-inquiry-reply-text')!.textContent).toBe('已责成校车公司整改。');
    expect(container.querySelector('.e2e-reopen')).toBeNull();
    expect(container.querySelector('.e2e-rate-satisfied')!.textContent).toBe('满意');
    expect(container.querySelector('.e2e-rate-basically_satisfied')!.textContent).toBe('基本满意');

    await click(container.querySelector('.e2e-rate-submit'));
    expect(container.querySelector('.e2e-rate-error')!.textContent).toBe('请选择评价');
    await click(container.querySelector('.e2e-rate-unsatisfied'));
    typeInto(container.querySelector('.e2e-rate-comment'), ' 仍然晚点 ');
    await click(container.querySelector('.e2e-rate-submit'));
    expect(api.rateInquiry).toHaveBeenCalledWith(11, { rating: 'unsatisfied', comment: '仍然晚点' });
    await waitFor(() => expect(container.querySelector('.e2e-reopen')).not.toBeNull());
    expect(container.querySelector('.e2e-rate')).toBeNull();
    expect(container.querySelector('.e2e-inquiry-rating')!.getAttribute('data-rating')).toBe('unsatisfied');

    await click(container.querySelector('.e2e-reopen-submit'));
    expect(api.reopenInquiry).not.toHaveBeenCalled();
    typeInto(container.querySelector('.e2e-reopen-reason'), '问题没有解决');
    await click(container.querySelector('.e2e-reopen-submit'));
    expect(api.reopenInquiry).toHaveBeenCalledWith(11, { reason: '问题没有解决' });
    await waitFor(() => expect(container.querySelector('.e2e-reopen')).toBeNull());
  });
});

describe('staff inquiry pages', () => {
  beforeEach(() => saveToken('staff', { token: 's', expiresAt: FUTURE }));

  it('shows only the actions in view.actions', async () => {
    taroMock.setRouterParams({ id: '11' });
    api.getStaffInquiry.mockResolvedValue(aStaffInquiry({ actions: ['accept', 'transfer'] }));
    const { container } = render(<StaffInquiry />);
    await waitFor(() => expect(container.querySelector('.e2e-staff-inquiry-actions')).not.toBeNull());
    expect(container.querySelector('.e2e-action-accept')).not.toBeNull();
    expect(container.querySelector('.e2e-action-transfer')).not.toBeNull();
    for (const hook of ['release', 'reject', 'reply', 'approve-reply', 'return-reply']) {
      expect(container.querySelector(`.e2e-action-${hook}`)).toBeNull();
    }
    expect(container.querySelector('.e2e-staff-inquiry-phone')!.textContent).toBe('联系电话：138****8000');
    // Transfer: the other units only, a unit and a reason required.
    expect(container.querySelector('.e2e-transfer-unit-11370725004410363H')).toBeNull();
    await click(container.querySelector('.e2e-action-transfer'));
    expect(api.transferInquiry).not.toHaveBeenCalled();
    await click(container.querySelector('.e2e-transfer-unit-11370725004410371X'));
    typeInto(container.querySelector('.e2e-transfer-reason'), '属安全管理');
    api.transferInquiry.mockResolvedValue(aStaffInquiry({ version: 4, actions: [] }));
    await click(container.querySelector('.e2e-action-transfer'));
    expect(api.transferInquiry).toHaveBeenCalledWith(11, { version: 3, unitCode: '11370725004410371X', reason: '属安全管理' });
    await waitFor(() => expect(container.querySelector('.e2e-staff-inquiry-actions')).toBeNull());
  });

  it('offers no action buttons when view.actions is empty, but keeps notes and the timeline with notes', async () => {
    taroMock.setRouterParams({ id: '11' });
    api.getStaffInquiry.mockResolvedValue(
      aStaffInquiry({
        status: 'reply_pending',
        pendingReply: { text: '拟答复', at: '2026-10-08T00:00:00.000Z', by: '张三' },
        timeline: [
          { action: 'submitted', at: '2026-09-28T02:00:00.000Z', label: '提交', text: null, by: null },
          { action: 'note', at: '2026-09-29T02:00:00.000Z', label: '备注', text: '已电话联系', by: '张三' },
        ],
      }),
    );
    const { container } = render(<StaffInquiry />);
    await waitFor(() => expect(container.querySelector('.e2e-staff-inquiry-pending-reply')).not.toBeNull());
    expect(container.querySelector('.e2e-staff-inquiry-actions')).toBeNull();
    expect(container.querySelector('.e2e-timeline-note')!.textContent).toContain('已电话联系');
    expect(container.querySelector('.e2e-timeline-note')!.textContent).toContain('张三');
    api.addInquiryNote.mockResolvedValue(aStaffInquiry());
    typeInto(container.querySelector('.e2e-note-text'), '再次联系');
    await click(container.querySelector('.e2e-action-note'));
    expect(api.addInquiryNote).toHaveBeenCalledWith(11, { text: '再次联系' });
  });

  it('approves or returns a pending complaint reply with the version', async () => {
    taroMock.setRouterParams({ id: '11' });
    api.getStaffInquiry.mockResolvedValue(aStaffInquiry({ status: 'reply_pending', actions: ['approve_reply', 'return_reply'] }));
    api.reviewInquiryReply.mockResolvedValue(aStaffInquiry({ status: 'replied', version: 4 }));
    const { container } = render(<StaffInquiry />);
    await waitFor(() => expect(container.querySelector('.e2e-action-approve-reply')).not.toBeNull());
    await click(container.querySelector('.e2e-action-return-reply'));
    expect(api.reviewInquiryReply).not.toHaveBeenCalled();
    typeInto(container.querySelector('.e2e-return-reply-opinion'), '语气再委婉些');
    await click(container.querySelector('.e2e-action-return-reply'));
    expect(api.reviewInquiryReply).toHaveBeenCalledWith(11, { version: 3, action: 'return', opinion: '语气再委婉些' });
  });

  it('publishes a replied inquiry as Q&A with the edited question and answer', async () => {
    taroMock.setRouterParams({ id: '11' });
    const reply = { text: '答复全文', at: '2026-10-09T08:00:00.000Z', unitName: '基础教育科' };
    api.getStaffInquiry.mockResolvedValueOnce(aStaffInquiry({ status: 'closed', reply }));
    api.getStaffInquiry.mockResolvedValueOnce(aStaffInquiry({ status: 'closed', reply, publishedQaId: 5 }));
    api.publishInquiryQa.mockResolvedValue({ id: 5, kind: 'complaint', question: '校车晚点怎么办？', answer: '答复全文', unitName: '基础教育科', askedAt: '', answeredAt: '' });
    const { container } = render(<StaffInquiry />);
    await waitFor(() => expect(container.querySelector('.e2e-publish-qa-open')).not.toBeNull());
    await click(container.querySelector('.e2e-publish-qa-open'));
    expect((container.querySelector('.e2e-publish-qa-answer textarea, textarea.e2e-publish-qa-answer') as HTMLTextAreaElement).value).toBe('答复全文');
    typeInto(container.querySelector('.e2e-publish-qa-question'), '校车晚点怎么办？');
    await click(container.querySelector('.e2e-publish-qa-submit'));
    expect(api.publishInquiryQa).toHaveBeenCalledWith(11, { question: '校车晚点怎么办？', answer: '答复全文' });
    await waitFor(() => expect(container.querySelector('.e2e-staff-inquiry-published')).not.toBeNull());
  });

  it('lists the inbox with overdue / due-soon colours and the 日历未录入 flag; the tabs filter by status', async () => {
    const item = (id: number, over: object) => ({
      id, trackingNo: `ZX-${id}`, kind: 'consultation' as const, subject: `问题${id}`, status: 'accepted' as const, statusLabel: '已受理', unitCode: 'U', unitName: '基础教育科',
      handlerName: null, createdAt: '2026-09-28T02:00:00.000Z', dueAt: '2026-10-09T15:59:59.000Z', overdue: false, dueSoon: false, flagged: false, ...over,
    });
    api.listStaffInquiries.mockResolvedValue({ items: [item(1, { overdue: true }), item(2, { dueSoon: true, flagged: true }), item(3, {})], nextCursor: null });
    const { container } = render(<StaffInquiries />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-staff-inquiry-item')).toHaveLength(3));
    expect(api.listStaffInquiries).toHaveBeenCalledWith({ scope: 'open', status: undefined, cursor: undefined, limit: 20 });
    const items = container.querySelectorAll('.e2e-staff-inquiry-item');
    expect(items[0]!.getAttribute('data-urgency')).toBe('overdue');
    expect(items[1]!.getAttribute('data-urgency')).toBe('due-soon');
    expect(items[1]!.querySelector('.e2e-calendar-flag')!.textContent).toBe('日历未录入');
    expect(items[2]!.querySelector('.e2e-calendar-flag')).toBeNull();
    await click(container.querySelector('.e2e-inquiries-tab-held'));
    await waitFor(() => expect(api.listStaffInquiries).toHaveBeenLastCalledWith({ scope: 'all', status: 'held', cursor: undefined, limit: 20 }));
  });

  it('shows the alert counts and this month’s statistics on the staff home of a handler', async () => {
    me.mockResolvedValue(aStaffMe(1, ['inquiry_handler']));
    st.getReviewCounts.mockResolvedValue({ unit_review: 0, secrecy_review: 0, leader_approval: 0, approved: 0, scheduled: 0, returned: 0 } as never);
    st.listPendingReviews.mockResolvedValue([]);
    api.getInquiryAlerts.mockResolvedValue({ overdue: [], dueSoon: [], held: 2, pendingReplies: 1, flagged: 0 });
    api.getInquiryStats.mockResolvedValue({
      from: '2026-12-01', to: '2026-12-01', total: 10, byKind: { consultation: 6, complaint: 2, suggestion: 1, feedback: 1 }, byUnit: [],
      repliedOnTime: 7, repliedLate: 1, openOverdue: 0, openInTime: 2, medianWorkingDays: 2,
      ratings: { satisfied: 3, basically_satisfied: 1, unsatisfied: 0 }, satisfaction: { satisfied: 0.75, basically_satisfied: 0.25, unsatisfied: 0 },
    });
    const { container } = render(<StaffHome />);
    await waitFor(() => expect(container.querySelector('.e2e-inquiry-stats')).not.toBeNull());
    expect(container.querySelector('.e2e-inquiry-alert-held')!.getAttribute('data-count')).toBe('2');
    expect(container.querySelector('.e2e-inquiry-alert-pending-replies')!.getAttribute('data-count')).toBe('1');
    expect(container.querySelector('.e2e-stats-kind-consultation')!.getAttribute('data-count')).toBe('6');
    expect((container.querySelector('.e2e-stats-kind-complaint .gk-dash__bar-fill') as HTMLElement).style.width).toBe('33%');
    expect(container.querySelector('.e2e-stats-rating-satisfied')!.textContent).toContain('75%');
    const [from, to] = api.getInquiryStats.mock.calls[0]!;
    expect(from).toMatch(/^\d{4}-\d{2}-01$/);
    expect(to.slice(0, 8)).toBe(from.slice(0, 8));
    await click(container.querySelector('.e2e-staff-inquiries-link'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/inquiries/index' });
  });
});
