import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { InquiryDeadline, InquiryTimelineEntry, TokenKind } from '@gongkai/shared';
import { API_PREFIX, apiUrl, fileUrl } from '../api/config';
import { download } from '../api/request';
import { formatDateTime } from '../utils/format';
import { explainDeadline, monthDay, skippedRunLabel } from './inquiry';
import './InquiryParts.scss';
import { role } from '../utils/a11y';

/** Shared by the parent pages (services) and the staff pages; small, so it may sit in the main package. */

/**
 * The due date and 为什么是这一天: the working days counted from the day after receipt and the
 * weekends and holidays passed over. `from` is the day of receipt (YYYY-MM-DD).
 */
export function DeadlineExplain({ deadline, from, open: initiallyOpen = false }: { deadline: Pick<InquiryDeadline, 'dueDate' | 'workingDays' | 'skipped' | 'flagged'>; from: string; open?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const why = explainDeadline(from, deadline.dueDate, deadline.skipped);
  return (
    <View className='gk-deadline e2e-deadline' data-due={deadline.dueDate}>
      <View className='gk-deadline__head'>
        <Text className='gk-deadline__label'>答复期限</Text>
        <Text className='gk-deadline__due e2e-deadline-due'>{why.dueLabel}前</Text>
      </View>
      <Text className='gk-deadline__note'>
        自{monthDay(from)}收到的次日起算 {deadline.workingDays} 个工作日
      </Text>
      {deadline.flagged ? (
        <Text className='gk-deadline__flag e2e-deadline-flagged'>该年度节假日安排尚未录入，暂按周一至周五计算，日期可能调整。</Text>
      ) : null}
      <Text className='gk-deadline__toggle e2e-deadline-why' {...role('button')} aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '收起' : '为什么是这一天？'}
      </Text>
      {open ? (
        <View className='gk-deadline__why e2e-deadline-explain'>
          <Text className='gk-deadline__subtitle'>计入的工作日</Text>
          <View className='gk-deadline__days'>
            {why.counted.map((d, i) => (
              <Text key={d.date} className={`gk-deadline__day e2e-deadline-day ${d.makeUp ? 'gk-deadline__day--makeup e2e-deadline-makeup' : ''}`} data-date={d.date}>
                第{i + 1}天 {d.label}
              </Text>
            ))}
          </View>
          {why.skipped.length ? (
            <View>
              <Text className='gk-deadline__subtitle'>跳过的休息日和节假日</Text>
              {why.skipped.map((r) => (
                <Text key={r.from} className='gk-deadline__skipped e2e-deadline-skipped' data-date={r.from}>
                  {skippedRunLabel(r, from)}
                </Text>
              ))}
            </View>
          ) : (
            <Text className='gk-deadline__note'>期间没有休息日或节假日。</Text>
          )}
        </View>
      ) : null}
    </View>
  );
}

/** The inquiry's history, oldest first; internal notes (staff only) are marked. */
export function InquiryTimeline({ entries, showBy = false }: { entries: readonly InquiryTimelineEntry[]; showBy?: boolean }) {
  return (
    <View className='gk-timeline e2e-timeline'>
      {entries.map((e, i) => (
        <View key={`${e.at}-${i}`} className={`gk-timeline__item e2e-timeline-item ${e.action === 'note' ? 'gk-timeline__item--note e2e-timeline-note' : ''}`} data-action={e.action}>
          <View className='gk-timeline__dot' />
          <View className='gk-timeline__body'>
            <Text className='gk-timeline__label e2e-timeline-label'>
              {e.action === 'note' ? '内部备注' : e.label}
            </Text>
            <Text className='gk-timeline__time'>
              {formatDateTime(e.at)}
              {showBy && e.by ? ` · ${e.by}` : ''}
            </Text>
            {e.text ? <Text className='gk-timeline__text e2e-timeline-text'>{e.text}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}

/** An inquiry photo URL as the server gives it (`/api/v1/…`, `/inquiries/photos/…` or absolute). */
export function photoUrl(url: string): string {
  if (/^https?:\/\//i.test(url) || url.startsWith(API_PREFIX)) return fileUrl(url);
  return apiUrl(url.startsWith('/') ? url : `/${url}`);
}

/**
 * A photo only its sender and staff may see: an <Image> cannot send the bearer token, so it is
 * downloaded with it first and shown from the local file.
 */
export function AuthImage({ url, auth, className = '' }: { url: string; auth: TokenKind; className?: string }) {
  const [src, setSrc] = useState('');
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    download(photoUrl(url), { auth })
      .then((path) => live && setSrc(path))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [url, auth]);
  if (failed) {
    return (
      <View className={`gk-iq-photo gk-iq-photo--failed ${className}`}>
        <Text>图片加载失败</Text>
      </View>
    );
  }
  return (
    <View className={`gk-iq-photo ${className}`} onClick={() => src && void Taro.previewImage({ urls: [src], current: src })}>
      {src ? <Image className='gk-iq-photo__img' src={src} mode='aspectFill' /> : <Text className='gk-iq-photo__wait'>加载中</Text>}
    </View>
  );
}
