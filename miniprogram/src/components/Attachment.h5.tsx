import type { AttachmentView } from '@gongkai/shared';
import { fileUrl } from '../api/config';
import { AttachmentRow } from './AttachmentRow';

/** H5: a plain link the browser downloads or opens (weapp: Attachment.tsx). */
export function Attachment({ a }: { a: AttachmentView }) {
  return (
    <a className='gk-attach e2e-attachment' href={fileUrl(a.url)} target='_blank' rel='noopener noreferrer' download={a.name}>
      <AttachmentRow a={a} action='下载' />
    </a>
  );
}
