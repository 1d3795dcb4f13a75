import { Text, View } from '@tarojs/components';
import {
  APPLICANT_TYPE_LABELS,
  DELIVERY_METHOD_LABELS,
  DISCLOSURE_CHANNEL_LABELS,
  FEE_METHOD_LABELS,
  ID_DOCUMENT_TYPE_LABELS,
  ORGANIZATION_KIND_LABELS,
  PROVISION_FORM_LABELS,
  formatFen,
  type DisclosureFeeView,
  type DisclosureTimelineEntry,
  type FeeBand,
  type StaffDisclosureView,
} from '@gongkai/shared';
import { formatDateTime } from '../../utils/time';
import { clockLine, clockState, shortDate, skippedRuns } from '../../utils/disclosure-format';
import '../../../../inquiry/InquiryParts.scss';

/** Read-only parts of the staff request page: the request, its clock, the fee, the timeline. */

const FEE_STATUS_LABELS: Record<DisclosureFeeView['status'], string> = {
  issued: '待缴费',
  paid: '已缴费',
  cancelled: '已撤销',
  lapsed: '逾期未缴',
  refunded: '已退款',
  partially_refunded: '部分退款',
};

function Fact({ label, value, hook = '' }: { label: string; value: string | null | undefined; hook?: string }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <Text className={hook}>
      {label}：{value}
    </Text>
  );
}

/** The request and who asks: the identity in full only for the handler who accepted it. */
export function RequestCard({ view }: { view: StaffDisclosureView }) {
  const org = view.applicantType === 'organization';
  return (
    <View className='gk-dq__card e2e-disclosure-request'>
      <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
        <Text className='gk-status e2e-disclosure-status' data-status={view.status}>
          {view.statusLabel}
        </Text>
        <Text className='e2e-disclosure-tracking'>{view.trackingNo}</Text>
        <Text className='e2e-disclosure-channel'>{DISCLOSURE_CHANNEL_LABELS[view.channel]}</Text>
        {view.outcomeLabel ? <Text className='e2e-disclosure-outcome'>{view.outcomeLabel}</Text> : null}
      </View>
      <Text className='gk-dq__text e2e-disclosure-description'>{view.description}</Text>
      <View className='gk-dq__facts'>
        <Fact label='用途' value={view.purpose} hook='e2e-disclosure-purpose' />
        <Fact label='提供形式' value={PROVISION_FORM_LABELS[view.provisionForm]} />
        <Fact label='获取方式' value={DELIVERY_METHOD_LABELS[view.delivery]} />
        <Fact label='提交时间' value={formatDateTime(view.submittedAt)} />
        <Fact label='收到申请日期' value={view.receivedDate} hook='e2e-disclosure-received' />
        <Fact label='计费件数' value={view.pieces ? String(view.pieces) : null} />
        <Text className='e2e-disclosure-handler'>办理人：{view.handlerName ?? '未指定（确认收到后由确认人办理）'}</Text>
      </View>
      <View className={`gk-dq__facts e2e-disclosure-identity`} data-visible={view.identityVisible ? 'true' : 'false'}>
        <Text className='gk-dq__title' style={{ marginBottom: 0 }}>
          申请人（{APPLICANT_TYPE_LABELS[view.applicantType]}
          {org && view.organizationKind ? ` · ${ORGANIZATION_KIND_LABELS[view.organizationKind]}` : ''}）
        </Text>
        {view.identityVisible ? null : <Text className='gk-dq__small e2e-disclosure-identity-masked'>证件号码等身份信息已隐去，仅受理人可见</Text>}
        <Fact label={org ? '单位名称' : '姓名'} value={view.applicantName} hook='e2e-disclosure-applicant' />
        {org ? (
          <Fact label='统一社会信用代码' value={view.creditCode} hook='e2e-disclosure-credit-code' />
        ) : (
          <Fact
            label={view.idType ? ID_DOCUMENT_TYPE_LABELS[view.idType] : '证件号码'}
            value={view.identityVisible ? view.idNumber : view.idNumberMasked}
            hook='e2e-disclosure-id-number'
          />
        )}
        <Fact label='法定代表人' value={view.legalRepresentative} />
        <Fact label='联系人' value={view.contactName} />
        <Fact label='联系电话' value={view.phone} hook='e2e-disclosure-phone' />
        <Fact label='电子邮箱' value={view.email} />
        <Fact label='通信地址' value={view.address} />
        <Fact label='邮政编码' value={view.postcode} />
      </View>
    </View>
  );
}

/** The answer deadline as it stands, and the 补正 and extension facts that move it. */
export function DeadlinePanel({ view }: { view: StaffDisclosureView }) {
  const d = view.deadline;
  const facts = {
    status: view.status,
    dueDate: d?.dueDate ?? null,
    remainingWorkingDays: d?.remainingWorkingDays ?? null,
    overdue: d?.overdue ?? false,
    paused: d?.paused ?? false,
  };
  const state = clockState(facts);
  const runs = skippedRuns(d?.skipped);
  return (
    <View className='gk-dq__card e2e-disclosure-deadline' data-clock={state} data-due={d?.dueDate ?? ''}>
      <Text className='gk-dq__title'>答复期限</Text>
      {d?.dueDate && state !== 'stopped' && state !== 'finished' ? (
        <Text className='gk-dq__due e2e-disclosure-due'>{shortDate(d.dueDate)}前</Text>
      ) : null}
      <Text className={`gk-dq-clock gk-dq-clock--${state} e2e-disclosure-clock`}>
        {/* The due day is said above: a running clock adds only what is left. */}
        {state === 'running' || state === 'due-soon' ? `剩余 ${facts.remainingWorkingDays ?? '—'} 个工作日` : clockLine(facts)}
      </Text>
      {d ? (
        <View className='gk-dq__facts'>
          <Text>
            自{shortDate(d.from)}的次日起算 {d.workingDays} 个工作日{d.extensionDays ? `（含延期 ${d.extensionDays} 个工作日）` : ''}
          </Text>
          {runs.length ? <Text className='e2e-disclosure-skipped'>跳过：{runs.join('；')}</Text> : null}
          {d.flagged ? <Text className='gk-dq__warn e2e-calendar-flag'>该年度节假日安排尚未录入，暂按周一至周五计算，日期可能调整。</Text> : null}
        </View>
      ) : null}
      {view.supplementNoticeDueDate ? (
        <Text className='gk-dq__small e2e-disclosure-supplement-notice-due'>如需补正，须在{shortDate(view.supplementNoticeDueDate)}前一次性告知（收到申请之日起7个工作日内）</Text>
      ) : null}
      {view.supplement ? (
        <View className='gk-dq__facts e2e-disclosure-supplement'>
          <Text>
            补正告知：{formatDateTime(view.supplement.requestedAt)}，补正期限 {shortDate(view.supplement.dueDate)}
          </Text>
          <Text className='gk-dq__text'>{view.supplement.requestText}</Text>
          {view.supplement.suppliedAt ? (
            <Text className='e2e-disclosure-supplied'>
              已补正：{formatDateTime(view.supplement.suppliedAt)}
              {view.supplement.suppliedText ? `，${view.supplement.suppliedText}` : ''}
            </Text>
          ) : (
            <Text>尚未补正</Text>
          )}
        </View>
      ) : null}
      {view.pendingExtension ? (
        <View className='gk-dq__facts e2e-disclosure-pending-extension'>
          <Text className='gk-dq__warn'>
            延期 {view.pendingExtension.days} 个工作日待负责人批准（{view.pendingExtension.requestedBy ?? ''} {formatDateTime(view.pendingExtension.requestedAt)}）
          </Text>
          <Text className='gk-dq__text'>理由：{view.pendingExtension.reason}</Text>
        </View>
      ) : null}
    </View>
  );
}

export function FeeBands({ bands, unit }: { bands: readonly FeeBand[]; unit: '件' | '页' }) {
  return (
    <View className='e2e-fee-bands'>
      {bands.map((b) => (
        <View key={b.from} className='gk-dq__band e2e-fee-band' data-from={b.from}>
          <Text>
            第{b.from}
            {b.to === null ? '及以上' : `–${b.to}`}
            {unit} · {b.unitFen ? `${formatFen(b.unitFen)}/${unit}` : '免费'} × {b.count}
          </Text>
          <Text>{formatFen(b.subtotalFen)}</Text>
        </View>
      ))}
    </View>
  );
}

/** The fee notice issued for this request. */
export function FeeFacts({ fee }: { fee: DisclosureFeeView }) {
  return (
    <View className='e2e-disclosure-fee' data-status={fee.status}>
      <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
        <Text className='gk-status e2e-disclosure-fee-status'>{FEE_STATUS_LABELS[fee.status]}</Text>
        <Text>{FEE_METHOD_LABELS[fee.method]}</Text>
        <Text>
          {fee.count}
          {fee.method === 'piece' ? '件' : '页'}
        </Text>
        {fee.method === 'piece' ? <Text>本月此前 {fee.priorPieces} 件</Text> : null}
      </View>
      <Text className='gk-dq__amount e2e-disclosure-fee-amount'>{formatFen(fee.amountFen)}</Text>
      <FeeBands bands={fee.bands} unit={fee.method === 'piece' ? '件' : '页'} />
      <View className='gk-dq__facts'>
        <Text>通知日期：{fee.issuedDate}</Text>
        <Text>缴费期限：{fee.payDueDate}</Text>
        {fee.paidAt ? <Text>缴费时间：{formatDateTime(fee.paidAt)}</Text> : null}
        {fee.refundedFen ? <Text className='e2e-disclosure-fee-refunded'>已退款：{formatFen(fee.refundedFen)}</Text> : null}
      </View>
    </View>
  );
}

/** The request's history with the staff who acted; internal notes are marked. */
export function DisclosureTimeline({ entries }: { entries: readonly DisclosureTimelineEntry[] }) {
  return (
    <View className='gk-timeline e2e-timeline'>
      {entries.map((e, i) => (
        <View key={`${e.at}-${i}`} className={`gk-timeline__item e2e-timeline-item ${e.action === 'note' ? 'gk-timeline__item--note e2e-timeline-note' : ''}`} data-action={e.action}>
          <View className='gk-timeline__dot' />
          <View className='gk-timeline__body'>
            <Text className='gk-timeline__label e2e-timeline-label'>{e.action === 'note' ? '内部备注' : e.label}</Text>
            <Text className='gk-timeline__time'>
              {formatDateTime(e.at)}
              {e.by ? ` · ${e.by}` : ''}
            </Text>
            {e.text ? <Text className='gk-timeline__text e2e-timeline-text'>{e.text}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
