import type { StaffRole } from '../identity/roles';

export interface StaffLoginRequest {
  username: string;
  password: string;
}

/** Staff passwords, as account creation and the self-service change require them. */
export const STAFF_PASSWORD_MIN_LENGTH = 10;
export const STAFF_PASSWORD_MAX_LENGTH = 200;

/**
 * Body of POST /auth/staff/password: a staff member changes their own password. The current one
 * is required (and counted by the sign-in lockout); every other session of the account ends and
 * the answer is a fresh token (TokenResponse).
 */
export interface StaffPasswordChangeRequest {
  currentPassword: string;
  newPassword: string;
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
