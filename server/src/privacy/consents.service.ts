import { Injectable } from '@nestjs/common';
import {
  CONSENT_KIND_INFO,
  CONSENT_KINDS,
  PRIVACY_NOTICE,
  type ConsentChangeRequest,
  type ConsentChannel,
  type ConsentKind,
  type ParentConsentsView,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { Db } from '../database/db';
import { needsAgreement, sameAsLatest } from './consent-rules';
import { ConsentsRepository } from './consents.repository';
import type { PrivacyConsent } from './entities/privacy-consent.entity';
import { ErasureLog } from './erasure-log.service';
import { PersonalDataRegistry } from './personal-data-registry';

export interface ConsentInput {
  kind: ConsentKind;
  granted: boolean;
  /** The notice version, for `privacy_notice`. */
  version?: string | null;
  channel: ConsentChannel;
  /** What it was given for, e.g. `咨询 ZX20261009001`. */
  subject?: string | null;
  /** Write nothing when the latest record of the kind already says the same (a repeated subscribe). */
  onlyIfChanged?: boolean;
}

export const consentRequired = () => new ApiError(403, 'PRIVACY_CONSENT_REQUIRED', '请先阅读并同意个人信息保护政策');

/**
 * Consent records (append-only; the latest row of a kind is the consent as it stands). Features
 * call `requireCurrentNotice` before collecting new personal data and `recordIn` inside their own
 * transaction when a step gives a consent (a subscription, a question that may be published).
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ConsentsRepository,
    private readonly registry: PersonalDataRegistry,
    private readonly erasures: ErasureLog,
    private readonly clock: Clock,
  ) {}

  async view(parentId: number, m?: EntityManager): Promise<ParentConsentsView> {
    if (!m) await this.db.settled();
    const history = await this.repo.history(parentId, m);
    const latest = new Map<ConsentKind, PrivacyConsent>();
    for (const row of history) if (!latest.has(row.kind)) latest.set(row.kind, row);
    const notice = latest.get('privacy_notice') ?? null;
    const agreed = notice?.granted ? notice : null;
    return {
      notice: {
        currentVersion: PRIVACY_NOTICE.version,
        agreedVersion: agreed?.version ?? null,
        agreedAt: agreed?.createdAt.toISOString() ?? null,
        needsAgreement: needsAgreement(notice, PRIVACY_NOTICE.version),
      },
      current: CONSENT_KINDS.map((kind) => {
        const row = latest.get(kind);
        return {
          kind,
          ...CONSENT_KIND_INFO[kind],
          granted: row?.granted ?? false,
          version: row?.version ?? null,
          at: row?.createdAt.toISOString() ?? null,
          channel: row?.channel ?? null,
        };
      }),
      history: history.map((r) => ({ id: r.id, kind: r.kind, granted: r.granted, version: r.version, channel: r.channel, subject: r.subject, at: r.createdAt.toISOString() })),
    };
  }

  /**
   * `POST /parents/me/consents`: gives or withdraws one consent. Agreeing to the notice names the
   * version shown, which must be the one in force. A withdrawal runs every feature's reaction
   * (push deletes the subscriptions, …) in the same transaction as its record, and logs the
   * counts. A change that changes nothing writes nothing.
   */
  async change(parentId: number, dto: ConsentChangeRequest, meta: RequestMeta): Promise<ParentConsentsView> {
    const notice = dto.kind === 'privacy_notice';
    if (notice && dto.granted) {
      if (!dto.version) throw ApiError.field('version', '请提供您所同意的个人信息保护政策版本');
      if (dto.version !== PRIVACY_NOTICE.version) throw new ApiError(409, 'NOTICE_VERSION_OUTDATED', '隐私政策已更新，请阅读最新版本后再同意');
    }
    const version = notice && dto.granted ? PRIVACY_NOTICE.version : null;
    return this.db.transaction(async (m) => {
      const latest = await this.repo.latest(parentId, dto.kind, m);
      if (sameAsLatest(latest, dto.granted, version)) return this.view(parentId, m);
      const now = this.clock.now();
      await this.repo.insert(m, { parentId, kind: dto.kind, granted: dto.granted, version, channel: dto.channel ?? meta.channel ?? 'api', subject: null, createdAt: now });
      if (!dto.granted) {
        for (const provider of this.registry.all()) {
          if (!provider.consentWithdrawn) continue;
          await this.erasures.record(m, 'consent_withdrawn', parentId, await provider.consentWithdrawn(m, parentId, dto.kind, now), now);
        }
      }
      return this.view(parentId, m);
    });
  }

  /** 403 PRIVACY_CONSENT_REQUIRED unless the parent agreed to the notice in force. Call before collecting new personal data. */
  async requireCurrentNotice(parentId: number, m?: EntityManager): Promise<void> {
    if (!m) await this.db.settled();
    const latest = await this.repo.latest(parentId, 'privacy_notice', m);
    if (needsAgreement(latest, PRIVACY_NOTICE.version)) throw consentRequired();
  }

  /** Records a consent inside the caller's transaction; true when a row was written. */
  async recordIn(m: EntityManager, parentId: number, input: ConsentInput): Promise<boolean> {
    const version = input.kind === 'privacy_notice' && input.granted ? (input.version ?? PRIVACY_NOTICE.version) : (input.version ?? null);
    if (input.onlyIfChanged && sameAsLatest(await this.repo.latest(parentId, input.kind, m), input.granted, version)) return false;
    await this.repo.insert(m, { parentId, kind: input.kind, granted: input.granted, version, channel: input.channel, subject: input.subject ?? null, createdAt: this.clock.now() });
    return true;
  }
}
