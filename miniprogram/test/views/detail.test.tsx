import { act, fireEvent, render, screen } from '@testing-library/react';
import * as catalog from '../../src/api/catalog';
import { ApiError } from '../../src/api/errors';
import NoticeDetailPage from '../../src/pages/notice/detail';
import { aDetail } from '../fixtures';
import { taroMock } from '../mocks/taro';

jest.mock('../../src/api/catalog');
const api = jest.mocked(catalog);
beforeEach(() => Object.values(api).forEach((fn) => typeof fn === 'function' && 'mockReset' in fn && (fn as jest.Mock).mockReset()));

describe('notice detail', () => {
  beforeEach(() => taroMock.setRouterParams({ id: '42' }));

  it('renders title, unit, Shanghai date, 文号, 索引号, the HTML body and the attachments', async () => {
    api.getNotice.mockResolvedValueOnce(
      aDetail(42, {
        title: '2026年城区义务教育学校划片招生方案',
        documentNo: '乐教发〔2026〕12号',
        indexNo: '11370725004410339C/JCJY-2026-00007',
        unit: { code: '11370725004410363H', name: '基础教育科' },
        publishedAt: '2026-06-15T17:00:00.000Z',
        bodyHtml: '<h3>一、招生范围</h3><p>城区<strong>8所</strong>小学。</p><table><tr><td>北城小学</td></tr></table>',
        attachments: [{ name: '附件1：划片范围.pdf', url: 'https://www.example.gov.cn/a.pdf', size: 120_000, fileId: null, contentType: null }],
      }),
    );
    const { container } = render(<NoticeDetailPage />);
    await screen.findByText('2026年城区义务教育学校划片招生方案');
    expect(api.getNotice).toHaveBeenCalledWith('42');
    expect(container.querySelector('.e2e-detail-title')?.textContent).toBe('2026年城区义务教育学校划片招生方案');
    expect(container.querySelector('.e2e-notice-docno')?.textContent).toBe('乐教发〔2026〕12号');
    expect(container.querySelector('.e2e-notice-indexno')?.textContent).toBe('11370725004410339C/JCJY-2026-00007');
    expect(container.querySelector('.e2e-notice-unit')?.textContent).toBe('基础教育科');
    expect(container.querySelector('.e2e-notice-date')?.textContent).toBe('2026-06-16');
    expect(screen.getByText('索引号')).toBeTruthy();
    expect(screen.getByText('文号')).toBeTruthy();

    const body = container.querySelector('.e2e-notice-body')!;
    expect(body.querySelector('h3')?.textContent).toBe('一、招生范围');
    expect(body.querySelector('strong')?.textContent).toBe('8所');
    expect(body.querySelector('td')?.textContent).toBe('北城小学');

    const link = container.querySelector('a.e2e-attachment') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://www.example.gov.cn/a.pdf');
    expect(link.textContent).toContain('附件1：划片范围.pdf');
  });

  it('leaves out 文号 when the notice has none', async () => {
    api.getNotice.mockResolvedValueOnce(aDetail(42, { documentNo: null }));
    const { container } = render(<NoticeDetailPage />);
    await screen.findByText('通知 42');
    expect(container.querySelector('.e2e-notice-docno')).toBeNull();
    expect(container.querySelector('.e2e-notice-indexno')).not.toBeNull();
  });

  it('says under the title when and what was corrected (更正), oldest first, and nothing for a notice never corrected', async () => {
    api.getNotice.mockResolvedValueOnce(
      aDetail(42, {
        title: '关于2026年秋季招生报名的通知',
        corrections: [
          { correctedAt: '2026-12-06T02:00:00.000Z', note: '更正报名截止时间为12月10日' },
          { correctedAt: '2026-12-31T16:30:00.000Z', note: '更正文号' },
        ],
      }),
    );
    const { container, unmount } = render(<NoticeDetailPage />);
    await screen.findByText('关于2026年秋季招生报名的通知');
    expect([...container.querySelectorAll('.e2e-notice-correction')].map((e) => e.textContent)).toEqual([
      '本信息于2026年12月6日更正：更正报名截止时间为12月10日',
      '本信息于2027年1月1日更正：更正文号',
    ]);
    unmount();
    api.getNotice.mockResolvedValueOnce(aDetail(42));
    const plain = render(<NoticeDetailPage />);
    await screen.findByText('通知 42');
    expect(plain.container.querySelector('.e2e-notice-correction')).toBeNull();
  });

  it('shares the path that opens this notice', async () => {
    api.getNotice.mockResolvedValueOnce(aDetail(42, { title: '中考报名通知' }));
    render(<NoticeDetailPage />);
    await screen.findByText('中考报名通知');
    expect(taroMock.fire('shareAppMessage')).toEqual({ title: '中考报名通知', path: '/pages/notice/detail?id=42' });
  });

  it('shows the server message of a missing notice and retries on request', async () => {
    api.getNotice
      .mockRejectedValueOnce(new ApiError({ statusCode: 404, code: 'NOT_FOUND', message: '信息不存在或已撤回' }))
      .mockResolvedValueOnce(aDetail(42));
    const { container } = render(<NoticeDetailPage />);
    await screen.findByText('信息不存在或已撤回');
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-retry')!);
    });
    await screen.findByText('通知 42');
    expect(api.getNotice).toHaveBeenCalledTimes(2);
  });
});
