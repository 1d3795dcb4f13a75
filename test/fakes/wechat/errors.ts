import type { FakeReply } from '../fake-http-server';

/** WeChat's errmsg for the errcodes tests use; others get "fake error". */
const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40032: 'invalid openid list size',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41009: 'missing openid',
  42001: 'access_token expired',
  43004: 'require subscribe',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
};

/** An HTTP 200 answer carrying a WeChat error, as WeChat sends them. */
export const wechatError = (errcode: number, errmsg = ERRMSG[errcode] ?? 'fake error'): FakeReply => ({ body: { errcode, errmsg } });
