import Taro from '@tarojs/taro';
import { ApiError, NETWORK_ERROR_MESSAGE } from '../../src/api/errors';
import { getDeadline, listStaffInquiries, reviewInquiryReply, uploadInquiryPhoto } from '../../src/api/inquiries';
import { getToken, saveToken } from '../../src/api/tokens';

const uploadMock = Taro.uploadFile as unknown as jest.Mock;
const requestMock = Taro.request as unknown as jest.Mock;
const FUTURE = '2099-01-01T00:00:00.000Z';

describe('inquiry request layer', () => {
  beforeEach(() => {
    uploadMock.mockReset();
    requestMock.mockReset();
    saveToken('parent', { token: 'p-token', expiresAt: FUTURE });
    saveToken('staff', { token: 's-token', expiresAt: FUTURE });
  });

  it('uploads a photo as multipart field `file` with the parent token and parses the JSON text', async () => {
    uploadMock.mockResolvedValueOnce({ statusCode: 201, data: '{"id":"P1","contentType":"image/png","bytes":42}', errMsg: 'uploadFile:ok' });
    await expect(uploadInquiryPhoto('wxfile://tmp/a.png')).resolves.toEqual({ id: 'P1', contentType: 'image/png', bytes: 42 });
    expect(uploadMock).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/api/v1/inquiries/photos', filePath: 'wxfile://tmp/a.png', name: 'file', header: expect.objectContaining({ Authorization: 'Bearer p-token' }) }),
    );
  });

  it('turns a refused upload into an ApiError with the server’s Chinese message', async () => {
    uploadMock.mockResolvedValueOnce({ statusCode: 413, data: JSON.stringify({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '图片不能超过5MB' }) });
    await expect(uploadInquiryPhoto('a')).rejects.toMatchObject({ statusCode: 413, message: '图片不能超过5MB' });
    uploadMock.mockRejectedValueOnce(new Error('uploadFile:fail'));
    const e = await uploadInquiryPhoto('a').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toBe(NETWORK_ERROR_MESSAGE);
  });

  it('clears the parent token when an upload answers 401', async () => {
    uploadMock.mockResolvedValueOnce({ statusCode: 401, data: JSON.stringify({ statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录' }) });
    await expect(uploadInquiryPhoto('a')).rejects.toMatchObject({ message: '请先登录' });
    expect(getToken('parent')).toBeNull();
  });

  it('calls the staff and calendar routes of the contract', async () => {
    requestMock.mockResolvedValue({ statusCode: 200, data: {}, header: {} });
    await listStaffInquiries({ scope: 'open', status: 'accepted' });
    expect(requestMock.mock.calls[0][0]).toMatchObject({ url: '/api/v1/staff/inquiries?status=accepted&scope=open', method: 'GET', header: expect.objectContaining({ Authorization: 'Bearer s-token' }) });
    await reviewInquiryReply(7, { version: 2, action: 'approve' });
    expect(requestMock.mock.calls[1][0]).toMatchObject({ url: '/api/v1/staff/inquiries/7/reply-review', method: 'POST', data: { version: 2, action: 'approve' } });
    await getDeadline({ from: '2026-09-28', workingDays: 5 });
    expect(requestMock.mock.calls[2][0].url).toBe('/api/v1/calendar/deadline?from=2026-09-28&workingDays=5');
  });
});
