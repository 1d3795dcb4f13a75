import { Injectable } from '@nestjs/common';
import type { StaffMe, TokenResponse } from '@gongkai/shared';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Tokens } from '../common/auth/tokens';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { Db } from '../database/db';
import { StaffLoginDto } from './dto/staff-login.dto';
import { StaffPasswordChangeDto } from './dto/staff-password.dto';
import type { StaffAccount } from './entities/staff-account.entity';
import { staffPrincipal } from './account-sessions';
import { LoginThrottleService } from './login-throttle.service';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';

@Injectable()
export class AuthService {
  constructor(
    private readonly tokens: Tokens,
    private readonly throttle: LoginThrottleService,
    private readonly accounts: StaffAccountsRepository,
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async staffLogin(dto: StaffLoginDto, meta: RequestMeta): Promise<TokenResponse> {
    // Counted (or refused) before the password is checked, so parallel guesses cannot pass the limit.
    const attempt = await this.throttle.admit(this.throttle.keys(dto.username, meta.ip ?? 'unknown'));
    const account = await this.accounts.findByUsername(dto.username);
    const ok = await verifyPassword(account?.passwordHash ?? DUMMY_HASH, dto.password);
    if (!account || !ok || !account.active) {
      await this.throttle.failed(attempt);
      throw new ApiError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
    }
    await this.throttle.succeeded(attempt);
    await this.db.write((m) => this.audit.record(m, staffPrincipal(account), meta, { action: 'auth.staff_login', entityType: 'staff_account', entityId: account.id }));
    return this.token(account);
  }

  /**
   * A staff member changes their own password. The current password is checked like a sign-in
   * (counted by the same lockout); the new one moves the token version on, which ends every other
   * session of the account, and the caller gets a fresh token.
   */
  async changeOwnPassword(staff: StaffPrincipal, dto: StaffPasswordChangeDto, meta: RequestMeta): Promise<TokenResponse> {
    const attempt = await this.throttle.admit(this.throttle.keys(staff.username, meta.ip ?? 'unknown'));
    const account = await this.accounts.findById(staff.id);
    if (!(await verifyPassword(account.passwordHash, dto.currentPassword))) {
      await this.throttle.failed(attempt);
      throw new ApiError(400, 'CURRENT_PASSWORD_WRONG', '当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
    }
    await this.throttle.succeeded(attempt);
    if (dto.newPassword === dto.currentPassword) throw ApiError.field('newPassword', '新密码不能与当前密码相同');
    const passwordHash = await hashPassword(dto.newPassword);
    const changed = await this.db.transaction(async (m) => {
      await this.audit.record(m, staff, meta, { action: 'auth.staff_password_change', entityType: 'staff_account', entityId: account.id });
      return this.accounts.changePassword(m, account.id, passwordHash);
    });
    return this.token(changed);
  }

  async me(staff: StaffPrincipal): Promise<StaffMe> {
    const account = await this.accounts.findById(staff.id);
    const unit = await this.accounts.unitById(account.unitId);
    return {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      roles: account.roles,
      unit: { id: unit.id, code: unit.code, name: unit.name },
    };
  }

  private token(account: StaffAccount): Promise<TokenResponse> {
    return this.tokens.issue('staff', account.id, account.tokenVersion);
  }
}
