import type { StaffRole } from '../identity/roles';

export interface StaffLoginRequest {
  username: string;
  password: string;
}

export interface TokenResponse {
  token: string;
  /** ISO time the token stops working. */
  expiresAt: string;
}

export interface StaffMe {
  id: number;
  username: string;
  displayName: string;
  roles: StaffRole[];
  unit: { id: number; code: string; name: string };
}

/** Body of POST /auth/wechat: the code from Taro.login / wx.login. */
export interface WechatLoginRequest {
  code: string;
}

/** GET /auth/options: which parent sign-ins this server offers. */
export interface AuthOptions {
  /** WeChat mini-program login is configured (WECHAT_MINI_APPID and WECHAT_MINI_SECRET). */
  wechat: boolean;
  /** The embedded demo: POST /auth/demo signs in a demo parent (never in production). */
  demo: boolean;
}

/** GET /parents/me: the signed-in parent. The openid and session_key never leave the server. */
export interface ParentMe {
  id: number;
  /** 微信用户 or 演示家长 */
  displayName: string;
  demo: boolean;
  createdAt: string;
}

/** Parent and staff tokens are told apart by this claim. */
export type TokenKind = 'staff' | 'parent';
