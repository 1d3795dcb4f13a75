import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ZoningLookupResult, ZoningPlacement, ZoningRuleView, ZoningTableView } from '@gongkai/shared';
import { saveToken } from '../../src/api/tokens';
import * as zoningApi from '../../src/api/zoning';
import { AttachPanel } from '../../src/packages/staff/pages/zoning/AttachPanel';
import ZoningService from '../../src/packages/services/pages/zoning/index';
import { ImportIssues } from '../../src/packages/staff/pages/zoning/ImportPanel.h5';
import { describeRule, optionTitle, parseNumberField } from '../../src/utils/zoning-text';
import { aStaffNotice } from '../fixtures';

jest.mock('../../src/api/zoning', () => ({ ...jest.requireActual('../../src/api/zoning'), lookupZoning: jest.fn(), getZoningPlaces: jest.fn(), getZoningYears: jest.fn() }));
const api = jest.mocked(zoningApi);
const makePhoneCall = jest.fn(() => Promise.resolve({ errMsg: 'makePhoneCall:ok' }));
(Taro as unknown as { makePhoneCall: typeof makePhoneCall }).makePhoneCall = makePhoneCall;

const NOTICE = { id: 41, title: '2026年城区义务教育学校划片招生方案' };

function aRule(over: Partial<ZoningRuleView> = {}): ZoningRuleView {
  return { town: '宝城街道', village: '北岩社区', compound: '北辰花园', from: null, to: null, parity: 'all', buildingFrom: null, buildingTo: null, applicant: 'all', condition: null, note: null, ...over };
}

function aPlacement(name: string, phone: string, rule: Partial<ZoningRuleView> = {}): ZoningPlacement {
  return { school: { name, kind: 'primary', ownership: 'public', address: '昌乐县新昌路北段', phone }, rule: aRule(rule) };
}

function anAnswer(over: Partial<ZoningLookupResult> = {}): ZoningLookupResult {
  return { status: 'matched', year: 2026, understood: '宝城街道 北岩社区 北辰花园 3栋', certain: true, notice: NOTICE, advice: null, ...over };
}

const texts = (container: HTMLElement, selector: string) => Array.from(container.querySelectorAll(selector)).map((e) => e.textContent);
const click = async (el: Element | null) => {
  await act(async () => {
    fireEvent.click(el!);
  });
};
function typeInto(el: Element | null, value: string) {
  fireEvent.input(el!.tagName === 'INPUT' ? el! : el!.querySelector('input')!, { target: { value } });
}

beforeEach(() => {
  api.lookupZoning.mockReset();
  api.getZoningPlaces.mockReset();
  api.getZoningYears.mockReset();
  makePhoneCall.mockClear();
  api.getZoningYears.mockResolvedValue([{ year: 2026, current: true, effectiveFrom: '2026-06-16T02:00:00.000Z', notice: NOTICE }]);
});

describe('学区查询 (parents)', () => {
  it('looks up a typed address for a local child and shows both schools with phone, rule and the year’s notice', async () => {
    api.lookupZoning.mockResolvedValue(
      anAnswer({
        primary: aPlacement('昌乐县北城小学', '0536-6290316'),
        junior: { ...aPlacement('昌乐县第一实验中学', '0536-6225377（招生办）', { from: 1, to: 99, parity: 'odd', compound: '新昌路', village: '', note: '含沿街商铺' }), school: { name: '昌乐县第一实验中学', kind: 'junior', ownership: 'public', address: '昌乐县宝城街道', phone: '0536-6225377（招生办）' } },
      }),
    );
    const { container } = render(<ZoningService />);
    await waitFor(() => expect(api.getZoningYears).toHaveBeenCalled());
    await click(container.querySelector('.e2e-zoning-applicant-local'));
    typeInto(container.querySelector('.e2e-zoning-q'), ' 北辰花园3号楼 ');
    await click(container.querySelector('.e2e-zoning-search'));
    await waitFor(() => expect(container.querySelector('.e2e-zoning-answer')).not.toBeNull());
    expect(api.lookupZoning).toHaveBeenCalledWith({ q: '北辰花园3号楼', applicant: 'local' });
    expect(texts(container, '.e2e-zoning-school-name')).toEqual(['昌乐县北城小学', '昌乐县第一实验中学']);
    expect(texts(container, '.e2e-zoning-rule')).toEqual(['宝城街道 · 北岩社区 · 北辰花园 · 全部门牌', '宝城街道 · 新昌路 · 1—99号（单号）']);
    expect(texts(container, '.e2e-zoning-rule-note')).toEqual(['含沿街商铺']);
    expect(container.querySelector('.e2e-zoning-understood')!.textContent).toBe('按“宝城街道 北岩社区 北辰花园 3栋”查询');
    expect(container.querySelector('.e2e-zoning-uncertain')).toBeNull();
    expect(container.querySelector('.e2e-zoning-year')!.textContent).toBe('2026年招生');

    expect(container.querySelectorAll('.e2e-zoning-school-phone')[1]!.getAttribute('role')).toBe('button');
    expect(container.querySelectorAll('.e2e-zoning-school-phone')[1]!.getAttribute('aria-label')).toBe('拨打昌乐县第一实验中学电话 0536-6225377（招生办）');
    expect(container.querySelector('.e2e-zoning-notice-link')!.getAttribute('role')).toBe('link');
    expect(container.querySelector('.e2e-zoning-notice-link')!.getAttribute('aria-label')).toBe('查看政策依据：2026年城区义务教育学校划片招生方案');
    await click(container.querySelectorAll('.e2e-zoning-school-phone')[1]!);
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0536-6225377' });
    await click(container.querySelector('.e2e-zoning-notice-link'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/notice/detail?id=41' });
  });

  it('says so when the answer is a guess, and shows each case when the school depends on 户籍 or 房户一致', async () => {
    api.lookupZoning.mockResolvedValue(
      anAnswer({
        certain: false,
        understood: '宝城街道 利民社区 锦绣华庭',
        advice: '按「锦绣华庭」查询，如不是请重新输入或致电学校核实',
        options: [
          { applicant: 'local', condition: '房户一致', primary: aPlacement('昌乐县实验小学', '0536-6226018', { condition: '房户一致', applicant: 'local' }) },
          { applicant: 'local', condition: null, primary: aPlacement('宝城街道中心小学', '0536-6213507') },
          { applicant: 'migrant', condition: null },
        ],
      }),
    );
    const { container } = render(<ZoningService />);
    typeInto(container.querySelector('.e2e-zoning-q'), '锦秀华庭');
    await click(container.querySelector('.e2e-zoning-search'));
    await waitFor(() => expect(container.querySelector('.e2e-zoning-answer')).not.toBeNull());
    expect(api.lookupZoning).toHaveBeenCalledWith({ q: '锦秀华庭' });
    // The warning, with its reason, comes before the schools.
    const warning = container.querySelector('.e2e-zoning-uncertain')!;
    expect(warning.querySelector('.gk-zoning__warning-text')!.textContent).toBe('以下结果为推测，可能与您的住址不完全相符，请与学校或县教育局核实。');
    expect(warning.querySelector('.e2e-zoning-advice')!.textContent).toBe('按「锦绣华庭」查询，如不是请重新输入或致电学校核实');
    expect(warning.compareDocumentPosition(container.querySelector('.e2e-zoning-option')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // A 房户一致 family sees one case that is theirs, not a bare “本地户籍” beside it.
    expect(texts(container, '.e2e-zoning-option-title')).toEqual(['本地户籍 · 房户一致', '本地户籍 · 其他情况', '随迁子女']);
    expect(texts(container, '.e2e-zoning-option .e2e-zoning-school-name')).toEqual(['昌乐县实验小学', '宝城街道中心小学']);
    expect(texts(container, '.e2e-zoning-rule')[0]).toBe('宝城街道 · 北岩社区 · 北辰花园 · 全部门牌 · 本地户籍 · 条件：房户一致');
    expect(container.querySelectorAll('.e2e-zoning-advice')).toHaveLength(1);
  });

  it('offers the candidates of an unclear address: a place is looked up through the cascade’s fields, a split road asks for the number', async () => {
    api.lookupZoning.mockResolvedValueOnce(
      anAnswer({
        status: 'ambiguous',
        certain: false,
        understood: '文化路',
        advice: '文化路在两个镇街都有，请选择',
        candidates: [
          { label: '宝城街道 · 文化路', town: '宝城街道', village: '', compound: '文化路', hint: null },
          { label: '朱刘街道 · 文化路 1—99号（单号）', town: '朱刘街道', village: '', compound: '文化路', hint: '请补充门牌号' },
        ],
      }),
    );
    const { container } = render(<ZoningService />);
    typeInto(container.querySelector('.e2e-zoning-q'), '文化路');
    await click(container.querySelector('.e2e-zoning-search'));
    await waitFor(() => expect(container.querySelectorAll('.e2e-zoning-candidate')).toHaveLength(2));
    expect(texts(container, '.e2e-zoning-candidate')).toEqual(['宝城街道 · 文化路›', '朱刘街道 · 文化路 1—99号（单号）请补充门牌号›']);
    // Unclear is not a guess: no warning, the advice says what to choose.
    expect(container.querySelector('.e2e-zoning-uncertain')).toBeNull();
    expect(container.querySelector('.e2e-zoning-advice')!.textContent).toBe('文化路在两个镇街都有，请选择');
    expect(container.querySelectorAll('.e2e-zoning-candidate')[1]!.getAttribute('role')).toBe('button');
    expect(container.querySelectorAll('.e2e-zoning-candidate')[1]!.getAttribute('aria-label')).toBe('选择 朱刘街道 · 文化路 1—99号（单号），请补充门牌号');

    api.lookupZoning.mockResolvedValueOnce(anAnswer({ primary: aPlacement('宝城街道中心小学', '0536-6213507') }));
    await click(container.querySelectorAll('.e2e-zoning-candidate')[0]!);
    expect(api.lookupZoning).toHaveBeenLastCalledWith({ town: '宝城街道', compound: '文化路' });
    await waitFor(() => expect(texts(container, '.e2e-zoning-school-name')).toEqual(['宝城街道中心小学']));

    // Again unclear, and this time the split road: the number form, then the lookup with the number.
    api.lookupZoning.mockResolvedValueOnce(
      anAnswer({ status: 'ambiguous', certain: false, candidates: [{ label: '朱刘街道 · 文化路 1—99号（单号）', town: '朱刘街道', village: '', compound: '文化路', hint: '请补充门牌号' }] }),
    );
    await click(container.querySelector('.e2e-zoning-mode-text'));
    typeInto(container.querySelector('.e2e-zoning-q'), '文化路');
    await click(container.querySelector('.e2e-zoning-search'));
    await waitFor(() => expect(container.querySelectorAll('.e2e-zoning-candidate')).toHaveLength(1));
    api.getZoningPlaces.mockResolvedValue({ year: 2026, options: [] });
    await click(container.querySelector('.e2e-zoning-candidate'));
    expect(container.querySelector('.e2e-zoning-number-form')).not.toBeNull();
    expect(texts(container, '.e2e-zoning-crumbs .gk-zoning__crumb')).toEqual(['全部镇街', '› 朱刘街道', '› 文化路']);
    await click(container.querySelector('.e2e-zoning-number-submit'));
    expect(container.querySelector('.e2e-zoning-number-error')!.textContent).toBe('该地点按门牌号或楼栋号划分学区，请至少填写一项');
    typeInto(container.querySelector('.e2e-zoning-number'), '35');
    api.lookupZoning.mockResolvedValueOnce(anAnswer({ primary: aPlacement('朱刘街道中心小学', '0536-6801234') }));
    await click(container.querySelector('.e2e-zoning-number-submit'));
    expect(api.lookupZoning).toHaveBeenLastCalledWith({ town: '朱刘街道', compound: '文化路', number: 35 });
  });

  it('when nothing is found, gives the advice and switches to the cascade: 镇街 → 社区 → 小区', async () => {
    api.lookupZoning.mockResolvedValueOnce(anAnswer({ status: 'none', certain: false, understood: null, advice: '未找到该住址。请检查输入，或改为逐级选择；仍无法确定的，请致电县教育局咨询（0536-6212345）' }));
    api.getZoningPlaces.mockImplementation(async ({ town, village }) => {
      if (!town) return { year: 2026, options: [{ level: 'town', name: '宝城街道', answers: false, needsNumber: false }, { level: 'town', name: '乔官镇', answers: true, needsNumber: false }] };
      if (!village) return { year: 2026, options: [{ level: 'village', name: '北岩社区', answers: false, needsNumber: false }, { level: 'compound', name: '新昌路', answers: false, needsNumber: true }] };
      return { year: 2026, options: [{ level: 'compound', name: '北辰花园', answers: true, needsNumber: false }] };
    });
    const { container } = render(<ZoningService />);
    typeInto(container.querySelector('.e2e-zoning-q'), '火星路1号');
    await click(container.querySelector('.e2e-zoning-search'));
    await waitFor(() => expect(container.querySelector('.e2e-zoning-advice')).not.toBeNull());
    expect(container.querySelector('.e2e-zoning-answer')!.getAttribute('data-status')).toBe('none');
    expect(container.querySelector('.e2e-zoning-advice')!.textContent).toBe('未找到该住址。请检查输入，或改为逐级选择；仍无法确定的，请致电县教育局咨询（0536-6212345）');
    expect(container.querySelector('.e2e-zoning-uncertain')).toBeNull();
    // Whom to call, one tap away.
    expect(container.querySelector('.e2e-zoning-call-help')!.textContent).toBe('拨打咨询电话 0536-6212345');
    expect(container.querySelector('.e2e-zoning-call-help')!.getAttribute('aria-label')).toBe('拨打县教育局咨询电话 0536-6212345');
    await click(container.querySelector('.e2e-zoning-call-help'));
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0536-6212345' });
    expect(container.querySelector('.e2e-zoning-to-cascade')!.getAttribute('role')).toBe('button');
    expect(container.querySelector('.e2e-zoning-to-cascade')!.getAttribute('aria-label')).toBe('改为逐级选择住址');

    await click(container.querySelector('.e2e-zoning-to-cascade'));
    await waitFor(() => expect(texts(container, '.e2e-zoning-place')).toEqual(['宝城街道›', '乔官镇›']));
    expect(container.querySelector('.e2e-zoning-place[data-name="宝城街道"]')!.getAttribute('role')).toBe('button');
    expect(container.querySelector('.e2e-zoning-place[data-name="宝城街道"]')!.getAttribute('aria-label')).toBe('宝城街道，选择下一级');
    expect(container.querySelector('.e2e-zoning-answer')).toBeNull();
    await click(container.querySelector('.e2e-zoning-place[data-name="宝城街道"]'));
    await waitFor(() => expect(texts(container, '.e2e-zoning-place')).toEqual(['北岩社区›', '新昌路需填门牌号查询']));
    expect(container.querySelector('.e2e-zoning-place[data-name="新昌路"]')!.getAttribute('aria-label')).toBe('新昌路，需填门牌号');
    expect(api.getZoningPlaces).toHaveBeenLastCalledWith({ town: '宝城街道' });
    await click(container.querySelector('.e2e-zoning-place[data-name="北岩社区"]'));
    await waitFor(() => expect(texts(container, '.e2e-zoning-place')).toEqual(['北辰花园查询']));
    expect(container.querySelector('.e2e-zoning-place[data-name="北辰花园"]')!.getAttribute('aria-label')).toBe('查询北辰花园');
    expect(api.getZoningPlaces).toHaveBeenLastCalledWith({ town: '宝城街道', village: '北岩社区' });
    api.lookupZoning.mockResolvedValueOnce(anAnswer({ primary: aPlacement('昌乐县北城小学', '0536-6290316') }));
    await click(container.querySelector('.e2e-zoning-place[data-name="北辰花园"]'));
    expect(api.lookupZoning).toHaveBeenLastCalledWith({ town: '宝城街道', village: '北岩社区', compound: '北辰花园' });
    await waitFor(() => expect(texts(container, '.e2e-zoning-school-name')).toEqual(['昌乐县北城小学']));

    // A town covered whole may be looked up as it is.
    await click(container.querySelector('.e2e-zoning-crumb-all'));
    await waitFor(() => expect(container.querySelector('.e2e-zoning-place[data-name="乔官镇"]')).not.toBeNull());
    await click(container.querySelector('.e2e-zoning-place[data-name="乔官镇"]'));
    await waitFor(() => expect(container.querySelector('.e2e-zoning-place-whole')).not.toBeNull());
    expect(container.querySelector('.e2e-zoning-place-whole')!.textContent).toBe('按“乔官镇”整体查询›');
  });

  it('offers a year picker when several years are in effect, and asks for the chosen one', async () => {
    api.getZoningYears.mockResolvedValue([
      { year: 2026, current: true, effectiveFrom: '2026-06-16T02:00:00.000Z', notice: NOTICE },
      { year: 2025, current: false, effectiveFrom: '2025-06-10T02:00:00.000Z', notice: { id: 12, title: '2025年城区义务教育学校划片招生方案' } },
    ]);
    api.lookupZoning.mockResolvedValue(anAnswer({ year: 2025, primary: aPlacement('昌乐县实验小学', '0536-6226018') }));
    const { container } = render(<ZoningService />);
    await waitFor(() => expect(texts(container, '.e2e-zoning-years .gk-zoning__chip')).toEqual(['2026年（当前）', '2025年']));
    expect(container.querySelector('.e2e-zoning-years [role="radiogroup"]')!.getAttribute('aria-label')).toBe('招生年度');
    expect(texts(container, '.e2e-zoning-years [role="radio"][aria-checked="true"]')).toEqual(['2026年（当前）']);
    await click(container.querySelector('.e2e-zoning-year-2025'));
    expect(texts(container, '.e2e-zoning-years [role="radio"][aria-checked="true"]')).toEqual(['2025年']);
    typeInto(container.querySelector('.e2e-zoning-q'), '北辰花园');
    await click(container.querySelector('.e2e-zoning-search'));
    expect(api.lookupZoning).toHaveBeenCalledWith({ q: '北辰花园', year: 2025 });
  });

  it('shows the server’s refusal in place (a year not yet published)', async () => {
    const { ApiError } = jest.requireActual('../../src/api/errors');
    api.lookupZoning.mockRejectedValue(new ApiError({ statusCode: 404, code: 'ZONING_YEAR_NOT_PUBLISHED', message: '2027年的划片范围尚未公布' }));
    const { container } = render(<ZoningService />);
    typeInto(container.querySelector('.e2e-zoning-q'), '北辰花园');
    await click(container.querySelector('.e2e-zoning-search'));
    await waitFor(() => expect(container.querySelector('.e2e-zoning-error')!.textContent).toBe('2027年的划片范围尚未公布'));
  });
});

describe('zoning words', () => {
  it('describes rules in plain Chinese', () => {
    expect(describeRule(aRule({ compound: '新昌路', village: '', from: 2, to: 120, parity: 'even' }))).toBe('宝城街道 · 新昌路 · 2—120号（双号）');
    expect(describeRule(aRule({ buildingFrom: 1, buildingTo: 6 }))).toBe('宝城街道 · 北岩社区 · 北辰花园 · 1—6号楼');
    expect(describeRule(aRule({ compound: '' }))).toBe('宝城街道 · 北岩社区（全社区/村）');
    expect(describeRule(aRule({ village: '', compound: '', applicant: 'migrant' }))).toBe('宝城街道（全镇街） · 随迁子女');
    expect(optionTitle({ applicant: 'all', condition: '房户一致' })).toBe('房户一致');
    expect(optionTitle({ applicant: 'all', condition: null })).toBe('其他情况');
    const withCondition = [{ applicant: 'local', condition: null }, { applicant: 'local', condition: '房户一致' }] as const;
    expect(optionTitle(withCondition[0], withCondition)).toBe('本地户籍 · 其他情况');
    expect(optionTitle(withCondition[1], withCondition)).toBe('本地户籍 · 房户一致');
    const byApplicant = [{ applicant: 'local', condition: null }, { applicant: 'migrant', condition: null }] as const;
    expect(byApplicant.map((o) => optionTitle(o, byApplicant))).toEqual(['本地户籍', '随迁子女']);
    expect(parseNumberField('３５')).toBe(35);
    expect(parseNumberField('0')).toBeNull();
    expect(parseNumberField('123456')).toBeNull();
  });

  it('lists an import’s problems as 工作表 · 行 · 列 · 问题', () => {
    const { container } = render(
      <ImportIssues
        message='文件有 2 处问题，未导入任何内容'
        issues={[
          { field: '学区划分!F3', sheet: '学区划分', row: 3, column: '起始号', message: '起始号大于终止号' },
          { field: '学校信息', sheet: '学校信息', message: '缺少列“电话”' },
        ]}
      />,
    );
    expect(texts(container, '.e2e-zoning-issue')).toEqual(['学区划分3起始号起始号大于终止号', '学校信息——缺少列“电话”']);
    expect(container.querySelector('.e2e-zoning-issues-message')!.textContent).toBe('文件有 2 处问题，未导入任何内容');
  });
});

describe('关联通知 (staff)', () => {
  const requestMock = Taro.request as unknown as jest.Mock;
  const aTable = (over: Partial<ZoningTableView> = {}): ZoningTableView => ({
    id: 7,
    year: 2027,
    state: 'draft',
    ruleCount: 540,
    schoolCount: 34,
    sourceName: '昌乐县2027年义务教育学校划片范围.xlsx',
    importedBy: '演示信息编辑',
    importedAt: '2026-12-06T11:20:00.000Z',
    notice: null,
    publishedAt: null,
    publishedBySetup: false,
    version: 3,
    ...over,
  });

  beforeEach(() => {
    requestMock.mockReset();
    saveToken('staff', { token: 'editor-jwt', expiresAt: '2099-01-01T00:00:00.000Z' });
  });

  it('lists the caller’s editable drafts in the 义务教育划片 topic and attaches the table to the one picked, with the table’s version', async () => {
    const sent: { method: string; url: string; data?: unknown }[] = [];
    requestMock.mockImplementation(async ({ url, method, data }: { url: string; method: string; data?: unknown }) => {
      sent.push({ method, url, data });
      if (url.startsWith('/api/v1/staff/notices?status=draft')) {
        return {
          statusCode: 200,
          data: {
            items: [
              aStaffNotice(31, { title: '2027年城区义务教育学校划片招生方案', topicCodes: ['zoning'], actions: ['edit', 'submit'] }),
              aStaffNotice(32, { title: '秋季开学通知', topicCodes: [], actions: ['edit'] }),
              aStaffNotice(33, { title: '他人的划片通知', topicCodes: ['zoning'], actions: [] }),
            ],
            nextCursor: null,
          },
        };
      }
      if (url.startsWith('/api/v1/staff/notices?status=returned')) return { statusCode: 200, data: { items: [aStaffNotice(34, { status: 'returned', title: '补充通知', topicCodes: ['zoning'], actions: ['edit'] })], nextCursor: null } };
      if (url === '/api/v1/staff/zoning/tables/7/attach') return { statusCode: 200, data: aTable({ state: 'attached', notice: { id: 31, title: '2027年城区义务教育学校划片招生方案', status: 'draft' } }) };
      throw new Error(`unexpected ${url}`);
    });
    const onAttached = jest.fn();
    const { container } = render(<AttachPanel table={aTable()} onAttached={onAttached} />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-zoning-attach-option')).toHaveLength(2));
    expect(texts(container, '.e2e-zoning-attach-option .gk-zs__notice-title')).toEqual(['2027年城区义务教育学校划片招生方案', '补充通知']);
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/staff/notices?status=draft&limit=50', '/api/v1/staff/notices?status=returned&limit=50']);

    await click(container.querySelector('.e2e-zoning-attach-option[data-id="31"]'));
    await click(container.querySelector('.e2e-zoning-attach-submit'));
    await waitFor(() => expect(onAttached).toHaveBeenCalled());
    expect(sent.find((r) => r.method === 'POST')).toEqual({ method: 'POST', url: '/api/v1/staff/zoning/tables/7/attach', data: { noticeId: 31, tableVersion: 3 } });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已关联', icon: 'success' });
  });

  it('sends an attached table’s author to the notice’s own page to submit it, and offers nothing to attach once it is in review', async () => {
    const { container, rerender } = render(<AttachPanel table={aTable({ state: 'in_review', notice: { id: 31, title: '2027年城区义务教育学校划片招生方案', status: 'unit_review' } })} onAttached={jest.fn()} />);
    expect(container.querySelector('.e2e-zoning-attached-status')!.textContent).toBe('科室审核中');
    expect(container.querySelector('.e2e-zoning-attach-option')).toBeNull();
    expect(container.querySelector('.e2e-zoning-open-notice')!.textContent).toBe('查看通知');
    await click(container.querySelector('.e2e-zoning-open-notice'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/review/index?id=31' });
    expect(requestMock).not.toHaveBeenCalled();

    requestMock.mockResolvedValue({ statusCode: 200, data: { items: [], nextCursor: null } });
    rerender(<AttachPanel table={aTable({ state: 'attached', notice: { id: 31, title: '2027年城区义务教育学校划片招生方案', status: 'draft' } })} onAttached={jest.fn()} />);
    await click(container.querySelector('.e2e-zoning-open-notice'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/compose/index?id=31' });
  });
});
