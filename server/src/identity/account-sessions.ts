import { Global, Injectable, Module } from '@nestjs/common';
import type { ParentPrincipal, StaffPrincipal } from '../common/auth/staff-principal';
import { ParentSessions, StaffSessions } from '../common/auth/staff-session';
import type { StaffTokenClaims } from '../common/auth/tokens';
import { ApiError } from '../common/errors/api-error';
import type { StaffAccount } from './entities/staff-account.entity';
import { ParentAccountsRepository } from './parent-accounts.repository';
import { StaffAccountsRepository } from './staff-accounts.repository';

export function staffPrincipal(account: StaffAccount): StaffPrincipal {
  return { id: account.id, username: account.username, roles: account.roles, unitId: account.unitId };
}

/** The guards' staff check, over identity's accounts: still there, active, and the token of its current version. */
@Injectable()
export class StaffAccountSessions extends StaffSessions {
  constructor(private readonly accounts: StaffAccountsRepository) {
    super();
  }

  async currentAccount(claims: StaffTokenClaims): Promise<StaffPrincipal> {
    const account = await this.accounts.find(claims.id);
    if (!account || !account.active) throw new ApiError(401, 'UNAUTHENTICATED', '账号不存在或已停用，请联系管理员');
    if (account.tokenVersion !== claims.tokenVersion) throw new ApiError(401, 'UNAUTHENTICATED', '密码或账号信息已变更，请重新登录');
    return staffPrincipal(account);
  }
}

/** The guards' parent check: the account still exists and was not cancelled (注销 ends every session at once). */
@Injectable()
export class ParentAccountSessions extends ParentSessions {
  constructor(private readonly parents: ParentAccountsRepository) {
    super();
  }

  async currentAccount(id: number): Promise<ParentPrincipal | null> {
    const parent = await this.parents.findById(id);
    return parent && !parent.cancelledAt ? { id: parent.id, demo: parent.demo } : null;
  }
}

/**
 * Provides the account checks app-wide: every module's guards (declared in common) use them.
 * Only the checks are global; the repositories stay identity's (stateless, so a second instance here costs nothing).
 */
@Global()
@Module({
  providers: [StaffAccountsRepository, ParentAccountsRepository, { provide: StaffSessions, useClass: StaffAccountSessions }, { provide: ParentSessions, useClass: ParentAccountSessions }],
  exports: [StaffSessions, ParentSessions],
})
export class AccountSessionsModule {}
