import { randomBytes } from 'node:crypto';
import type { FakeReply } from '../fake-http-server';
import { wechatError } from './errors';

interface Issued {
  openid: string;
  unionid?: string;
  used: boolean;
}

/** wx.login codes for `/sns/jscode2session`: each works once, like WeChat's. */
export class LoginCodes {
  private readonly issued = new Map<string, Issued>();
  /** Every session_key handed out, so tests can check none of them leaks. */
  readonly sessionKeys: string[] = [];

  issue(user: { openid: string; unionid?: string }): string {
    const code = randomBytes(16).toString('hex');
    this.issued.set(code, { ...user, used: false });
    return code;
  }

  exchange(code: string | undefined): FakeReply {
    const entry = code ? this.issued.get(code) : undefined;
    if (!entry) return wechatError(40029);
    if (entry.used) return wechatError(40163);
    entry.used = true;
    const sessionKey = randomBytes(16).toString('base64');
    this.sessionKeys.push(sessionKey);
    return { body: { openid: entry.openid, session_key: sessionKey, ...(entry.unionid ? { unionid: entry.unionid } : {}) } };
  }
}
