import { Injectable } from '@nestjs/common';
import { PORTAL_KEY_PREFIX, type PortalClientCreated, type PortalClientView } from '@gongkai/shared';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db } from '../../database/db';
import type { PortalClientDto } from './portal-client.dto';
import type { PortalClient } from './portal-client.entity';
import { PortalClientsRepository } from './portal-clients.repository';

/** Who is calling the sync API, as the portal-key guard found it. */
export interface PortalCaller {
  id: number;
  name: string;
}

/** `gkp_` + 32 random bytes in base64url (43 characters). */
const KEY_PATTERN = /^gkp_[A-Za-z0-9_-]{43}$/;
/** A use is recorded at most this often (one conditional UPDATE). */
const TOUCH_EVERY_MS = 60_000;
/** Missing, malformed, unknown or revoked: one answer, so a caller learns nothing about which. */
const REFUSED = () => new ApiError(401, 'UNAUTHENTICATED', '门户密钥缺失、无效或已撤销，请在 Authorization 中以 Bearer 方式提供有效的门户密钥');

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** The portal's API keys: admins create (shown once), list and revoke them; the sync API checks them. */
@Injectable()
export class PortalClientsService {
  constructor(
    private readonly db: Db,
    private readonly repo: PortalClientsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<PortalClientView[]> {
    return (await this.repo.list()).map(toView);
  }

  /** A new key, returned this once; only its hash is stored. */
  async create(admin: StaffPrincipal, dto: PortalClientDto, meta: RequestMeta): Promise<PortalClientCreated> {
    const key = `${PORTAL_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const view = await this.db.transaction(async (m) => {
      const row = await this.repo.create(m, {
        name: dto.name,
        keyHash: hashKey(key),
        keyPrefix: key.slice(0, PORTAL_KEY_PREFIX.length + 8),
        createdById: admin.id,
        createdByUsername: admin.username,
        createdAt: this.clock.now(),
      });
      const created = toView(row);
      await this.audit.record(m, admin, meta, { action: 'portal_client.create', entityType: 'portal_client', entityId: row.id, after: created });
      return created;
    });
    return { ...view, key };
  }

  /** Revokes the key at once (its next request is refused); revoking it again changes nothing. */
  async revoke(admin: StaffPrincipal, id: number, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      const row = await this.repo.find(m, id);
      if (!row) throw ApiError.notFound('未找到该门户密钥');
      const at = this.clock.now();
      if (!(await this.repo.revoke(m, id, at))) return;
      await this.audit.record(m, admin, meta, {
        action: 'portal_client.revoke',
        entityType: 'portal_client',
        entityId: id,
        before: { name: row.name, keyPrefix: row.keyPrefix, revokedAt: null },
        after: { name: row.name, keyPrefix: row.keyPrefix, revokedAt: at.toISOString() },
      });
    });
  }

  /** The caller behind `Authorization: Bearer <portal key>`; 401 for anything else. */
  async authenticate(authorization: unknown): Promise<PortalCaller> {
    const match = typeof authorization === 'string' ? /^Bearer (\S+)$/i.exec(authorization.trim()) : null;
    const key = match?.[1];
    if (!key || !KEY_PATTERN.test(key)) throw REFUSED();
    const client = await this.repo.findActiveByHash(hashKey(key));
    if (!client) throw REFUSED();
    const now = this.clock.now();
    const notBefore = new Date(now.getTime() - TOUCH_EVERY_MS);
    if (!client.lastUsedAt || client.lastUsedAt < notBefore) await this.repo.touch(client.id, now, notBefore);
    return { id: client.id, name: client.name };
  }
}

function toView(row: PortalClient): PortalClientView {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.keyPrefix,
    createdBy: row.createdByUsername,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
