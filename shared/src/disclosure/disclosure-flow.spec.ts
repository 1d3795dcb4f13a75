import {
  DISCLOSURE_ACTIONS,
  DISCLOSURE_STATUSES,
  DISCLOSURE_TRANSITIONS,
  disclosureActionsFor,
  disclosureRefusal,
  disclosureTransition,
  type DisclosureAction,
  type DisclosureActor,
  type DisclosureStatus,
} from './disclosure-flow';

const HANDLER: DisclosureActor[] = ['disclosure_handler'];
const HEAD: DisclosureActor[] = ['disclosure_head'];
const APPLICANT: DisclosureActor[] = ['applicant'];
const SYSTEM: DisclosureActor[] = ['system'];

/** Every allowed step: from, action, to, who. Anything not listed is refused. */
const ALLOWED: [DisclosureStatus, DisclosureAction, DisclosureStatus, string][] = [
  ['submitted', 'confirm_receipt', 'processing', 'disclosure_handler,disclosure_head'],
  ['processing', 'request_supplement', 'supplement_requested', 'disclosure_handler,disclosure_head'],
  ['supplement_requested', 'supply', 'processing', 'applicant,disclosure_handler,disclosure_head'],
  ['supplement_requested', 'supplement_lapsed', 'closed', 'system'],
  ['processing', 'start_consultation', 'consulting', 'disclosure_handler,disclosure_head'],
  ['consulting', 'end_consultation', 'processing', 'disclosure_handler,disclosure_head'],
  ['processing', 'charge_fee', 'fee_pending', 'disclosure_handler,disclosure_head'],
  ['fee_pending', 'fee_paid', 'processing', 'system'],
  ['fee_pending', 'cancel_fee', 'processing', 'disclosure_handler,disclosure_head'],
  ['fee_pending', 'fee_lapsed', 'closed', 'system'],
  ['processing', 'request_extension', 'processing', 'disclosure_handler,disclosure_head'],
  ['processing', 'approve_extension', 'processing', 'disclosure_head'],
  ['processing', 'refuse_extension', 'processing', 'disclosure_head'],
  ['processing', 'draft_letter', 'letter_pending', 'disclosure_handler,disclosure_head'],
  ['letter_pending', 'approve_letter', 'answered', 'disclosure_head'],
  ['letter_pending', 'return_letter', 'processing', 'disclosure_head'],
  ['submitted', 'withdraw', 'closed', 'applicant'],
  ['supplement_requested', 'withdraw', 'closed', 'applicant'],
  ['processing', 'withdraw', 'closed', 'applicant'],
  ['consulting', 'withdraw', 'closed', 'applicant'],
  ['fee_pending', 'withdraw', 'closed', 'applicant'],
];

describe('the transitions', () => {
  it('are exactly the listed ones', () => {
    expect(DISCLOSURE_TRANSITIONS.map((t) => [t.from, t.action, t.to, [...t.actors].join(',')])).toEqual(ALLOWED);
  });

  it('every other status × action is refused with DISCLOSURE_NOT_ALLOWED and a Chinese message', () => {
    let refused = 0;
    for (const status of DISCLOSURE_STATUSES) {
      for (const action of DISCLOSURE_ACTIONS) {
        const allowed = ALLOWED.find(([from, a]) => from === status && a === action);
        expect(disclosureTransition(status, action)?.to ?? null).toBe(allowed?.[2] ?? null);
        if (allowed) continue;
        refused++;
        const everyone: DisclosureActor[] = ['disclosure_handler', 'disclosure_head', 'applicant', 'system'];
        expect(disclosureRefusal(status, action, everyone)?.code).toBe('DISCLOSURE_NOT_ALLOWED');
      }
    }
    expect(refused).toBe(8 * 17 - 21);
    expect(disclosureRefusal('answered', 'withdraw', APPLICANT)).toEqual({ code: 'DISCLOSURE_NOT_ALLOWED', message: '该申请当前为“已答复”，不能撤回申请' });
  });

  it('each allowed step is taken by its actors and refused (FORBIDDEN) to everyone else', () => {
    const all: DisclosureActor[] = ['disclosure_handler', 'disclosure_head', 'applicant', 'system', 'editor', 'inquiry_handler', 'admin'];
    // The context every step's own rule passes: an extension pending from someone else, a letter by someone else.
    const context = { actorId: 1, extensionPending: true, extensionRequestedById: 2, letterAuthorId: 2, extensionDays: 0, supplementAsked: false };
    for (const [from, action, , who] of ALLOWED) {
      for (const actor of all) {
        const refusal = disclosureRefusal(from, action, [actor], action === 'request_extension' ? { ...context, extensionPending: false } : context);
        expect([from, action, actor, refusal?.code ?? null]).toEqual([from, action, actor, who.split(',').includes(actor) ? null : 'FORBIDDEN']);
      }
    }
    expect(disclosureRefusal('letter_pending', 'approve_letter', HANDLER)).toEqual({ code: 'FORBIDDEN', message: '您不能执行“审批并送达答复书”' });
  });
});

describe('four eyes', () => {
  it('a letter is approved or returned by a head who did not draft it', () => {
    expect(disclosureRefusal('letter_pending', 'approve_letter', HEAD, { actorId: 7, letterAuthorId: 7 })).toEqual({ code: 'FOUR_EYES', message: '答复书须由拟写人以外的负责人审批' });
    expect(disclosureRefusal('letter_pending', 'return_letter', HEAD, { actorId: 7, letterAuthorId: 7 })?.code).toBe('FOUR_EYES');
    expect(disclosureRefusal('letter_pending', 'approve_letter', HEAD, { actorId: 8, letterAuthorId: 7 })).toBeNull();
    expect(disclosureActionsFor('letter_pending', HEAD, { actorId: 7, letterAuthorId: 7 })).toEqual([]);
    expect(disclosureActionsFor('letter_pending', HEAD, { actorId: 8, letterAuthorId: 7 })).toEqual(['approve_letter', 'return_letter']);
  });

  it('an extension is approved or refused by a head who did not ask for it', () => {
    const own = { actorId: 7, extensionPending: true, extensionRequestedById: 7 };
    expect(disclosureRefusal('processing', 'approve_extension', HEAD, own)).toEqual({ code: 'FOUR_EYES', message: '延期须由申请延期的人以外的负责人批准' });
    expect(disclosureRefusal('processing', 'refuse_extension', HEAD, own)?.code).toBe('FOUR_EYES');
    expect(disclosureRefusal('processing', 'approve_extension', HEAD, { ...own, actorId: 8 })).toBeNull();
    expect(disclosureRefusal('processing', 'approve_extension', HANDLER, { ...own, actorId: 8 })?.code).toBe('FORBIDDEN');
  });

  it('nothing to approve without a pending extension', () => {
    expect(disclosureRefusal('processing', 'approve_extension', HEAD, { actorId: 8, extensionPending: false })).toEqual({ code: 'DISCLOSURE_NOT_ALLOWED', message: '没有待批准的延期申请' });
    expect(disclosureRefusal('processing', 'refuse_extension', HEAD, { actorId: 8 })?.code).toBe('DISCLOSURE_NOT_ALLOWED');
  });
});

describe('once-only and limits', () => {
  it('补正 is asked for only once', () => {
    expect(disclosureRefusal('processing', 'request_supplement', HANDLER, { actorId: 1, supplementAsked: false })).toBeNull();
    expect(disclosureRefusal('processing', 'request_supplement', HANDLER, { actorId: 1, supplementAsked: true })).toEqual({ code: 'DISCLOSURE_NOT_ALLOWED', message: '补正只能告知一次' });
    expect(disclosureActionsFor('processing', HANDLER, { actorId: 1, supplementAsked: true })).not.toContain('request_supplement');
  });

  it('extensions stop at 20 working days in all, and one at a time', () => {
    expect(disclosureRefusal('processing', 'request_extension', HANDLER, { actorId: 1, extensionDays: 0 })).toBeNull();
    expect(disclosureRefusal('processing', 'request_extension', HANDLER, { actorId: 1, extensionDays: 19 })).toBeNull();
    expect(disclosureRefusal('processing', 'request_extension', HANDLER, { actorId: 1, extensionDays: 20 })).toEqual({ code: 'DISCLOSURE_NOT_ALLOWED', message: '延期答复最长不超过 20 个工作日，已用完' });
    expect(disclosureRefusal('processing', 'request_extension', HANDLER, { actorId: 1, extensionDays: 5, extensionPending: true })).toEqual({ code: 'DISCLOSURE_NOT_ALLOWED', message: '已有待批准的延期申请' });
    // Granted plus asked may not pass 20.
    expect(disclosureRefusal('processing', 'request_extension', HANDLER, { actorId: 1, extensionDays: 0, requestedExtensionDays: 20 })).toBeNull();
    expect(disclosureRefusal('processing', 'request_extension', HANDLER, { actorId: 1, extensionDays: 15, requestedExtensionDays: 5 })).toBeNull();
    expect(disclosureRefusal('processing', 'request_extension', HANDLER, { actorId: 1, extensionDays: 15, requestedExtensionDays: 6 })).toEqual({
      code: 'DISCLOSURE_NOT_ALLOWED',
      message: '延期天数须为 1 至 5 个工作日（延期答复最长不超过 20 个工作日）',
    });
    for (const requestedExtensionDays of [0, 21, 2.5, Number.NaN]) {
      expect(disclosureRefusal('processing', 'request_extension', HANDLER, { actorId: 1, requestedExtensionDays })?.code).toBe('DISCLOSURE_NOT_ALLOWED');
    }
  });
});

describe('the buttons (disclosureActionsFor)', () => {
  it('never offers a system action, even to the system', () => {
    const everyone: DisclosureActor[] = ['disclosure_handler', 'disclosure_head', 'applicant', 'system'];
    for (const status of DISCLOSURE_STATUSES) {
      const offered = disclosureActionsFor(status, everyone, { actorId: 1, extensionPending: true, extensionRequestedById: 2, letterAuthorId: 2 });
      for (const action of ['supplement_lapsed', 'fee_paid', 'fee_lapsed'] as const) expect(offered).not.toContain(action);
    }
    for (const status of DISCLOSURE_STATUSES) expect(disclosureActionsFor(status, SYSTEM)).toEqual([]);
  });

  it('offers each actor what it may do now', () => {
    const ctx = { actorId: 1 };
    expect(disclosureActionsFor('submitted', HANDLER, ctx)).toEqual(['confirm_receipt']);
    expect(disclosureActionsFor('submitted', APPLICANT, ctx)).toEqual(['withdraw']);
    expect(disclosureActionsFor('processing', HANDLER, ctx)).toEqual(['request_supplement', 'start_consultation', 'charge_fee', 'request_extension', 'draft_letter']);
    expect(disclosureActionsFor('processing', HEAD, { actorId: 1, extensionPending: true, extensionRequestedById: 2, supplementAsked: true })).toEqual([
      'start_consultation',
      'charge_fee',
      'approve_extension',
      'refuse_extension',
      'draft_letter',
    ]);
    expect(disclosureActionsFor('supplement_requested', APPLICANT, ctx)).toEqual(['supply', 'withdraw']);
    expect(disclosureActionsFor('supplement_requested', HANDLER, ctx)).toEqual(['supply']);
    expect(disclosureActionsFor('consulting', HANDLER, ctx)).toEqual(['end_consultation']);
    expect(disclosureActionsFor('fee_pending', HANDLER, ctx)).toEqual(['cancel_fee']);
    expect(disclosureActionsFor('fee_pending', APPLICANT, ctx)).toEqual(['withdraw']);
    expect(disclosureActionsFor('letter_pending', HANDLER, ctx)).toEqual([]);
    expect(disclosureActionsFor('answered', [...HEAD, ...APPLICANT], ctx)).toEqual([]);
    expect(disclosureActionsFor('closed', [...HEAD, ...APPLICANT], ctx)).toEqual([]);
  });
});
