import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  disclosureRefusal,
  outcomeLabel,
  shanghaiDate,
  shanghaiYear,
  type DisclosureLetterInput,
  type DisclosureLetterView,
  type DisclosureOutcome,
  type DraftDisclosureLetterRequest,
} from '@gongkai/shared';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Db } from '../../database/db';
import { PersonalDataAccessLog } from '../../privacy/personal-data-access-log';
import { sendStoredFile } from '../../storage/file-response';
import { FilesService } from '../../storage/files.service';
import { actorsOf, contextOf, DisclosureSteps, notFound, stale, type DisclosureActorRef } from '../disclosure-steps.service';
import type { DisclosureLetter } from '../entities/disclosure-letter.entity';
import type { DisclosureRequest } from '../entities/disclosure-request.entity';
import { DisclosureRequestsRepository } from '../requests/disclosure-requests.repository';
import { DisclosureLetterViews } from './disclosure-letter-views.service';
import { renderLetterHtml } from './letter-html';
import { renderLetterPdf } from './letter-pdf';
import { letterDocument, letterNumber, type LetterModel } from './letter-template';
import { DisclosureLettersRepository } from './letters.repository';

export const LETTER_NOT_FOUND = () => ApiError.notFound('未找到该答复书');
const PDF_TYPE = 'application/pdf';
const HTML_TYPE = 'text/html; charset=utf-8';
/** A letter is a few dozen KB; anything near this is a fault, not a letter. */
const LETTER_MAX_BYTES = 5 * 1024 * 1024;
/** Approvals of two letters at the same moment race for the same number: the loser renders again with the next. */
const NUMBER_ATTEMPTS = 5;
export const DISCLOSURE_ACCESS_PURPOSE = '办理政府信息公开申请';

/** The next number was taken meanwhile: render again. */
class NumberTaken extends Error {}

export type LetterFormat = 'pdf' | 'html';

/**
 * Reply letters: the handler drafts one from the outcome's template, the office head (never its
 * author) approves it, which numbers it (昌教依复〔2026〕N号, a per-year sequence), stores its
 * HTML and PDF and answers the request in one transaction; or returns it for another draft.
 */
@Injectable()
export class DisclosureLettersService {
  private readonly logger = new Logger('DisclosureLetters');

  constructor(
    private readonly db: Db,
    private readonly requests: DisclosureRequestsRepository,
    private readonly letters: DisclosureLettersRepository,
    private readonly steps: DisclosureSteps,
    private readonly views: DisclosureLetterViews,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly accessLog: PersonalDataAccessLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A draft letter (the request waits for the head); a returned letter is redrafted as a new row, so what was returned stays on record. */
  async draft(staff: StaffPrincipal, id: number, input: DraftDisclosureLetterRequest, meta: RequestMeta): Promise<DisclosureLetterView> {
    await this.request(id);
    const content = cleanContent(input.outcome, input.content);
    const actor: DisclosureActorRef = { kind: 'staff', staff };
    await this.db.transaction(async (m) => {
      const current = await this.requests.find(id, m);
      if (!current || current.version !== input.version) throw stale();
      await this.steps.apply(m, current, actor, 'draft_letter', { events: [{ action: 'draft_letter', text: outcomeLabel(input.outcome), applicantVisible: false }] });
      const now = this.clock.now();
      const letterId = await this.letters.insert(m, {
        requestId: id,
        outcome: input.outcome,
        content,
        status: 'draft',
        year: null,
        seq: null,
        draftedById: staff.id,
        approvedById: null,
        approvedAt: null,
        pdfFileId: null,
        htmlFileId: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record(m, staff, meta, { action: 'disclosure.letter_draft', entityType: 'disclosure_request', entityId: id, after: { letterId, outcome: input.outcome } });
    });
    return (await this.views.forRequest(id, 'staff'))!;
  }

  /**
   * Approves the pending draft: renders the letter with the number it will get (read before the
   * transaction), stores its HTML and PDF as pending files, then in one transaction takes the
   * number from the sequence (another approval took it meanwhile: render again), answers the
   * request with the outcome, marks the letter approved with its files and claims them. Any
   * failure discards the files: nothing is left half-written, and a rolled-back number is no gap.
   */
  async approve(staff: StaffPrincipal, id: number, version: number, meta: RequestMeta): Promise<DisclosureLetterView> {
    const actor: DisclosureActorRef = { kind: 'staff', staff };
    for (let attempt = 1; ; attempt++) {
      const request = await this.request(id);
      const letter = await this.pendingLetter(request, actor, version);
      const now = this.clock.now();
      const year = shanghaiYear(now);
      const scope = `disclosure-letter/${year}`;
      await this.requests.ensureSequence(scope);
      const seq = (await this.letters.lastOfSequence(scope)) + 1;
      const number = letterNumber(this.config.disclosure.letterPrefix, year, seq);
      const model = this.model(request, letter, number, shanghaiDate(now));
      const doc = letterDocument(model);
      const html = renderLetterHtml(doc);
      const pdf = await renderLetterPdf(doc, { createdAt: now });
      const owner = { staffId: staff.id, parentId: request.parentId };
      const stored: string[] = [];
      try {
        const pdfFile = await this.files.storeBuffer(pdf, { purpose: 'generated', name: `${number}答复书.pdf`, contentType: PDF_TYPE, maxBytes: LETTER_MAX_BYTES, ...owner });
        stored.push(pdfFile.id);
        const htmlFile = await this.files.storeBuffer(Buffer.from(html, 'utf8'), { purpose: 'generated', name: `${number}答复书.html`, contentType: HTML_TYPE, maxBytes: LETTER_MAX_BYTES, ...owner });
        stored.push(htmlFile.id);
        await this.db.transaction(async (m) => {
          const current = await this.requests.find(id, m);
          if (!current || current.version !== version) throw stale();
          if ((await this.requests.nextSequence(m, scope)) !== seq) throw new NumberTaken();
          await this.steps.apply(
            m,
            current,
            actor,
            'approve_letter',
            {
              set: { outcome: letter.outcome },
              events: [
                { action: 'approve_letter', text: number, applicantVisible: false },
                { action: 'letter_sent', label: '答复书已送达', text: number, applicantVisible: true },
              ],
            },
            letter.draftedById,
          );
          const settled = await this.letters.settleDraft(m, letter.id, { status: 'approved', year, seq, approvedById: staff.id, approvedAt: now, pdfFileId: pdfFile.id, htmlFileId: htmlFile.id, updatedAt: now });
          if (!settled) throw stale();
          if ((await this.files.claim(m, stored)) !== 2) throw new Error('a letter file was not pending');
          await this.audit.record(m, staff, meta, { action: 'disclosure.letter_approve', entityType: 'disclosure_request', entityId: id, after: { letterId: letter.id, number, outcome: letter.outcome } });
        });
      } catch (error) {
        if (stored.length) await this.files.discard(stored).catch(() => undefined);
        if (error instanceof NumberTaken && attempt < NUMBER_ATTEMPTS) continue;
        if (error instanceof NumberTaken) throw stale();
        throw error;
      }
      return (await this.views.forRequest(id, 'staff'))!;
    }
  }

  /** Sends the draft back to the handler (never by its author): the request is in hand again. */
  async return(staff: StaffPrincipal, id: number, version: number, reason: string, meta: RequestMeta): Promise<DisclosureLetterView> {
    const actor: DisclosureActorRef = { kind: 'staff', staff };
    const request = await this.request(id);
    const letter = await this.pendingLetter(request, actor, version, 'return_letter');
    await this.db.transaction(async (m) => {
      const current = await this.requests.find(id, m);
      if (!current || current.version !== version) throw stale();
      await this.steps.apply(m, current, actor, 'return_letter', { events: [{ action: 'return_letter', text: reason, applicantVisible: false }] }, letter.draftedById);
      if (!(await this.letters.settleDraft(m, letter.id, { status: 'returned', updatedAt: this.clock.now() }))) throw stale();
      await this.audit.record(m, staff, meta, { action: 'disclosure.letter_return', entityType: 'disclosure_request', entityId: id, after: { letterId: letter.id, reason } });
    });
    return (await this.views.forRequest(id, 'staff'))!;
  }

  /** The applicant's copy: only the approved letter, as stored when it was sent. */
  async sendToApplicant(requestId: number, format: LetterFormat, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.db.settled();
    const letter = await this.letters.approved(requestId);
    if (!letter) throw LETTER_NOT_FOUND();
    await this.sendStored(letter, format, request, reply);
  }

  /** The applicant's own request (another's id answers as a missing one). */
  async ownRequest(parentId: number, requestId: number): Promise<void> {
    await this.db.settled();
    const row = await this.requests.find(requestId);
    if (!row || row.parentId !== parentId) throw notFound();
  }

  /**
   * Staff's copy: the approved letter as stored, or the current draft (or returned letter)
   * rendered now, marked 草稿 and without a number. Shows the applicant's name in full, so the
   * read is recorded in the personal-data access log.
   */
  async sendToStaff(staff: StaffPrincipal, requestId: number, format: LetterFormat, request: FastifyRequest, reply: FastifyReply, meta: RequestMeta): Promise<void> {
    await this.db.settled();
    const row = await this.requests.find(requestId);
    if (!row) throw notFound();
    const letter = await this.letters.latest(requestId);
    if (!letter) throw LETTER_NOT_FOUND();
    // Staff-entered requests too (no parent account): every read of the full name is on record.
    await this.accessLog.record(null, staff, meta, { action: 'view', entityType: 'disclosure_request', entityId: requestId, parentId: row.parentId, fields: ['applicantName'], purpose: DISCLOSURE_ACCESS_PURPOSE });
    if (letter.status === 'approved') return this.sendStored(letter, format, request, reply);
    const doc = letterDocument(this.model(row, letter, null, shanghaiDate(this.clock.now())));
    const name = `答复书（草稿）.${format}`;
    const body = format === 'pdf' ? await renderLetterPdf(doc, { createdAt: this.clock.now() }) : Buffer.from(renderLetterHtml(doc), 'utf8');
    await reply
      .code(200)
      .header('content-type', format === 'pdf' ? PDF_TYPE : HTML_TYPE)
      .header('content-disposition', contentDisposition(name, { type: format === 'pdf' ? 'attachment' : 'inline' }))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-length', String(body.length))
      .send(body);
  }

  private async sendStored(letter: DisclosureLetter, format: LetterFormat, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const fileId = format === 'pdf' ? letter.pdfFileId : letter.htmlFileId;
    const file = fileId ? await this.files.find(fileId) : null;
    if (!file) {
      this.logger.error(`an approved letter's ${format} file is missing (letter ${letter.id})`);
      throw LETTER_NOT_FOUND();
    }
    await sendStoredFile(this.files, request, reply.header('x-content-type-options', 'nosniff'), file, {
      disposition: format === 'pdf' ? 'attachment' : 'inline',
      cacheControl: 'private, no-store',
      notFound: '未找到该答复书',
    });
  }

  private async request(id: number): Promise<DisclosureRequest> {
    await this.db.settled();
    const row = await this.requests.find(id);
    if (!row) throw notFound();
    return row;
  }

  /** The draft waiting for the head, after the state machine's checks (409 stale, 409 not pending, 403 four eyes) so nothing is rendered in vain. */
  private async pendingLetter(request: DisclosureRequest, actor: DisclosureActorRef, version: number, action: 'approve_letter' | 'return_letter' = 'approve_letter'): Promise<DisclosureLetter> {
    if (request.version !== version) throw stale();
    const letter = await this.letters.latest(request.id);
    const refused = disclosureRefusal(request.status, action, actorsOf(actor), contextOf(request, actor, letter?.status === 'draft' ? letter.draftedById : null));
    if (refused) throw new ApiError(refused.code === 'DISCLOSURE_NOT_ALLOWED' ? 409 : 403, refused.code, refused.message);
    if (!letter || letter.status !== 'draft') throw new ApiError(409, 'DISCLOSURE_NOT_ALLOWED', '没有待审批的答复书');
    return letter;
  }

  private model(request: DisclosureRequest, letter: DisclosureLetter, number: string | null, date: string): LetterModel {
    const c = this.config.disclosure;
    return {
      agency: c.agency,
      number,
      draft: number === null,
      applicantName: request.applicantName,
      applicantType: request.applicantType,
      trackingNo: request.trackingNo,
      receivedDate: request.receivedDate,
      description: request.description,
      provisionForm: request.provisionForm,
      delivery: request.delivery,
      outcome: letter.outcome,
      content: letter.content,
      date,
      reconsiderationBody: c.reconsiderationBody,
      court: c.court,
      contact: c.contact,
    };
  }
}

/** What each outcome's template uses, trimmed: redactions only for 部分公开, the other agency only for 本机关不掌握, the provision only when something is provided. */
export function cleanContent(outcome: DisclosureOutcome, content: DisclosureLetterInput): DisclosureLetterInput {
  const out: DisclosureLetterInput = { body: content.body.trim() };
  if (outcome === 'partial') {
    const redactions = (content.redactions ?? []).map((r) => ({ part: r.part.trim(), reason: r.reason.trim() }));
    if (!redactions.length) throw ApiError.field('content.redactions', '部分公开须逐项列出不予公开的内容及理由');
    out.redactions = redactions;
  }
  if (outcome === 'unavailable_not_held') out.otherAgency = content.otherAgency?.trim() || null;
  if (outcome === 'granted' || outcome === 'partial') out.provision = content.provision?.trim() || null;
  return out;
}
