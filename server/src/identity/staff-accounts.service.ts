import { Injectable } from '@nestjs/common';
import type { StaffAccountView } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import type { Unit } from './entities/unit.entity';
import { StaffAccountCreateDto, StaffAccountUpdateDto } from './dto/staff-account.dto';
import { StaffAccountsRepository } from './staff-accounts.repository';
import type { StaffAccount } from './entities/staff-account.entity';
import { hashPassword } from './password';
import { staffPrincipal } from './account-sessions';

/** Admin management of staff accounts. Password hashes never leave this service, not even to the audit log. */
@Injectable()
export class StaffAccountsService {
  constructor(
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly repository: StaffAccountsRepository,
  ) {}

  /** An active account as the one acting (a command run for it, e.g. the legacy import's author); null if there is none or it is disabled. */
  async principalOf(username: string): Promise<StaffPrincipal | null> {
    const account = await this.repository.findByUsername(username);
    return account?.active ? staffPrincipal(account) : null;
  }

  async list(): Promise<StaffAccountView[]> {
    const [accounts, units] = await Promise.all([this.repository.list(), this.repository.units()]);
    const codes = new Map(units.map((u) => [u.id, u.code]));
    return accounts.map((a) => toView(a, codes.get(a.unitId)!));
  }

  async create(admin: StaffPrincipal, dto: StaffAccountCreateDto, meta: RequestMeta): Promise<StaffAccountView> {
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (m) => {
      const unit = await this.unitByCode(m, dto.unitCode);
      if (await this.repository.usernameTaken(m, dto.username)) throw new ApiError(409, 'USERNAME_TAKEN', `用户名“${dto.username}”已被使用`);
      const account = await this.repository.create(m, { username: dto.username, displayName: dto.displayName, passwordHash, unitId: unit.id, roles: dto.roles, active: true });
      const view = toView(account, unit.code);
      await this.audit.record(m, admin, meta, { action: 'staff_account.create', entityType: 'staff_account', entityId: account.id, after: view });
      return view;
    });
  }

  async update(admin: StaffPrincipal, id: number, dto: StaffAccountUpdateDto, meta: RequestMeta): Promise<StaffAccountView> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.db.transaction(async (m) => {
      const account = await this.repository.find(id, m);
      if (!account) throw ApiError.notFound('未找到该账号');
      const oldUnit = await this.repository.unitById(account.unitId, m);
      const before = toView(account, oldUnit.code);
      const unit = dto.unitCode !== undefined ? await this.unitByCode(m, dto.unitCode) : oldUnit;
      if (account.id === admin.id && (dto.active === false || (dto.roles && !dto.roles.includes('admin')))) {
        throw new ApiError(409, 'CONFLICT', '不能停用自己的账号或取消自己的管理员角色');
      }
      // These end the account's sessions: its tokens were given for the old password, roles or unit.
      const sessionsEnd =
        !!passwordHash ||
        (dto.active !== undefined && dto.active !== account.active) ||
        (dto.roles !== undefined && [...dto.roles].sort().join() !== [...account.roles].sort().join()) ||
        unit.id !== account.unitId;
      Object.assign(account, {
        ...(dto.displayName !== undefined ? { displayName: dto.displayName } : {}),
        ...(dto.roles !== undefined ? { roles: dto.roles } : {}),
        ...(dto.active !== undefined ? { active: dto.active } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        unitId: unit.id,
      });
      await this.repository.save(m, account);
      // In SQL, not from the row read above: a concurrent change of one's own password moves it on too.
      if (sessionsEnd) await this.repository.endSessions(m, id);
      const after = toView(account, unit.code);
      await this.audit.record(m, admin, meta, {
        action: 'staff_account.update',
        entityType: 'staff_account',
        entityId: id,
        before,
        after: { ...after, ...(passwordHash ? { passwordChanged: true } : {}), ...(sessionsEnd ? { sessionsEnded: true } : {}) },
      });
      return after;
    });
  }

  private async unitByCode(m: EntityManager, code: string): Promise<Unit> {
    const unit = await this.repository.unitByCode(m, code);
    if (!unit) throw ApiError.field('unitCode', `单位“${code}”不存在`);
    return unit;
  }
}

function toView(a: StaffAccount, unitCode: string): StaffAccountView {
  return { id: a.id, username: a.username, displayName: a.displayName, unitCode, roles: a.roles, active: a.active, createdAt: a.createdAt.toISOString() };
}
