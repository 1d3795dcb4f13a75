import { act, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { AttachmentView } from '@gongkai/shared';
// H5 variants (this jest config prefers them) and the weapp ones by file name.
import { Attachment as H5Attachment } from '../../src/components/Attachment';
import { Attachment as WeappAttachment } from '../../src/components/Attachment.tsx';
import { NoticeHtml as WeappNoticeHtml } from '../../src/components/NoticeHtml.tsx';
import { NoticeHtml as H5NoticeHtml } from '../../src/components/NoticeHtml';
import { ReviewedNotice } from '../../src/packages/staff/pages/review/ReviewedNotice';
import { aStaffNotice } from '../fixtures';

const PDF: AttachmentView = { name: '附件1：划片范围.pdf', url: '/api/v1/attachments/f-pdf', size: 1_258_291, fileId: 'f-pdf', contentType: 'application/pdf' };
const WPS: AttachmentView = { name: '报名表.wps', url: '/api/v1/attachments/f-wps', size: 30_720, fileId: 'f-wps', contentType: 'application/vnd.ms-works' };
const PNG: AttachmentView = { name: '划片图.png', url: '/api/v1/attachments/f-png', size: 2048, fileId: 'f-png', contentType: 'image/png' };

const API = 'https://api.example.gov.cn';
const originalBase = process.env.TARO_APP_API_BASE;
afterEach(() => {
  process.env.TARO_APP_API_BASE = originalBase;
});

const click = async (el: Element | null) => {
  if (!el) throw new Error('no element to click');
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('attachment rows', () => {
  it('show the type label and size, for an uploaded file and for a link typed by hand', () => {
    const { container } = render(
      <>
        <H5Attachment a={PDF} />
        <H5Attachment a={{ name: '招生计划表', url: '/api/v1/attachments/f-x', size: 48_640, fileId: 'f-x', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }} />
        <H5Attachment a={{ name: '旧附件', url: 'https://www.example.gov.cn/a.zip', size: 0, fileId: null, contentType: null }} />
      </>,
    );
    expect(Array.from(container.querySelectorAll('.e2e-attachment-facts')).map((e) => e.textContent)).toEqual(['PDF 文档 · 1.2 MB', 'Excel 表格 · 48 KB', '压缩包']);
    expect(Array.from(container.querySelectorAll('.gk-attach__icon')).map((e) => e.textContent)).toEqual(['PDF', 'XLSX', 'ZIP']);
  });
});

describe('attachment (H5)', () => {
  const fetchMock = jest.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    global.fetch = fetchMock as unknown as typeof fetch;
  });

  it('downloads an uploaded file under its own name after checking it is still there', async () => {
    fetchMock.mockResolvedValue({ status: 200 });
    const clicked: { href: string; download: string }[] = [];
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    const { container } = render(<H5Attachment a={PDF} />);
    const link = container.querySelector('a.e2e-attachment') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/v1/attachments/f-pdf');
    expect(link.getAttribute('download')).toBe('附件1：划片范围.pdf');
    await click(link);
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/attachments/f-pdf', { method: 'HEAD', cache: 'no-store', credentials: 'omit' });
    expect(clicked).toEqual([{ href: '/api/v1/attachments/f-pdf', download: '附件1：划片范围.pdf' }]);
    spy.mockRestore();
  });

  it('says the notice was withdrawn on a 410 instead of starting a download', async () => {
    fetchMock.mockResolvedValue({ status: 410 });
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { container } = render(<H5Attachment a={PDF} />);
    await click(container.querySelector('a.e2e-attachment'));
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '该信息已撤回', icon: 'none' });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('leaves a link typed by hand to the browser', async () => {
    const { container } = render(<H5Attachment a={{ name: '旧附件.pdf', url: 'https://www.example.gov.cn/a.pdf', size: 0, fileId: null, contentType: null }} />);
    await click(container.querySelector('a.e2e-attachment'));
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('attachment (weapp)', () => {
  beforeEach(() => {
    process.env.TARO_APP_API_BASE = API;
  });

  it('downloads a document from the API origin and opens it by its type', async () => {
    const { container } = render(<WeappAttachment a={PDF} />);
    await click(container.querySelector('.e2e-attachment'));
    expect(Taro.downloadFile).toHaveBeenCalledWith({ url: 'https://api.example.gov.cn/api/v1/attachments/f-pdf' });
    expect(Taro.openDocument).toHaveBeenCalledWith({ filePath: '/tmp/file', showMenu: true, fileType: 'pdf' });
  });

  it('says 该信息已撤回 on a 410', async () => {
    (Taro.downloadFile as jest.Mock).mockResolvedValueOnce({ statusCode: 410, tempFilePath: '' });
    const { container } = render(<WeappAttachment a={PDF} />);
    await click(container.querySelector('.e2e-attachment'));
    expect(Taro.openDocument).not.toHaveBeenCalled();
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '该信息已撤回', icon: 'none' });
  });

  it('previews a picture', async () => {
    const { container } = render(<WeappAttachment a={PNG} />);
    await click(container.querySelector('.e2e-attachment'));
    const url = 'https://api.example.gov.cn/api/v1/attachments/f-png';
    expect(Taro.previewImage).toHaveBeenCalledWith({ urls: [url], current: url });
    expect(Taro.downloadFile).not.toHaveBeenCalled();
  });

  it('shows the address of a file WeChat cannot open (WPS), to open in a browser', async () => {
    const { container } = render(<WeappAttachment a={WPS} />);
    expect(container.querySelector('.e2e-attachment-facts')?.textContent).toBe('WPS 文字 · 30 KB');
    await click(container.querySelector('.e2e-attachment'));
    expect(Taro.downloadFile).not.toHaveBeenCalled();
    expect(Taro.showToast).toHaveBeenCalledWith({ title: 'WPS 文字请在浏览器中打开', icon: 'none' });
    expect(container.querySelector('.e2e-attachment-link')?.textContent).toContain('https://api.example.gov.cn/api/v1/attachments/f-wps');
  });
});

describe('body pictures that are uploaded files', () => {
  const BODY = '<p>划片图如下：</p><p><img src="/api/v1/attachments/f-img" alt="划片图"></p><p><img src="https://www.example.gov.cn/a.png" alt=""></p>';

  it('weapp: get the API origin (rich-text cannot resolve a path)', () => {
    process.env.TARO_APP_API_BASE = API;
    const { container } = render(<WeappNoticeHtml html={BODY} />);
    expect(Array.from(container.querySelectorAll('img')).map((i) => i.getAttribute('src'))).toEqual([
      'https://api.example.gov.cn/api/v1/attachments/f-img',
      'https://www.example.gov.cn/a.png',
    ]);
  });

  it('H5 on the API’s own origin: stay as they are', () => {
    process.env.TARO_APP_API_BASE = '';
    const { container } = render(<H5NoticeHtml html={BODY} />);
    expect(container.querySelector('img')?.getAttribute('src')).toBe('/api/v1/attachments/f-img');
  });

  it('review page: show through the signed url of the attached file', () => {
    const notice = aStaffNotice(7, {
      status: 'unit_review',
      bodyHtml: BODY,
      attachments: [{ name: 'image1.png', url: '/api/v1/attachments/f-img?exp=1790000000&sig=s1', size: 2048, fileId: 'f-img', contentType: 'image/png' }],
    });
    const { container } = render(<ReviewedNotice notice={notice} unitName='基础教育科' categoryName='招生考试' />);
    expect(container.querySelector('.e2e-review-body img')?.getAttribute('src')).toBe('/api/v1/attachments/f-img?exp=1790000000&sig=s1');
    expect(container.querySelector('a.e2e-attachment')?.getAttribute('href')).toBe('/api/v1/attachments/f-img?exp=1790000000&sig=s1');
  });
});
