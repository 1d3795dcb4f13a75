import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type ErasedCount, type ParentIdentifiers, type PersonalDataProvider } from '../privacy/personal-data-registry';
import { ParentAccountsRepository } from './parent-accounts.repository';

/** What a cancelled account is called wherever its row is still shown (archived inquiries' applicant). */
export const CANCELLED_PARENT_NAME = '已注销用户';

/**
 * Identity's part of the rights flow: the parent account itself. It is erased last (every other
 * feature's rows point at it): anonymised in place, never deleted, so ids elsewhere stay valid and
 * counts stay right.
 */
@Injectable()
export class ParentPersonalData implements PersonalDataProvider, OnModuleInit {
  readonly key = 'account';
  readonly label = '账号';
  readonly eraseOrder = 100;

  constructor(
    private readonly parents: ParentAccountsRepository,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async identifiers(m: EntityManager, parentId: number): Promise<Partial<Omit<ParentIdentifiers, 'parentId'>>> {
    const parent = await this.parents.findIn(m, parentId);
    return { openids: parent?.openid ? [parent.openid] : [], unionids: parent?.unionid ? [parent.unionid] : [] };
  }

  async export(parentId: number): Promise<Record<string, unknown>[]> {
    const p = await this.parents.findById(parentId);
    if (!p) return [];
    return [
      {
        id: p.id,
        displayName: p.displayName,
        openid: p.openid,
        unionid: p.unionid,
        demo: p.demo,
        createdAt: p.createdAt.toISOString(),
        lastLoginAt: p.lastLoginAt.toISOString(),
      },
    ];
  }

  async erase(m: EntityManager, who: ParentIdentifiers, now: Date): Promise<ErasedCount[]> {
    const count = await this.parents.anonymise(m, who.parentId, CANCELLED_PARENT_NAME, now);
    return [{ kind: 'parent_account', label: '账号（微信标识和名称已删除）', count }];
  }

  parentNames(ids: number[]): Promise<Map<number, string>> {
    return this.parents.names(ids);
  }

  inactiveParents(m: EntityManager, cutoff: Date, limit: number): Promise<number[]> {
    return this.parents.inactive(m, cutoff, limit);
  }
}
