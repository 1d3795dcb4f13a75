import Taro from '@tarojs/taro';
import { importWord, uploadAttachment } from '../../src/api/staff-files';
import { ApiError } from '../../src/api/errors';
import { saveToken } from '../../src/api/tokens';

const uploadMock = Taro.uploadFile as unknown as jest.Mock;

describe('staff file uploads', () => {
  beforeEach(() => {
    uploadMock.mockReset();
    process.env.TARO_APP_API_BASE = '';
    saveToken('staff', { token: 'staff-jwt', expiresAt: '2099-01-01T00:00:00.000Z' });
  });

  it('sends the chosen file under its own name with the staff token, and reports progress', async () => {
    const progress: number[] = [];
    const body = { fileId: 'f1', name: '招生计划表.xlsx', size: 3, contentType: 'application/vnd.ms-excel', sha256: 'ab', url: '/api/v1/attachments/f1?exp=1&sig=a' };
    uploadMock.mockImplementationOnce(() => {
      let report: (p: { progress: number }) => void = () => undefined;
      const task = Promise.resolve().then(() => {
        report({ progress: 100 });
        return { statusCode: 201, data: JSON.stringify(body), errMsg: 'uploadFile:ok' };
      }) as Promise<unknown> & { progress: (cb: (p: { progress: number }) => void) => void };
      task.progress = (cb) => {
        report = cb;
      };
      return task;
    });
    await expect(uploadAttachment('blob:http://localhost/1', '招生计划表.xlsx', (p) => progress.push(p))).resolves.toEqual(body);
    expect(uploadMock).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/v1/staff/attachments',
        filePath: 'blob:http://localhost/1',
        name: 'file',
        fileName: '招生计划表.xlsx',
        header: { Accept: 'application/json', 'X-Client-Channel': 'h5', Authorization: 'Bearer staff-jwt' },
      }),
    );
    expect(progress).toEqual([100]);
  });

  it('turns the server’s refusal into its Chinese message', async () => {
    uploadMock.mockResolvedValueOnce({ statusCode: 413, data: JSON.stringify({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '附件不能超过 100 MB' }) });
    await expect(uploadAttachment('blob:x', '大文件.zip')).rejects.toEqual(expect.objectContaining({ statusCode: 413, message: '附件不能超过 100 MB' }));
    uploadMock.mockResolvedValueOnce({ statusCode: 400, data: JSON.stringify({ statusCode: 400, code: 'WORD_DOC_UNSUPPORTED', message: '请将 .doc 另存为 .docx 后再导入' }) });
    const error = await importWord('blob:y', '旧.doc').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('WORD_DOC_UNSUPPORTED');
    expect(uploadMock.mock.calls[1][0].url).toBe('/api/v1/staff/notices/import-word');
  });
});
