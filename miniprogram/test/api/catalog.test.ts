import Taro from '@tarojs/taro';
import { getNotice } from '../../src/api/catalog';

const requestMock = Taro.request as unknown as jest.Mock;

/** The server counts a notice's views per channel by the header the app sends with the detail read. */
describe('getNotice()', () => {
  const originalEnv = process.env.TARO_ENV;
  beforeEach(() => {
    requestMock.mockReset();
    requestMock.mockResolvedValue({ statusCode: 200, data: { id: 7 }, header: {}, errMsg: 'request:ok' });
  });
  afterAll(() => {
    process.env.TARO_ENV = originalEnv;
  });

  it.each(['h5', 'weapp'] as const)('says which app reads the notice (X-Client-Channel %s)', async (channel) => {
    process.env.TARO_ENV = channel;
    await getNotice(7);
    expect(requestMock.mock.calls[0][0]).toMatchObject({ url: '/api/v1/notices/7', method: 'GET', header: { 'X-Client-Channel': channel } });
  });
});
