import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StaffMe, TokenResponse } from '@gongkai/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { issueToken } from '../common/auth/tokens';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { Db } from '../database/db';
import { Unit } from '../catalog/entities/unit.entity';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { StaffLoginDto } from './dto/staff-login.dto';
import { StaffAccount } from './entities/staff-account.entity';
import { LoginThrottleService } from './login-throttle.service';
import { DUMMY_HASH, verifyPassword } from './password';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    private readonly db: Db,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async staffLogin(dto: StaffLoginDto, meta: RequestMeta): Promise<TokenResponse> {
    const keys = this.throttle.keys(dto.username, meta.ip ?? 'unknown');
    await this.throttle.assertNotLocked(keys);
    const account = await this.dataSource.getRepository(StaffAccount).findOne({ where: { username: dto.username.toLowerCase() } });
    const ok = await verifyPassword(account?.passwordHash ?? DUMMY_HASH, dto.password);
    if (!account || !ok || !account.active) {
      await this.throttle.recordFailure(keys);
      throw new ApiError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
    }
    await this.throttle.recordSuccess(keys);
    await this.db.write((m) => this.audit.record(m, principal(account), meta, { action: 'auth.staff_login', entityType: 'staff_account', entityId: account.id }));
    return issueToken(this.jwt, 'staff', account.id, this.config.auth.tokenTtlSeconds);
  }

  async me(staff: StaffPrincipal): Promise<StaffMe> {
    const account = await this.dataSource.getRepository(StaffAccount).findOneOrFail({ where: { id: staff.id } });
    const unit = await this.dataSource.getRepository(Unit).findOneOrFail({ where: { id: account.unitId } });
    return {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      roles: account.roles,
      unit: { id: unit.id, code: unit.code, name: unit.name },
    };
  }
}

export function principal(account: StaffAccount): StaffPrincipal {
  return { id: account.id, username: account.username, roles: account.roles, unitId: account.unitId };
}
