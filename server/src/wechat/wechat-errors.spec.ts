import { ApiError } from '../common/errors/api-error';
import { WechatApiError, WechatTransportError, isTokenRejected, isTransient, sessionError } from './wechat-errors';

const api = (errcode: number) => new WechatApiError('/sns/jscode2session', errcode, 'msg');
const transport = (kind: WechatTransportError['kind'], status?: number) => new WechatTransportError('/x', kind, 'detail', status);

describe('WeChat error rules', () => {
  it('retries busy (-1), 5xx and broken connections, nothing else', () => {
    expect([api(-1), transport('network'), transport('http', 502)].map(isTransient)).toEqual([true, true, true]);
    expect([api(40029), api(40163), api(45011), transport('timeout'), transport('http', 404), transport('bad-response'), new Error('x')].map(isTransient)).toEqual([
      false, false, false, false, false, false, false,
    ]);
  });

  it('treats 40001 and 42001 as a refused access token', () => {
    expect([api(40001), api(42001), api(40013), transport('network')].map(isTokenRejected)).toEqual([true, true, false, false]);
  });

  it.each([
    [api(40029), 401, 'WECHAT_CODE_INVALID', '登录凭证无效，请重新进入小程序后再试'],
    [api(40163), 401, 'WECHAT_CODE_INVALID', '登录凭证已使用，请重新登录'],
    [api(45011), 503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试'],
    [api(-1), 503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试'],
    [api(40013), 503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试'],
    [transport('timeout'), 503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试'],
  ])('answers a failed code2Session %s with %i %s', (error, status, code, message) => {
    const answer = sessionError(error);
    expect(answer).toBeInstanceOf(ApiError);
    expect({ status: answer.getStatus(), code: answer.code, message: answer.message }).toEqual({ status, code, message });
  });
});
