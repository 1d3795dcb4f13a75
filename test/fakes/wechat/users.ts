import type { FakeReply } from '../fake-http-server';
import { wechatError } from './errors';

/** Openids per batchget call: WeChat answers 40032 to an empty list or a longer one. */
export const BATCHGET_MAX = 100;

interface User {
  following: boolean;
  unionid?: string;
  /** Seconds, as WeChat gives subscribe_time (the last time the user followed). */
  subscribeTime: number;
}

/**
 * The official account's users behind `/cgi-bin/user/info` and `/cgi-bin/user/info/batchget`,
 * declared by tests: an openid the account knows, whether it follows, and its unionid (present
 * only when the account is bound to an Open Platform account: leave it out to play an unbound one).
 * An openid never declared is not one of the account's (40003).
 */
export class Users {
  private readonly users = new Map<string, User>();

  follow(openid: string, unionid?: string): void {
    const user = this.users.get(openid);
    this.users.set(openid, { following: true, unionid: unionid ?? user?.unionid, subscribeTime: Math.floor(Date.now() / 1000) });
  }

  unfollow(openid: string): void {
    const user = this.users.get(openid);
    if (user) user.following = false;
  }

  /** `GET /cgi-bin/user/info?openid&lang` (lang only picks the language of country names: not checked). */
  info(openid: string | undefined): FakeReply {
    if (!openid) return wechatError(41009);
    const user = this.users.get(openid);
    return user ? { body: this.describe(openid, user) } : wechatError(40003);
  }

  /** `POST /cgi-bin/user/info/batchget {user_list:[{openid, lang?}]}`: one unknown openid fails the whole call, as WeChat does. */
  batch(body: unknown): FakeReply {
    const list = (body as { user_list?: unknown } | undefined)?.user_list;
    if (!Array.isArray(list)) return wechatError(47001);
    if (list.length === 0 || list.length > BATCHGET_MAX) return wechatError(40032);
    const answers: object[] = [];
    for (const item of list) {
      const openid = (item as { openid?: unknown } | null)?.openid;
      if (typeof openid !== 'string') return wechatError(47001);
      const user = this.users.get(openid);
      if (!user) return wechatError(40003);
      answers.push(this.describe(openid, user));
    }
    return { body: { user_info_list: answers } };
  }

  /** As WeChat answers since 2021: no nickname or avatar; nothing but the openid for a user who does not follow. */
  private describe(openid: string, user: User): object {
    if (!user.following) return { subscribe: 0, openid };
    return {
      subscribe: 1,
      openid,
      language: 'zh_CN',
      subscribe_time: user.subscribeTime,
      ...(user.unionid ? { unionid: user.unionid } : {}),
      remark: '',
      groupid: 0,
      tagid_list: [],
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene: 0,
      qr_scene_str: '',
    };
  }
}
