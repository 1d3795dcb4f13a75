import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { NOTICE_STATUS_LABELS, REVIEW_STEP_LABELS, RIGHTS_REQUEST_WORKING_DAYS, STAFF_ROLE_LABELS, may, type InquiryAlerts, type InquiryStats, type ReviewCounts } from '@gongkai/shared';
import { getStaffMe, staffSignOut } from '../../../../api/auth';
import { getReviewCounts, listPendingReviews } from '../../../../api/staff';
import { getInquiryAlerts, getInquiryStats } from '../../../../api/inquiries';
import { getDisclosureAlerts } from '../../../../api/staff-disclosure';
import { ApiError } from '../../../../api/errors';
import { sendToSignIn } from '../../../../api/request';
import { hasToken } from '../../../../api/tokens';
import { useAsync } from '../../../../hooks/useAsync';
import { Button, Cell, CellGroup } from '../../../../components/nut';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { monthToDate } from '../../../../inquiry/inquiry';
import { InquiryAlertsView, InquiryStatsView } from '../../../../inquiry/InquiryDashboard';
import { REPORT_ROUTES } from '../../utils/reports-format';
import { SEARCH_ROUTES } from '../search/search-staff';
import { StaffShell } from '../../components/StaffShell';
import { showsSection } from '../../components/staff-nav';
import { rememberStaffMe } from '../../components/staff-session';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';

interface InquiryWork {
  alerts: InquiryAlerts | null;
  stats: InquiryStats | null;
}

/** The counters on the home page, in the order of the chain. */
const COUNT_STEPS: { key: keyof ReviewCounts; label: string }[] = [
  { key: 'unit_review', label: REVIEW_STEP_LABELS.unit_review },
  { key: 'secrecy_review', label: REVIEW_STEP_LABELS.secrecy_review },
  { key: 'leader_approval', label: REVIEW_STEP_LABELS.leader_approval },
  { key: 'approved', label: NOTICE_STATUS_LABELS.approved },
  { key: 'scheduled', label: NOTICE_STATUS_LABELS.scheduled },
  { key: 'returned', label: NOTICE_STATUS_LABELS.returned },
];

interface Work {
  counts: ReviewCounts | null;
  pending: number | null;
}

/** Who is signed in (GET /auth/me), what waits at each step of the review chain, the work entries. */
export default function StaffHome() {
  const me = useAsync(async () => {
    if (!hasToken('staff')) {
      sendToSignIn('staff');
      throw new ApiError({ statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录' });
    }
    // Asked afresh here (roles may have changed) and kept for the other pages' side navigation.
    const fetched = await getStaffMe();
    rememberStaffMe(fetched);
    return fetched;
  });
  // The counters are extras: a failure leaves them out rather than the whole page.
  const work = useAsync<Work>(async () => {
    if (!hasToken('staff')) return { counts: null, pending: null };
    const [counts, pending] = await Promise.all([getReviewCounts().catch(() => null), listPendingReviews().catch(() => null)]);
    return { counts, pending: pending ? pending.length : null };
  });
  const roles = me.data?.roles ?? [];
  // Entries follow shared's permissions table; buttons on a row follow the server's `actions`.
  const handlesInquiries = may(roles, 'inquiry.handle');
  // Alerts and this month's statistics: extras too, loaded once the roles are known.
  const inquiries = useAsync<InquiryWork>(async () => {
    if (!handlesInquiries) return { alerts: null, stats: null };
    const month = monthToDate();
    const [alerts, stats] = await Promise.all([getInquiryAlerts().catch(() => null), getInquiryStats(month.from, month.to).catch(() => null)]);
    return { alerts, stats };
  }, [handlesInquiries]);
  // 依申请公开: the entries follow the permissions; the counts are an extra (a failure shows —).
  const handlesDisclosure = may(roles, 'disclosure.handle');
  const disclosureMenu = showsSection(roles, 'disclosure');
  const disclosureAlerts = useAsync(async () => (handlesDisclosure ? getDisclosureAlerts().catch(() => null) : null), [handlesDisclosure]);
  useDidShow(() => {
    if (me.data) {
      void work.reload();
      if (handlesInquiries) void inquiries.reload();
      if (handlesDisclosure) void disclosureAlerts.reload();
    }
  });
  const go = (url: string) => void Taro.navigateTo({ url });

  const signOut = () => {
    staffSignOut();
    void Taro.redirectTo({ url: ROUTES.staffLogin });
  };

  return (
    <StaffShell active='home'>
      <View className={pageRootClass('gk-page gk-staff-home e2e-staff-home')}>
        {me.loading && !me.data ? (
          <DetailSkeleton />
        ) : me.error || !me.data ? (
          <ErrorState error={me.error} onRetry={() => void me.reload()} />
        ) : (
          <View>
            <View className='gk-staff-home__card'>
              <Text className='gk-staff-home__hello'>您好，</Text>
              <Text className='gk-staff-home__name e2e-staff-name'>{me.data.displayName}</Text>
              <Text className='gk-staff-home__unit e2e-staff-unit'>{me.data.unit.name}</Text>
              <Text className='gk-staff-home__user'>账号：{me.data.username}</Text>
              <View className='gk-staff-home__roles e2e-staff-roles'>
                {me.data.roles.map((r) => (
                  <Text key={r} className='gk-staff-home__role e2e-staff-role'>
                    {STAFF_ROLE_LABELS[r] ?? r}
                  </Text>
                ))}
              </View>
            </View>
            {work.data?.counts ? (
              <View className='gk-staff-home__counts e2e-staff-counts'>
                {COUNT_STEPS.map((c) => (
                  <View key={c.key} className={`gk-staff-home__count e2e-staff-count-${c.key}`}>
                    <Text className='gk-staff-home__count-num'>{work.data?.counts?.[c.key] ?? 0}</Text>
                    <Text className='gk-staff-home__count-label'>{c.label}</Text>
                  </View>
                ))}
              </View>
            ) : null}
            <CellGroup className='gk-staff-home__cells' title='信息公开'>
              {showsSection(roles, 'compose') ? (
                <Cell className='e2e-staff-compose-link' title='写信息' extra='新建稿件' clickable onClick={() => go(ROUTES.staffCompose)} />
              ) : null}
              <Cell className='e2e-staff-drafts-link' title='我的稿件' extra='草稿、审核中、已退回' clickable onClick={() => go(ROUTES.staffNotices)} />
              <Cell
                className='e2e-staff-queue-link'
                title='待我审核'
                extra={
                  <Text className='gk-staff-home__badge e2e-staff-queue-count'>{work.data?.pending ?? '—'}</Text>
                }
                clickable
                onClick={() => go(ROUTES.staffReviewQueue)}
              />
              <Cell
                className='e2e-staff-published-link'
                title='已发布'
                extra='撤回'
                clickable
                onClick={() => go(withQuery(ROUTES.staffNotices, { status: 'published' }))}
              />
            </CellGroup>
            {handlesInquiries ? (
              <View>
                <CellGroup className='gk-staff-home__cells' title='咨询办理'>
                  <Cell
                    className='e2e-staff-inquiries-link'
                    title='咨询投诉办理'
                    extra={
                      <Text className='gk-staff-home__badge e2e-staff-inquiries-overdue'>
                        {inquiries.data?.alerts ? `超期 ${inquiries.data.alerts.overdue.length}` : '—'}
                      </Text>
                    }
                    clickable
                    onClick={() => go(ROUTES.staffInquiries)}
                  />
                  <Cell className='e2e-staff-oa-binding-link' title='公众号提醒' extra='到期、超期提醒' clickable onClick={() => go(ROUTES.staffOaBinding)} />
                </CellGroup>
                <View className='gk-staff-home__gap' />
                {inquiries.data?.alerts ? <InquiryAlertsView alerts={inquiries.data.alerts} /> : null}
                {inquiries.data?.stats ? <InquiryStatsView stats={inquiries.data.stats} /> : null}
              </View>
            ) : null}
            {!handlesInquiries && showsSection(roles, 'inquiries') ? (
              <CellGroup className='gk-staff-home__cells' title='咨询办理'>
                <Cell
                  className='e2e-staff-reply-review-link'
                  title='投诉答复待我审核'
                  extra='本单位无其他负责人时送分管领导'
                  clickable
                  onClick={() => go(withQuery(ROUTES.staffInquiries, { tab: 'reply_review' }))}
                />
              </CellGroup>
            ) : null}
            {disclosureMenu ? (
              <CellGroup className='gk-staff-home__cells' title='依申请公开'>
                {handlesDisclosure || may(roles, 'disclosure.approve') ? (
                  <Cell
                    className='e2e-staff-disclosures-link'
                    title='依申请公开办理'
                    extra={
                      <Text className='gk-staff-home__badge e2e-staff-disclosures-overdue'>
                        {disclosureAlerts.data ? `超期 ${disclosureAlerts.data.overdue}` : '—'}
                      </Text>
                    }
                    clickable
                    onClick={() => go(ROUTES.staffDisclosures)}
                  />
                ) : null}
                {may(roles, 'disclosure.approve') ? (
                  <Cell className='e2e-staff-disclosure-approval-link' title='待我审批' extra={disclosureAlerts.data ? `${disclosureAlerts.data.awaitingApproval} 件` : '答复书、延期'} clickable onClick={() => go(withQuery(ROUTES.staffDisclosures, { tab: 'approval' }))} />
                ) : null}
                {handlesDisclosure ? (
                  <Cell className='e2e-staff-disclosure-enter-link' title='登记申请' extra='当面、邮寄、传真' clickable onClick={() => go(ROUTES.staffDisclosureEnter)} />
                ) : null}
                {may(roles, 'disclosure.challenges') ? (
                  <Cell className='e2e-staff-disclosure-challenges-link' title='复议诉讼登记' extra='年度报告表四' clickable onClick={() => go(ROUTES.staffDisclosureChallenges)} />
                ) : null}
              </CellGroup>
            ) : null}
            {showsSection(roles, 'privacy') ? (
              <CellGroup className='gk-staff-home__cells' title='个人信息保护'>
                {may(roles, 'privacy.rightsRequests') ? (
                  <Cell className='e2e-staff-privacy-requests-link' title='个人信息权利申请' extra={`${RIGHTS_REQUEST_WORKING_DAYS}个工作日内答复`} clickable onClick={() => go(ROUTES.staffPrivacyRequests)} />
                ) : null}
                {may(roles, 'audit.read') ? (
                  <Cell className='e2e-staff-privacy-access-link' title='个人信息访问记录' extra='访问、删除记录' clickable onClick={() => go(ROUTES.staffPrivacyAccess)} />
                ) : null}
              </CellGroup>
            ) : null}
            {showsSection(roles, 'zoning') ? (
              <CellGroup className='gk-staff-home__cells' title='学区划分'>
                <Cell className='e2e-staff-zoning-link' title='学区划分' extra='导入划片表、关联通知发布' clickable onClick={() => go(ROUTES.staffZoning)} />
              </CellGroup>
            ) : null}
            {showsSection(roles, 'portal-sync') ? (
              <CellGroup className='gk-staff-home__cells' title='门户网站'>
                <Cell className='e2e-staff-portal-sync-link' title='门户同步' extra='推送状态、重新推送' clickable onClick={() => go(ROUTES.staffPortalSync)} />
              </CellGroup>
            ) : null}
            {showsSection(roles, 'reports') ? (
              <CellGroup className='gk-staff-home__cells' title='年度报告'>
                <Cell className='e2e-staff-reports-link' title='政府信息公开工作年度报告' extra='核对、编写、导出、生成信息' clickable onClick={() => go(REPORT_ROUTES.report)} />
                <Cell className='e2e-staff-report-records-link' title='年报资料' extra='热点回应、发布会、建议提案、规范性文件' clickable onClick={() => go(REPORT_ROUTES.records)} />
              </CellGroup>
            ) : null}
            {showsSection(roles, 'search') ? (
              <CellGroup className='gk-staff-home__cells' title='搜索'>
                <Cell className='e2e-staff-search-synonyms-link' title='同义词' extra='搜一个词，同时找到意思相同的词' clickable onClick={() => go(SEARCH_ROUTES.synonyms)} />
                <Cell className='e2e-staff-search-insight-link' title='搜索统计' extra='家长搜了什么、哪些没有结果' clickable onClick={() => go(SEARCH_ROUTES.insight)} />
              </CellGroup>
            ) : null}
            <CellGroup className='gk-staff-home__cells' title='账号'>
              <Cell className='e2e-staff-password-link' title='修改密码' extra='其他设备将退出登录' clickable onClick={() => go(ROUTES.staffPassword)} />
            </CellGroup>
            <View className='gk-staff-home__actions'>
              <Button className='e2e-staff-signout' block fill='outline' type='primary' onClick={signOut}>
                退出登录
              </Button>
            </View>
          </View>
        )}
      </View>
    </StaffShell>
  );
}
