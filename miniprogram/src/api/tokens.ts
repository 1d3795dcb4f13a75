import Taro from '@tarojs/taro';
import type { TokenKind, TokenResponse } from '@gongkai/shared';

/** Parent and staff tokens live under separate keys: signing one out never touches the other. */
export const TOKEN_KEYS: Record<TokenKind, string> = {
  parent: 'gongkai.token.parent',
  staff: 'gongkai.token.staff',
};

export function saveToken(kind: TokenKind, token: TokenResponse): void {
  Taro.setStorageSync(TOKEN_KEYS[kind], JSON.stringify({ token: token.token, expiresAt: token.expiresAt }));
}

/** The stored token, or null when there is none or it has expired (an expired one is removed). */
export function getToken(kind: TokenKind, now: Date = new Date()): string | null {
  let raw: unknown;
  try {
    raw = Taro.getStorageSync(TOKEN_KEYS[kind]);
  } catch {
    return null;
  }
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    const parsed = JSON.parse(raw) as Partial<TokenResponse>;
    if (typeof parsed.token !== 'string' || parsed.token === '') return null;
    if (parsed.expiresAt && Date.parse(parsed.expiresAt) <= now.getTime()) {
      clearToken(kind);
      return null;
    }
    return parsed.token;
  } catch {
    return null;
  }
}

export function clearToken(kind: TokenKind): void {
  try {
    Taro.removeStorageSync(TOKEN_KEYS[kind]);
  } catch {
    // storage unavailable: nothing to clear
  }
}

export function hasToken(kind: TokenKind): boolean {
  return getToken(kind) !== null;
}
