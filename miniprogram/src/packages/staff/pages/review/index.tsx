import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CategoryView, ReviewLogEntry, RoundChanges, StaffCorrectionView, StaffNoticeView, TopicView, UnitView } from '@gongkai/shared';
import { listCategories, listTopics, listUnits } from '../../../../api/catalog';
import { getCorrection, getRoundChanges, getStaffNotice, listReviewLog } from '../../../../api/staff';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import { CorrectionPanel, openCorrectionEditor } from './CorrectionPanel';
import { ReviewActions } from './ReviewActions';
import { ReviewedNotice, RoundChangesView } from './ReviewedNotice';
import { ReviewLog } from './ReviewLog';
import { useReviewForm } from './useReviewForm';
import { NoticePreview } from '../../components/NoticePreview';
import { useDesk } from '../../components/useDesk';
import { previewArticle, staffNoticeSource } from '../../components/NoticePreviewData';
import { StaffShell } from '../../components/StaffShell';
import '../../components/staff.scss';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** A lookup the page can do without (names for codes): when it fails, the codes show instead. */
async function optional<T>(load: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await load();
  } catch {
    return fallback;
  }
}

interface Loaded {
  notice: StaffNoticeView;
  /** The open correction (更正) of a published notice, if any. */
  correction: StaffCorrectionView | null;
  log: ReviewLogEntry[];
  changes: RoundChanges | null;
  categories: CategoryView[];
  topics: TopicView[];
  units: UnitView[];
}

/**
 * One notice in the review chain: the content, what changed since the last round, the log, and
 * the actions the server says the caller may take now (`notice.actions`, with `notice.refusals`
 * saying why the four-eyes rules hold one back). A published notice's open correction (更正) has
 * its own panel and steps; `更正` starts one. The notice as parents will see it is in a phone frame:
 * beside the panel at a desk, behind 预览 on a phone.
 */
export default function StaffReview() {
  return (
    <StaffShell active='review-queue'>
      <ReviewPage />
    </StaffShell>
  );
}

function ReviewPage() {
  const router = useRouter();
  const id = param(router.params, 'id');

  const state = useAsync<Loaded>(async () => {
    const [notice, log, categories, topics, units] = await Promise.all([
      getStaffNotice(id),
      listReviewLog(id),
      optional(listCategories, [] as CategoryView[]),
      optional(listTopics, [] as TopicView[]),
      optional(listUnits, [] as UnitView[]),
    ]);
    const [changes, correction] = await Promise.all([
      notice.round > 1 ? getRoundChanges(id).catch(() => null) : null,
      notice.correction ? getCorrection(id).catch(() => null) : null,
    ]);
    return { notice, correction, log, changes, categories, topics, units };
  }, [id]);

  const [shown, setShown] = useState(false);
  useDidShow(() => {
    // Back from the editor: the notice may have been resubmitted.
    if (shown) void state.reload();
    setShown(true);
  });
  const form = useReviewForm(state.data?.notice, state.reload);
  const wide = useDesk();

  if (!state.data) {
    return (
      <View className={pageRootClass('gk-page gk-review e2e-review')}>
        {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}
      </View>
    );
  }

  const { notice, correction, log, changes, categories, topics, units } = state.data;
  const categoryName = categories.find((c) => c.code === notice.categoryCode)?.name ?? notice.categoryCode;
  const unitName = units.find((u) => u.code === notice.unitCode)?.name ?? notice.unitCode;

  return (
    <View className={pageRootClass('gk-page gk-review e2e-review')} data-status={notice.status}>
      <View className='gk-preview-layout'>
        <View className='gk-preview-layout__main'>
          <ReviewedNotice notice={notice} unitName={unitName} categoryName={categoryName} withContent={!wide} />
          {changes ? <RoundChangesView changes={changes} /> : null}
          {correction ? <CorrectionPanel notice={notice} correction={correction} reload={state.reload} /> : null}
          <ReviewActions notice={notice} form={form} shortcuts={wide} />
          {notice.actions.includes('correct') ? (
            <View className='gk-btn-row'>
              <View className='gk-btn e2e-review-correct' onClick={() => openCorrectionEditor(notice.id)}>
                <Text>更正</Text>
              </View>
            </View>
          ) : null}
          {notice.actions.includes('push') ? (
            <View className='gk-btn-row'>
              <View className='gk-btn gk-btn--primary e2e-review-push' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffPush, { id: notice.id }) })}>
                <Text>推送给订阅家长</Text>
              </View>
            </View>
          ) : null}
          <ReviewLog log={log} />
        </View>
        <View className='gk-preview-layout__aside'>
          <NoticePreview article={previewArticle(staffNoticeSource(notice), { categories, topics, units })} web={{ id: notice.id, version: notice.version }} />
        </View>
      </View>
    </View>
  );
}
