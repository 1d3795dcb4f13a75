import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { NOTICE_STATUS_LABELS, PAGE_LIMIT_MAX, type StaffNoticeView, type ZoningTableView } from '@gongkai/shared';
import { listStaffNotices } from '../../../../api/staff';
import { attachZoningTable } from '../../../../api/zoning';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyState, ErrorState, ListSkeleton } from '../../../../components/States';
import { ROUTES } from '../../../../utils/routes';
import { zoningTableEditable } from '../../../../utils/zoning-text';
import { formatDateTime } from '../../utils/time';
import { staffNoticePath } from '../../components/StaffNoticeItem';

/** The topic a 划片 notice belongs to (义务教育划片); the server attaches tables only to notices in it. */
const ZONING_TOPIC = 'zoning';

/** Drafts the caller may still edit, in the 义务教育划片 topic: the notices a table can go through review with. */
async function attachableNotices(): Promise<StaffNoticeView[]> {
  const pages = await Promise.all((['draft', 'returned'] as const).map((status) => listStaffNotices({ status, limit: PAGE_LIMIT_MAX })));
  return pages.flatMap((p) => p.items).filter((n) => n.actions.includes('edit') && n.topicCodes.includes(ZONING_TOPIC));
}

/**
 * 关联通知: the table goes through the review chain with the year's 划片 notice. While the table is
 * editable, pick one of the caller's drafts in the topic and attach (the table's workbook becomes the
 * notice's attachment); then the notice is submitted on its own page as any other.
 */
export function AttachPanel({ table, onAttached }: { table: ZoningTableView; onAttached: () => unknown }) {
  const editable = zoningTableEditable(table.state);
  const notices = useAsync(() => (editable ? attachableNotices() : Promise.resolve([])), [editable]);
  const [picked, setPicked] = useState<number | null>(null);
  const { busy, run } = useAction();

  const attach = () => {
    if (picked === null) {
      void Taro.showToast({ title: '请先选择一篇通知', icon: 'none' });
      return;
    }
    void run(() => attachZoningTable(table.id, { noticeId: picked, tableVersion: table.version }), {
      success: '已关联',
      refresh: async () => {
        setPicked(null);
        await onAttached();
        await notices.reload();
      },
    });
  };

  return (
    <View className='gk-zs__section e2e-zoning-attach'>
      {table.notice ? (
        <View className='e2e-zoning-attached' data-notice={table.notice.id}>
          <Text className='gk-zs__sub'>已关联的通知</Text>
          <View className='gk-zs__notice'>
            <Text className='gk-zs__notice-title e2e-zoning-attached-title'>{table.notice.title}</Text>
            <Text className='gk-status e2e-zoning-attached-status'>{NOTICE_STATUS_LABELS[table.notice.status]}</Text>
          </View>
          <Text className='gk-zs__note'>划片表已作为该通知的附件；通知审核发布后，本表即生效。</Text>
          <View className='gk-btn-row'>
            <View
              className='gk-btn gk-btn--primary e2e-zoning-open-notice'
              onClick={() => {
                const n = table.notice;
                if (n) void Taro.navigateTo({ url: staffNoticePath({ id: n.id, status: n.status }) });
              }}
            >
              <Text>{table.state === 'attached' ? '打开通知，提交审核' : '查看通知'}</Text>
            </View>
          </View>
        </View>
      ) : null}
      {!editable ? (
        !table.notice ? <Text className='gk-zs__note'>此表不能再关联通知。</Text> : null
      ) : (
        <View>
          <Text className='gk-zs__sub'>{table.notice ? '改为关联其他通知' : '关联划片招生通知'}</Text>
          <Text className='gk-zs__note'>可选：本人可编辑的、专题为“义务教育划片”的草稿或已退回的信息。</Text>
          {notices.loading && !notices.data ? (
            <ListSkeleton rows={2} />
          ) : notices.error ? (
            <ErrorState error={notices.error} onRetry={() => void notices.reload()} />
          ) : !notices.data?.filter((n) => n.id !== table.notice?.id).length ? (
            <View>
              <EmptyState text='没有可关联的通知' hint='请先写一篇专题为“义务教育划片”的通知（保存为草稿），再回到这里关联。' />
              <View className='gk-btn-row'>
                <View className='gk-btn e2e-zoning-attach-compose' onClick={() => void Taro.navigateTo({ url: ROUTES.staffCompose })}>
                  <Text>写通知</Text>
                </View>
              </View>
            </View>
          ) : (
            <View>
              {notices.data
                .filter((n) => n.id !== table.notice?.id)
                .map((n) => (
                  <View
                    key={n.id}
                    className={`gk-zs__notice e2e-zoning-attach-option ${picked === n.id ? 'gk-zs__notice--on e2e-selected' : ''}`}
                    data-id={n.id}
                    aria-checked={picked === n.id}
                    onClick={() => setPicked(n.id)}
                  >
                    <Text className='gk-zs__notice-title'>{n.title || '（无标题）'}</Text>
                    <Text className='gk-zs__note'>
                      {NOTICE_STATUS_LABELS[n.status]} · {formatDateTime(n.updatedAt)}
                    </Text>
                  </View>
                ))}
              <View className='gk-btn-row'>
                <View className={`gk-btn gk-btn--primary e2e-zoning-attach-submit ${busy || picked === null ? 'gk-btn--disabled' : ''}`} onClick={attach}>
                  <Text>{busy ? '正在关联…' : '关联'}</Text>
                </View>
              </View>
            </View>
          )}
        </View>
      )}
    </View>
  );
}
