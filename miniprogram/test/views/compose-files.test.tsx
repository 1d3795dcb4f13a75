import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { UploadedFileView } from '@gongkai/shared';
import * as auth from '../../src/api/auth';
import * as catalog from '../../src/api/catalog';
import * as staff from '../../src/api/staff';
import * as staffFiles from '../../src/api/staff-files';
import { ApiError } from '../../src/api/errors';
import { saveToken } from '../../src/api/tokens';
import StaffCompose from '../../src/packages/staff/pages/compose/index';
import { aStaffMe, aStaffNotice, inputOf } from '../fixtures';
import { taroMock } from '../mocks/taro';

jest.mock('../../src/api/staff');
jest.mock('../../src/api/staff-files');
jest.mock('../../src/api/catalog');
jest.mock('../../src/api/auth', () => ({ ...jest.requireActual('../../src/api/auth'), getStaffMe: jest.fn() }));
const api = jest.mocked(staff);
const files = jest.mocked(staffFiles);
const cat = jest.mocked(catalog);
const me = jest.mocked(auth).getStaffMe;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function uploaded(fileId: string, name: string, size: number, contentType: string): UploadedFileView {
  return { fileId, name, size, contentType, sha256: 'ab'.repeat(32), url: `/api/v1/attachments/${fileId}?exp=1790000000&sig=s1` };
}

beforeEach(() => {
  for (const m of [api, cat, files]) Object.values(m).forEach((fn) => typeof fn === 'function' && 'mockReset' in fn && (fn as jest.Mock).mockReset());
  me.mockReset();
  me.mockResolvedValue(aStaffMe(1, ['editor']));
  cat.listCategories.mockResolvedValue([{ id: 1, code: 'ZSKS', name: '招生考试', description: '', sortOrder: 1 }]);
  cat.listTopics.mockResolvedValue([]);
  cat.listUnits.mockResolvedValue([]);
  saveToken('staff', { token: 's', expiresAt: '2099-01-01T00:00:00.000Z' });
  // jsdom has no object URLs; the component hands the request layer one per chosen file.
  let n = 0;
  URL.createObjectURL = jest.fn(() => `blob:http://localhost/file-${++n}`);
  URL.revokeObjectURL = jest.fn();
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
const choose = async (input: Element | null, chosen: File[]) => {
  if (!input) throw new Error('no file input');
  await act(async () => {
    fireEvent.change(input, { target: { files: chosen } });
  });
};

async function openCompose() {
  const view = render(<StaffCompose />);
  await waitFor(() => expect(view.container.querySelector('.e2e-compose-title')).not.toBeNull());
  return view.container;
}

describe('compose: uploading attachments (H5)', () => {
  it('uploads each chosen file, lists it with its type and size, shows a refusal per file, and saves uploads as {fileId, name}', async () => {
    files.uploadAttachment.mockImplementation(async (_path, name, onProgress) => {
      if (name === '照片.pdf') {
        throw new ApiError({ statusCode: 400, code: 'UNSUPPORTED_FILE_TYPE', message: '文件内容与扩展名不符：照片.pdf 不是 PDF 文档' });
      }
      onProgress?.(50);
      return uploaded('f-xlsx', name, 48_640, XLSX);
    });
    api.createNotice.mockImplementation(async (input) => aStaffNotice(7, { ...input, version: 1 } as never));
    const container = await openCompose();

    await choose(container.querySelector('.e2e-compose-upload-input'), [
      new File(['x'], '招生计划表.xlsx', { type: XLSX }),
      new File(['y'], '照片.pdf', { type: 'application/pdf' }),
      new File(['z'], '说明.html', { type: 'text/html' }),
    ]);
    await waitFor(() => expect(container.querySelectorAll('.e2e-compose-file')).toHaveLength(1));

    // The type is checked before anything is sent; the two others went up one after the other, named.
    expect(files.uploadAttachment).toHaveBeenCalledTimes(2);
    expect(files.uploadAttachment.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ['blob:http://localhost/file-1', '招生计划表.xlsx'],
      ['blob:http://localhost/file-2', '照片.pdf'],
    ]);
    expect(URL.revokeObjectURL).toHaveBeenCalledTimes(2);

    const file = container.querySelector('.e2e-compose-file')!;
    expect(file.getAttribute('data-file-id')).toBe('f-xlsx');
    expect(file.querySelector('.e2e-compose-file-facts')?.textContent).toBe('Excel 表格 · 48 KB');
    expect(Array.from(container.querySelectorAll('.e2e-compose-upload-error')).map((e) => e.textContent)).toEqual([
      '文件内容与扩展名不符：照片.pdf 不是 PDF 文档',
      '不支持此类文件，可上传PDF、OFD、Word（doc/docx）、Excel（xls/xlsx）、PowerPoint（ppt/pptx）、WPS（wps/et/dps）、ZIP 及图片（jpg/png/gif/webp）',
    ]);
    await click(container.querySelector('.e2e-compose-upload-dismiss'));
    expect(container.querySelectorAll('.e2e-compose-upload-error')).toHaveLength(1);

    // Renamed without its extension: the extension stays. A link row next to it keeps working.
    typeInto(file.querySelector('.e2e-compose-file-name'), '附件1 招生计划表');
    await click(container.querySelector('.e2e-compose-add-attachment'));
    typeInto(container.querySelector('.e2e-compose-attachment-name'), '报名系统说明');
    typeInto(container.querySelector('.e2e-compose-attachment-url'), 'https://www.example.gov.cn/bm.pdf');

    typeInto(container.querySelector('.e2e-compose-title'), '2026年招生计划');
    await click(container.querySelector('.e2e-category-option-ZSKS'));
    await click(container.querySelector('.e2e-infotype-option-business'));
    typeInto(container.querySelector('.e2e-compose-block-text'), '见附件。');
    await click(container.querySelector('.e2e-compose-save'));
    expect(api.createNotice).toHaveBeenCalledWith(
      expect.objectContaining({
        attachments: [
          { fileId: 'f-xlsx', name: '附件1 招生计划表.xlsx' },
          { name: '报名系统说明', url: 'https://www.example.gov.cn/bm.pdf', size: 0 },
        ],
      }),
    );
  });

  it('shows the upload progress while a file goes up', async () => {
    let finish: (f: UploadedFileView) => void = () => undefined;
    files.uploadAttachment.mockImplementation(
      (_path, _name, onProgress) =>
        new Promise((resolve) => {
          onProgress?.(37);
          finish = resolve;
        }),
    );
    const container = await openCompose();
    await choose(container.querySelector('.e2e-compose-upload-input'), [new File(['%PDF'], '划片范围.pdf', { type: 'application/pdf' })]);
    expect(container.querySelector('.e2e-compose-upload-progress')?.textContent).toBe('上传中 37%');
    await act(async () => finish(uploaded('f-pdf', '划片范围.pdf', 1_200_000, 'application/pdf')));
    expect(container.querySelector('.e2e-compose-upload-progress')).toBeNull();
    expect(container.querySelector('.e2e-compose-file .e2e-compose-file-facts')?.textContent).toBe('PDF 文档 · 1.1 MB');
  });

  it('lists the uploaded files of a saved draft with the link rows', async () => {
    taroMock.setRouterParams({ id: '9' });
    api.getStaffNotice.mockResolvedValue(
      aStaffNotice(9, {
        attachments: [
          { name: '报名表.docx', url: '/api/v1/attachments/f-doc?exp=1&sig=a', size: 20_480, fileId: 'f-doc', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
          { name: '旧附件.pdf', url: 'https://www.example.gov.cn/old.pdf', size: 0, fileId: null, contentType: null },
        ],
      }),
    );
    const container = await openCompose();
    expect(container.querySelector('.e2e-compose-file .e2e-compose-file-facts')?.textContent).toBe('Word 文档 · 20 KB');
    expect(inputOf(container, '.e2e-compose-attachment-url').value).toBe('https://www.example.gov.cn/old.pdf');
  });
});

describe('compose: importing a Word document (H5)', () => {
  const IMPORTED = {
    title: '关于做好2026年义务教育招生工作的通知',
    documentNo: '乐教发〔2026〕12号',
    bodyHtml:
      '<h2>一、招生范围</h2><p>城区<strong>8所</strong>小学。</p>' +
      '<table><tbody><tr><th>学校</th><th>计划</th></tr><tr><td>北城小学</td><td>270</td></tr></tbody></table>' +
      '<p><img src="/api/v1/attachments/f-img" alt=""></p>',
    images: [uploaded('f-img', 'image1.png', 5_000, 'image/png')],
    warnings: ['文中的公式未能导入'],
  };

  it('fills the empty title and 文号, takes the body with its table kept, adds the pictures to the attachments and shows the warnings', async () => {
    files.importWord.mockResolvedValue(IMPORTED);
    api.createNotice.mockImplementation(async (input) => aStaffNotice(7, { ...input, version: 1 } as never));
    const container = await openCompose();
    await choose(container.querySelector('.e2e-compose-import-word-input'), [new File(['PK'], '招生通知.docx')]);
    await waitFor(() => expect(inputOf(container, '.e2e-compose-title').value).toBe('关于做好2026年义务教育招生工作的通知'));

    expect(files.importWord).toHaveBeenCalledWith('blob:http://localhost/file-1', '招生通知.docx');
    expect(Taro.showModal).not.toHaveBeenCalled(); // the body was empty
    expect(inputOf(container, '.e2e-compose-docno').value).toBe('乐教发〔2026〕12号');
    expect(Array.from(container.querySelectorAll('.e2e-compose-block')).map((b) => b.getAttribute('data-kind'))).toEqual(['html', 'p', 'html', 'img']);
    const table = container.querySelectorAll('.e2e-compose-block-html')[1]!;
    expect(table.querySelector('td')?.textContent).toBe('北城小学');
    expect(container.querySelector('.e2e-compose-file')?.getAttribute('data-file-id')).toBe('f-img');
    expect(Array.from(container.querySelectorAll('.e2e-compose-import-warning')).map((w) => w.textContent)).toEqual(['文中的公式未能导入']);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已导入', icon: 'success' });

    await click(container.querySelector('.e2e-category-option-ZSKS'));
    await click(container.querySelector('.e2e-infotype-option-business'));
    await click(container.querySelector('.e2e-compose-save'));
    expect(api.createNotice).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '关于做好2026年义务教育招生工作的通知',
        documentNo: '乐教发〔2026〕12号',
        bodyHtml:
          '<h2>一、招生范围</h2><p>城区<strong>8所</strong>小学。</p>' +
          '<table><tbody><tr><th>学校</th><th>计划</th></tr><tr><td>北城小学</td><td>270</td></tr></tbody></table>' +
          '<p><img src="/api/v1/attachments/f-img" alt=""></p>',
        attachments: [{ fileId: 'f-img', name: 'image1.png' }],
      }),
    );
  });

  it('shows the picture of the body through its signed url in the preview', async () => {
    files.importWord.mockResolvedValue(IMPORTED);
    const container = await openCompose();
    await choose(container.querySelector('.e2e-compose-import-word-input'), [new File(['PK'], '招生通知.docx')]);
    await waitFor(() => expect(container.querySelector('.e2e-compose-file')).not.toBeNull());
    await click(container.querySelector('.e2e-compose-preview-toggle'));
    expect(container.querySelector('.e2e-compose-preview img')?.getAttribute('src')).toBe('/api/v1/attachments/f-img?exp=1790000000&sig=s1');
  });

  it('asks before replacing a body, keeps the title typed, and keeps everything when the author says no', async () => {
    files.importWord.mockResolvedValue(IMPORTED);
    const container = await openCompose();
    typeInto(container.querySelector('.e2e-compose-title'), '我的标题');
    typeInto(container.querySelector('.e2e-compose-block-text'), '已写的正文');

    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    await choose(container.querySelector('.e2e-compose-import-word-input'), [new File(['PK'], '招生通知.docx')]);
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect((container.querySelector('.e2e-compose-block-text') as HTMLTextAreaElement).value).toBe('已写的正文');
    expect(inputOf(container, '.e2e-compose-docno').value).toBe('');
    expect(container.querySelector('.e2e-compose-file')).toBeNull();

    await choose(container.querySelector('.e2e-compose-import-word-input'), [new File(['PK'], '招生通知.docx')]);
    await waitFor(() => expect(container.querySelectorAll('.e2e-compose-block')).toHaveLength(4));
    expect(Taro.showModal).toHaveBeenCalledTimes(2);
    expect(inputOf(container, '.e2e-compose-title').value).toBe('我的标题');
    expect(inputOf(container, '.e2e-compose-docno').value).toBe('乐教发〔2026〕12号');
  });

  it('shows the server’s message for a .doc', async () => {
    files.importWord.mockRejectedValue(new ApiError({ statusCode: 400, code: 'WORD_DOC_UNSUPPORTED', message: '请在 Word 中将 .doc 另存为 .docx 后再导入' }));
    const container = await openCompose();
    await choose(container.querySelector('.e2e-compose-import-word-input'), [new File(['x'], '旧通知.doc')]);
    await waitFor(() => expect(container.querySelector('.e2e-compose-import-error')?.textContent).toBe('请在 Word 中将 .doc 另存为 .docx 后再导入'));
  });
});
