import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * 依申请公开 (issue 16): requests with their timeline, fee notices, reply letters and the
 * reconsiderations and lawsuits about disclosure work; WeChat Pay orders, accepted notifications
 * and refunds.
 */
export class Disclosure1803600000000 implements MigrationInterface {
  name = 'Disclosure1803600000000';

  async up(q: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    const at = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const int = (name: string, nullable = false) => ({ name, type: 'int', isNullable: nullable });
    const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'disclosure_request',
        columns: [
          id,
          { ...str('tracking_no', 20), isUnique: true },
          str('verification_hash', 64),
          int('parent_id', true),
          str('channel', 12),
          int('entered_by_id', true),
          str('applicant_type', 20),
          str('organization_kind', 20, true),
          str('applicant_name', 300),
          str('id_type', 20, true),
          str('id_number', 300, true),
          str('credit_code', 300, true),
          str('applicant_hash', 64, true),
          str('legal_representative', 300, true),
          str('contact_name', 300, true),
          str('phone', 300, true),
          str('email', 400, true),
          str('address', 600, true),
          str('postcode', 10, true),
          text('description'),
          text('purpose', true),
          str('provision_form', 12),
          str('delivery', 12),
          { name: 'pieces', type: 'int', default: 1 },
          str('status', 24),
          { name: 'version', type: 'int', default: 1 },
          int('handler_id', true),
          at('submitted_at'),
          str('received_date', 10, true),
          str('clock_from', 10, true),
          text('supplement_request_text', true),
          at('supplement_requested_at', true),
          str('supplement_due_date', 10, true),
          at('supplied_at', true),
          text('supplied_text', true),
          { name: 'extension_days', type: 'int', default: 0 },
          int('extension_pending_days', true),
          text('extension_reason', true),
          int('extension_requested_by_id', true),
          at('extension_requested_at', true),
          int('extension_approved_by_id', true),
          at('extension_approved_at', true),
          text('pauses'),
          str('due_date', 10, true),
          at('due_at', true),
          { name: 'flagged', type: 'boolean', default: false },
          str('last_warning', 12, true),
          str('outcome', 40, true),
          at('concluded_at', true),
          at('parent_cancelled_at', true),
          at('created_at'),
          at('updated_at'),
        ],
        indices: [
          { name: 'idx_disclosure_request_status_due', columnNames: ['status', 'due_at'] },
          { name: 'idx_disclosure_request_parent', columnNames: ['parent_id', 'id'] },
          { name: 'idx_disclosure_request_applicant', columnNames: ['applicant_hash', 'received_date'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disclosure_event',
        columns: [id, int('request_id'), str('action', 24), str('label', 200), text('text', true), { name: 'applicant_visible', type: 'boolean' }, int('actor_id', true), str('actor_name', 50, true), str('notice_state', 12, true), at('created_at')],
        indices: [
          { name: 'idx_disclosure_event_request', columnNames: ['request_id', 'id'] },
          { name: 'idx_disclosure_event_notice', columnNames: ['notice_state', 'id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disclosure_fee',
        columns: [
          id,
          int('request_id'),
          str('method', 10),
          int('count'),
          { name: 'prior_pieces', type: 'int', default: 0 },
          int('amount_fen'),
          text('bands'),
          str('status', 20),
          str('issued_date', 10),
          str('pay_due_date', 10),
          int('issued_by_id'),
          int('payment_order_id', true),
          at('paid_at', true),
          { name: 'refunded_fen', type: 'int', default: 0 },
          { name: 'version', type: 'int', default: 1 },
          at('created_at'),
          at('updated_at'),
        ],
        indices: [
          { name: 'idx_disclosure_fee_request', columnNames: ['request_id'] },
          { name: 'idx_disclosure_fee_status_due', columnNames: ['status', 'pay_due_date'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disclosure_letter',
        columns: [
          id,
          int('request_id'),
          str('outcome', 40),
          text('content'),
          str('status', 12),
          int('year', true),
          int('seq', true),
          int('drafted_by_id'),
          int('approved_by_id', true),
          at('approved_at', true),
          str('pdf_file_id', 36, true),
          str('html_file_id', 36, true),
          at('created_at'),
          at('updated_at'),
        ],
        indices: [
          { name: 'idx_disclosure_letter_request', columnNames: ['request_id'] },
          { name: 'idx_disclosure_letter_number', columnNames: ['year', 'seq'], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disclosure_challenge',
        columns: [
          id,
          str('kind', 32),
          int('request_id', true),
          int('notice_id', true),
          str('case_no', 100),
          str('body', 100),
          str('filed_date', 10),
          str('decided_date', 10, true),
          str('result', 12),
          text('note', true),
          int('created_by_id'),
          int('updated_by_id', true),
          { name: 'version', type: 'int', default: 1 },
          at('created_at'),
          at('updated_at'),
        ],
        indices: [{ name: 'idx_disclosure_challenge_filed', columnNames: ['filed_date'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'payment_order',
        columns: [
          id,
          { ...str('out_trade_no', 32), isUnique: true },
          str('purpose', 30),
          int('purpose_id'),
          str('description', 127),
          int('amount_fen'),
          str('payer_openid', 64, true),
          str('status', 20),
          str('prepay_id', 64, true),
          str('transaction_id', 32, true),
          at('paid_at', true),
          { name: 'refunded_fen', type: 'int', default: 0 },
          { name: 'simulated', type: 'boolean', default: false },
          { name: 'version', type: 'int', default: 1 },
          at('created_at'),
          at('updated_at'),
        ],
        indices: [
          { name: 'idx_payment_order_purpose', columnNames: ['purpose', 'purpose_id'] },
          { name: 'idx_payment_order_status', columnNames: ['status', 'created_at'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'payment_notification',
        columns: [id, { ...str('notification_id', 64), isUnique: true }, str('event_type', 40), str('out_trade_no', 64), str('outcome', 20), at('received_at')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'payment_refund',
        columns: [
          id,
          { ...str('out_refund_no', 64), isUnique: true },
          int('order_id'),
          int('amount_fen'),
          str('reason', 80),
          str('status', 20),
          str('refund_id', 32, true),
          int('requested_by_id', true),
          at('succeeded_at', true),
          at('created_at'),
          at('updated_at'),
        ],
        indices: [{ name: 'idx_payment_refund_order', columnNames: ['order_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['payment_refund', 'payment_notification', 'payment_order', 'disclosure_challenge', 'disclosure_letter', 'disclosure_fee', 'disclosure_event', 'disclosure_request']) await q.dropTable(table);
  }
}
