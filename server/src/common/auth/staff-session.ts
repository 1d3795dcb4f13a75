import type { ParentPrincipal, StaffPrincipal } from './staff-principal';
import type { StaffTokenClaims } from './tokens';

/**
 * What the guards need to know about accounts, declared here and implemented by identity (which
 * owns the accounts and provides it app-wide), so that common imports no feature.
 */
export abstract class StaffSessions {
  /**
   * The account a staff token names, if that account is still active and the token carries its
   * current token version: a password change (by the admin or oneself), a deactivation or a
   * change of roles or unit moves the version on and so ends every older session at once.
   * Throws 401 UNAUTHENTICATED otherwise. StaffAuthGuard and every route that checks a staff
   * token itself (the photo reader) go through here.
   */
  abstract currentAccount(claims: StaffTokenClaims): Promise<StaffPrincipal>;
}

export abstract class ParentSessions {
  /** The parent a parent token names, if the account still exists. */
  abstract currentAccount(id: number): Promise<ParentPrincipal | null>;
}
