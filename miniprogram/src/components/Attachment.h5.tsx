import Taro from '@tarojs/taro';
import type { MouseEvent } from 'react';
import type { AttachmentView } from '@gongkai/shared';
import { fileUrl } from '../api/config';
import { WITHDRAWN_MESSAGE } from './attachment-type';
import { AttachmentRow } from './AttachmentRow';


/**
 * Whether an uploaded file can still be fetched: a HEAD request, because a download link that
 * meets a 410 only shows a failed download in the browser's bar, never why. Anything but a 410
 * (a network hiccup, a server without HEAD) lets the browser try the download itself.
 */
async function withdrawn(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'HEAD', cache: 'no-store', credentials: 'omit' });
    return res.status === 410;
  } catch {
    return false;
  }
}

function startDownload(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener noreferrer';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * H5: a link the browser downloads (weapp: Attachment.tsx). An uploaded file (same origin, served
 * with its original name) is checked first, so a notice withdrawn meanwhile says so; a link typed
 * by hand to another site is left to the browser.
 */
export function Attachment({ a }: { a: AttachmentView }) {
  const url = fileUrl(a.url);
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (!a.fileId) return;
    e.preventDefault();
    void withdrawn(url).then((gone) => {
      if (gone) void Taro.showToast({ title: WITHDRAWN_MESSAGE, icon: 'none' });
      else startDownload(url, a.name);
    });
  };
  return (
    <a className='gk-attach e2e-attachment' href={url} target='_blank' rel='noopener noreferrer' download={a.name} onClick={onClick}>
      <AttachmentRow a={a} action='下载' />
    </a>
  );
}
