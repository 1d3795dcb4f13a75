import type { StaffMe } from '@gongkai/shared';
import { getStaffMe } from '../../../api/auth';
import { getPrivacyNotice } from '../../../api/privacy';
import { getToken } from '../../../api/tokens';

/**
 * Who is signed in, fetched once per staff token (GET /auth/me) and shared by the home page, the
 * desktop side navigation and the pages that look at roles, so moving between pages does not ask
 * again. A new token (another sign-in, a password change) asks afresh; a failure is not kept.
 */
let cached: { token: string; me: Promise<StaffMe> } | null = null;
let settled: { token: string; me: StaffMe } | null = null;

export function staffMe(): Promise<StaffMe> {
  const token = getToken('staff');
  if (!token) return getStaffMe(); // refused with 401 → the request layer sends the reader to sign in
  if (cached?.token !== token) {
    const me = getStaffMe();
    const entry = { token, me };
    cached = entry;
    me.then(
      (m) => {
        if (cached === entry) settled = { token, me: m };
      },
      () => {
        if (cached === entry) cached = null;
      },
    );
  }
  return cached.me;
}

/** The member's details when already fetched under the current token (the shell draws them at once). */
export function knownStaffMe(): StaffMe | null {
  const token = getToken('staff');
  return token && settled?.token === token ? settled.me : null;
}

/** The home page asks afresh each time it opens (roles may have changed) and leaves the answer here for the others. */
export function rememberStaffMe(me: StaffMe): void {
  const token = getToken('staff');
  if (!token) return;
  cached = { token, me: Promise.resolve(me) };
  settled = { token, me };
}

/** Forgets the member (signing out). */
export function forgetStaffMe(): void {
  cached = null;
  settled = null;
}

let bureau: Promise<string> | null = null;

/** The bureau's name (the 个人信息处理者 of the public privacy notice), fetched once; '' when unknown. */
export function bureauName(): Promise<string> {
  if (!bureau) {
    bureau = getPrivacyNotice()
      .then((n) => n.controller)
      .catch(() => {
        bureau = null;
        return '';
      });
  }
  return bureau;
}
