import Taro from '@tarojs/taro';
import type { AuthOptions, ParentMe, StaffLoginRequest, StaffMe, StaffPasswordChangeRequest, TokenResponse, WechatLoginRequest } from '@gongkai/shared';
import { ApiError, WECHAT_LOGIN_FAILED_MESSAGE } from './errors';
import { request } from './request';
import { clearToken, saveToken } from './tokens';

/** Which parent sign-ins the server offers (WeChat, embedded demo). */
export function getAuthOptions(): Promise<AuthOptions> {
  return request<AuthOptions>('/auth/options');
}

// ---- staff -------------------------------------------------------------------------------------

export async function staffLogin(body: StaffLoginRequest): Promise<TokenResponse> {
  const token = await request<TokenResponse>('/auth/staff', { method: 'POST', body });
  saveToken('staff', token);
  return token;
}

export function getStaffMe(): Promise<StaffMe> {
  return request<StaffMe>('/auth/me', { auth: 'staff' });
}

/**
 * POST /auth/staff/password: the server ends every other session of the account and answers with
 * a fresh token, which replaces the stored one (the old token no longer works).
 */
export async function changeStaffPassword(body: StaffPasswordChangeRequest): Promise<TokenResponse> {
  const token = await request<TokenResponse>('/auth/staff/password', { method: 'POST', auth: 'staff', body });
  saveToken('staff', token);
  return token;
}

export function staffSignOut(): void {
  clearToken('staff');
}

// ---- parents -----------------------------------------------------------------------------------

/** weapp: Taro.login → POST /auth/wechat {code} → the parent token is stored. */
export async function wechatLogin(): Promise<TokenResponse> {
  let code: string | undefined;
  try {
    code = (await Taro.login()).code;
  } catch {
    code = undefined;
  }
  if (!code) throw new ApiError({ statusCode: 0, code: 'WECHAT_LOGIN_FAILED', message: WECHAT_LOGIN_FAILED_MESSAGE });
  const body: WechatLoginRequest = { code };
  const token = await request<TokenResponse>('/auth/wechat', { method: 'POST', body });
  saveToken('parent', token);
  return token;
}

/** The embedded demo only (GET /auth/options says demo: true). */
export async function demoLogin(): Promise<TokenResponse> {
  const token = await request<TokenResponse>('/auth/demo', { method: 'POST' });
  saveToken('parent', token);
  return token;
}

export function getParentMe(): Promise<ParentMe> {
  return request<ParentMe>('/parents/me', { auth: 'parent' });
}

export function parentSignOut(): void {
  clearToken('parent');
}
