import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { StaffCorrectionView } from '@gongkai/shared';
import * as catalog from '../../src/api/catalog';
import * as staff from '../../src/api/staff';
import { saveToken } from '../../src/api/tokens';
import StaffCompose from '../../src/packages/staff/pages/compose/index';
import StaffReview from '../../src/packages/staff/pages/review/index';
import StaffReviewQueue from '../../src/packages/staff/pages/review-queue/index';
import StaffNotices from '../../src/packages/staff/pages/notices/index';
import { aStaffNotice } from '../fixtures';
import { taroMock } from '../mocks/taro';

jest.mock('../../src/api/staff');
jest.mock('../../src/api/catalog');
const api = jest.mocked(staff);
const cat = jest.mocked(catalog);

beforeEach(() => {
  for (const m of [api, cat]) Object.values(m).forEach((fn) => typeof fn === 'function' && 'mockReset' in fn && (fn as jest.Mock).mockReset());
  cat.listCategories.mockResolvedValue([]);
  cat.listUnits.mockResolvedValue([]);
  api.listReviewLog.mockResolvedValue([]);
  api.getRoundChanges.mockResolvedValue(null);
  saveToken('staff', { token: 's', expiresAt: '2099-01-01T00:00:00.000Z' });
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

const PUBLISHED = aStaffNotice(7, { status: 'published', title: '关于秋季招生报名的通知', indexNo: 'JCJY/ZSKS-2026-00001', round: 1, version: 5, bodyHtml: '<p>报名截止时间为12月1日。</p>' });

function aCorrection(over: Partial<StaffCorrectionView> = {}): StaffCorrectionView {
  return {
    id: 3,
    noticeId: 7,
    status: 'unit_review',
    round: 2,
    title: '关于秋季招生报名的通知（更正）',
    summary: '',
    documentNo: null,
    bodyHtml: '<p>报名截止时间为12月10日。</p>',
    note: '更正报名截止时间为12月10日',
    authorId: 2,
    authorName: '演示编辑',
    editorIds: [2],
    version: 2,
    actions: [],
    refusals: [],
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    appliedAt: null,
    ...over,
  };
}

describe('corrections (更正) in the staff pages', () => {
  it('offers 更正 on a published notice the server lets the reader correct, opening the editor in correction mode', async () => {
    taroMock.setRouterParams({ id: '7' });
    api.getStaffNotice.mockResolvedValue({ ...PUBLISHED, actions: ['withdraw', 'correct'] });
    const { container } = render(<StaffReview />);
    await waitFor(() => expect(container.querySelector('.e2e-review-correct')).not.toBeNull());
    await click(container.querySelector('.e2e-review-correct'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/compose/index?id=7&mode=correction' });
    expect(api.getCorrection).not.toHaveBeenCalled();
  });

  it('shows the open correction and takes the reviewer’s step on it, with the correction’s version', async () => {
    taroMock.setRouterParams({ id: '7' });
    api.getStaffNotice.mockResolvedValue({ ...PUBLISHED, correction: { id: 3, status: 'unit_review', round: 2, version: 2, authorName: '演示编辑', actions: ['approve', 'return'], refusals: [] } });
    api.getCorrection.mockResolvedValue(aCorrection({ actions: ['approve', 'return'] }));
    api.reviewCorrection.mockResolvedValue(aCorrection({ status: 'secrecy_review', version: 3 }));
    const { container } = render(<StaffReview />);
    await waitFor(() => expect(container.querySelector('.e2e-correction')).not.toBeNull());
    expect(container.querySelector('.e2e-correction-note')?.textContent).toBe('更正报名截止时间为12月10日');
    expect(container.querySelector('.e2e-correction-title')?.textContent).toBe('关于秋季招生报名的通知（更正）');
    // The published text is still what the notice shows.
    expect(container.querySelector('.e2e-review-title')?.textContent).toBe('关于秋季招生报名的通知');
    expect(container.querySelector('.e2e-review-correct')).toBeNull();

    await click(container.querySelector('.e2e-correction-return'));
    expect(api.reviewCorrection).not.toHaveBeenCalled();
    typeInto(container.querySelector('.e2e-correction-opinion'), '同意');
    await click(container.querySelector('.e2e-correction-approve'));
    expect(api.reviewCorrection).toHaveBeenCalledWith(7, { action: 'approve', version: 2, opinion: '同意' });
    await waitFor(() => expect(api.getStaffNotice).toHaveBeenCalledTimes(2));
  });

  it('says why four eyes holds a reviewer back instead of the buttons', async () => {
    taroMock.setRouterParams({ id: '7' });
    const message = '不能审核或登记对自己撰写的信息的更正';
    const refusals = [
      { action: 'approve' as const, code: 'OWN_NOTICE', message },
      { action: 'return' as const, code: 'OWN_NOTICE', message },
    ];
    api.getStaffNotice.mockResolvedValue({ ...PUBLISHED, correction: { id: 3, status: 'unit_review', round: 2, version: 2, authorName: '演示编辑', actions: [], refusals } });
    api.getCorrection.mockResolvedValue(aCorrection({ refusals }));
    const { container } = render(<StaffReview />);
    await waitFor(() => expect(container.querySelector('.e2e-correction')).not.toBeNull());
    expect(Array.from(container.querySelectorAll('.e2e-correction-refusal')).map((e) => e.getAttribute('data-code'))).toEqual(['OWN_NOTICE', 'OWN_NOTICE']);
    expect(container.querySelector('.e2e-correction-approve')).toBeNull();
  });

  it('starts a correction from the published text, needs the 更正说明, and submits it', async () => {
    taroMock.setRouterParams({ id: '7', mode: 'correction' });
    api.getStaffNotice.mockResolvedValue({ ...PUBLISHED, actions: ['correct'] });
    api.startCorrection.mockResolvedValue(aCorrection({ status: 'draft', round: 0, version: 1, actions: ['submit', 'cancel', 'edit'] }));
    api.correctionStep.mockResolvedValue(aCorrection());
    const { container } = render(<StaffCompose />);
    await waitFor(() => expect(container.querySelector('.e2e-correction-compose .e2e-compose-title')).not.toBeNull());
    expect((container.querySelector('input.e2e-compose-title') as HTMLInputElement).value).toBe('关于秋季招生报名的通知');

    await click(container.querySelector('.e2e-compose-submit'));
    expect(api.startCorrection).not.toHaveBeenCalled();
    expect(container.querySelector('.e2e-field-error')?.textContent).toBe('请填写更正说明（公开显示在信息下方）');

    typeInto(container.querySelector('.e2e-correction-note-input'), '更正报名截止时间为12月10日');
    typeInto(container.querySelector('.e2e-compose-title'), '关于秋季招生报名的通知（更正）');
    await click(container.querySelector('.e2e-compose-submit'));
    expect(api.startCorrection).toHaveBeenCalledWith(7, {
      note: '更正报名截止时间为12月10日',
      title: '关于秋季招生报名的通知（更正）',
      documentNo: null,
      summary: '',
      bodyHtml: '<p>报名截止时间为12月1日。</p>',
    });
    expect(api.correctionStep).toHaveBeenCalledWith(7, 'submit', 1);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/review/index?id=7' });
  });

  it('edits a returned correction with its version, and locks one in review', async () => {
    taroMock.setRouterParams({ id: '7', mode: 'correction' });
    api.getStaffNotice.mockResolvedValue({ ...PUBLISHED, correction: { id: 3, status: 'returned', round: 2, version: 4, authorName: '演示编辑', actions: ['submit', 'cancel', 'edit'], refusals: [] } });
    api.getCorrection.mockResolvedValue(aCorrection({ status: 'returned', version: 4, actions: ['submit', 'cancel', 'edit'] }));
    api.updateCorrection.mockResolvedValue(aCorrection({ status: 'returned', version: 5, actions: ['submit', 'cancel', 'edit'] }));
    const editing = render(<StaffCompose />);
    await waitFor(() => expect(editing.container.querySelector('.e2e-compose-save')).not.toBeNull());
    await click(editing.container.querySelector('.e2e-compose-save'));
    expect(api.updateCorrection).toHaveBeenCalledWith(7, expect.objectContaining({ note: '更正报名截止时间为12月10日', title: '关于秋季招生报名的通知（更正）', version: 4 }));
    editing.unmount();

    api.getCorrection.mockResolvedValue(aCorrection());
    const locked = render(<StaffCompose />);
    await waitFor(() => expect(locked.container.querySelector('.e2e-compose-locked')).not.toBeNull());
    expect(locked.container.querySelector('.e2e-compose-locked')?.textContent).toBe('该更正已进入审核，不能修改。');
  });

  it('says in the notice list that a published notice has a correction under way', async () => {
    api.listStaffNotices.mockResolvedValue({
      items: [{ ...PUBLISHED, correction: { id: 3, status: 'leader_approval', round: 2, version: 4, authorName: '演示编辑', actions: [], refusals: [] } }, aStaffNotice(8, { status: 'published' })],
      nextCursor: null,
    });
    const { container } = render(<StaffNotices />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-draft-item')).toHaveLength(2));
    expect(Array.from(container.querySelectorAll('.e2e-draft-item')).map((i) => i.querySelector('.e2e-draft-correction')?.textContent ?? null)).toEqual(['更正：领导审批中', null]);
  });

  it('marks corrections in the review queue', async () => {
    const base = { unitCode: 'u', unitName: '基础教育科', categoryCode: 'ZSKS', authorName: '演示编辑', status: 'unit_review' as const, step: 'unit_review' as const, round: 2, version: 2, waitingSince: '2026-12-01T00:00:00.000Z' };
    api.listPendingReviews.mockResolvedValue([
      { ...base, noticeId: 1, correctionId: null, title: '新稿件', waitingSeconds: 60 },
      { ...base, noticeId: 7, correctionId: 3, title: '关于秋季招生报名的通知（更正）', waitingSeconds: 120 },
    ]);
    const { container } = render(<StaffReviewQueue />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-queue-item')).toHaveLength(2));
    const items = Array.from(container.querySelectorAll('.e2e-queue-item'));
    expect(items.map((i) => [i.getAttribute('data-id'), i.querySelector('.e2e-queue-correction')?.textContent ?? null])).toEqual([
      ['7', '更正'],
      ['1', null],
    ]);
  });
});
