import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  APPLICANT_TYPE_LABELS,
  DELIVERY_METHOD_LABELS,
  DISCLOSURE_APPLICANT_STATUS_LABELS,
  ID_DOCUMENT_TYPE_LABELS,
  ORGANIZATION_KIND_LABELS,
  PROVISION_FORM_LABELS,
  maskIdNumber,
  outcomeLabel,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { inBatches, PersonalDataRegistry, type ErasedCount, type ParentIdentifiers, type PersonalDataProvider } from '../../privacy/personal-data-registry';
import { applicantTimeline } from './applicant-disclosure-views.service';
import { DisclosureApplicantRepository } from './disclosure-applicant.repository';

const RETENTION_BATCH = 500;

/**
 * The 依申请公开 part of the rights flow. Export: the parent's requests with everything they gave
 * (contact details in full, their own), except the ID number, masked as everywhere outside its
 * handler (an export file travels further than a screen). Cancellation (注销): identity and
 * contact details of every one of their requests erased and the request marked; what the yearly
 * report counts (applicant type and kind, channel, outcome, dates) and the timeline stay as the
 * archive. Retention (`disclosure_identity`, default 3650 days after the request finished, the
 * archive period of 政府信息公开申请 files): the same erasure, for staff-entered requests too.
 */
@Injectable()
export class DisclosurePersonalData implements PersonalDataProvider, OnModuleInit {
  readonly key = 'disclosure';
  readonly label = '政府信息公开申请';
  readonly eraseOrder = 55;
  readonly retention;

  constructor(
    private readonly repo: DisclosureApplicantRepository,
    private readonly registry: PersonalDataRegistry,
  ) {
    this.retention = [
      {
        kind: 'disclosure_identity' as const,
        run: (m: EntityManager, cutoff: Date) => inBatches(RETENTION_BATCH, async (limit) => this.repo.eraseIdentity(m, await this.repo.withIdentityFinishedBefore(m, cutoff, limit))),
      },
    ];
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(parentId: number, _who: ParentIdentifiers): Promise<Record<string, unknown>[]> {
    const requests = await this.repo.ofParent(parentId);
    const events = await this.repo.visibleEvents(requests.map((r) => r.id));
    return requests.map((r) => ({
      record: 'disclosure_request',
      id: r.id,
      trackingNo: r.trackingNo,
      applicantType: r.applicantType,
      applicantTypeLabel: APPLICANT_TYPE_LABELS[r.applicantType],
      organizationKind: r.organizationKind ? ORGANIZATION_KIND_LABELS[r.organizationKind] : null,
      name: r.applicantName,
      idType: r.idType ? ID_DOCUMENT_TYPE_LABELS[r.idType] : null,
      idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
      creditCode: r.creditCode,
      legalRepresentative: r.legalRepresentative,
      contactName: r.contactName,
      phone: r.phone,
      email: r.email,
      address: r.address,
      postcode: r.postcode,
      description: r.description,
      purpose: r.purpose,
      provisionForm: PROVISION_FORM_LABELS[r.provisionForm],
      delivery: DELIVERY_METHOD_LABELS[r.delivery],
      status: r.status,
      statusLabel: DISCLOSURE_APPLICANT_STATUS_LABELS[r.status],
      submittedAt: r.submittedAt.toISOString(),
      receivedDate: r.receivedDate,
      dueDate: r.dueDate,
      outcome: r.outcome ? outcomeLabel(r.outcome) : null,
      concludedAt: r.concludedAt?.toISOString() ?? null,
      timeline: applicantTimeline(events.filter((e) => e.requestId === r.id)),
    }));
  }

  async erase(m: EntityManager, who: ParentIdentifiers, now: Date): Promise<ErasedCount[]> {
    const { identities, archived, notices } = await this.repo.forgetParent(m, who.parentId, now);
    return [
      { kind: 'disclosure_identity', label: '政府信息公开申请中的身份和联系信息', count: identities },
      { kind: 'disclosure_notice', label: '尚未发送的办理进度通知', count: notices },
      { kind: 'disclosure_archived', label: '政府信息公开申请（作为档案保留，申请人身份已删除）', count: archived },
    ];
  }
}
