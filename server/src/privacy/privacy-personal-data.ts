import { Injectable, OnModuleInit } from '@nestjs/common';
import { CONSENT_KIND_INFO } from '@gongkai/shared';
import { ConsentsRepository } from './consents.repository';
import { PersonalDataRegistry } from './personal-data-registry';
import { RightsRequestsRepository } from './rights-requests.repository';
import { parentView } from './rights-requests.service';

/** What a cancelled parent's rights requests say instead of their words. */
export const ERASED_TEXT = '（已随账号注销删除）';

/**
 * The privacy module's own tables as personal-data providers. Consent records are kept on
 * cancellation (the evidence that processing had a basis; they hold no personal data); rights
 * requests keep their kind, status and dates, but the parent's words and the replies go.
 */
@Injectable()
export class PrivacyPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly consents: ConsentsRepository,
    private readonly requests: RightsRequestsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      key: 'consents',
      label: '同意记录',
      eraseOrder: 90,
      export: async (parentId) =>
        (await this.consents.history(parentId)).map((c) => ({
          id: c.id,
          kind: c.kind,
          kindLabel: CONSENT_KIND_INFO[c.kind].label,
          granted: c.granted,
          version: c.version,
          channel: c.channel,
          subject: c.subject,
          at: c.createdAt.toISOString(),
        })),
      // Kept as evidence: no personal data in them.
      erase: async () => [],
    });
    this.registry.register({
      key: 'rights-requests',
      label: '个人信息权利申请',
      eraseOrder: 90,
      export: async (parentId) => (await this.requests.ofParent(parentId)).map((r) => ({ ...parentView(r) })),
      erase: async (m, who) => [{ kind: 'privacy_rights_request', label: '个人信息权利申请的内容', count: await this.requests.eraseContent(m, who.parentId, ERASED_TEXT) }],
    });
  }
}
