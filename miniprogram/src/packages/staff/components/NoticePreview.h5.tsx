import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { getWebPreview } from '../../../api/staff-preview';
import { errorMessage } from '../../../api/errors';
import { MiniProgramPreview, PreviewCaption, PreviewToggle } from './NoticePreviewParts';
import type { NoticePreviewProps } from './NoticePreview';
import { PhoneFrame } from './PhoneFrame';
import { useDesk } from './useDesk';

export type { NoticePreviewProps } from './NoticePreview';

type Tab = 'mini' | 'web';

/**
 * The public web page of the saved notice, in a phone's browser: the server builds it with the
 * same template as /gk/notices/:id; it is shown in an iframe sandboxed without scripts or an
 * origin, so nothing in it can act on this page.
 */
function WebPreview({ web }: { web: NoticePreviewProps['web'] }) {
  const [state, setState] = useState<{ page?: string; error?: string }>({});
  const key = web ? `${web.id}:${web.version}` : '';
  useEffect(() => {
    if (!web) return;
    let live = true;
    setState({});
    getWebPreview(web.id).then(
      (page) => live && setState({ page }),
      (e: unknown) => live && setState({ error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
    // Fetched again whenever a save gives the notice a new version.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const address = <Text className='gk-preview__address e2e-web-preview-address'>{web ? `/gk/notices/${web.id}` : '/gk/notices/…'}</Text>;
  return (
    <PhoneFrame className='e2e-preview-web' bar={address}>
      {!web ? (
        <Text className='gk-preview__message e2e-web-preview-unsaved'>保存草稿后可预览网页的样子。</Text>
      ) : state.error ? (
        <Text className='gk-preview__message e2e-web-preview-error'>{state.error}</Text>
      ) : state.page ? (
        // A plain iframe (Taro has none for H5). No `allow-*` in the sandbox: no script, an opaque origin.
        <iframe className='gk-preview__web e2e-web-preview' title='网页预览' sandbox='' srcDoc={state.page} />
      ) : (
        <Text className='gk-preview__message'>正在生成网页预览…</Text>
      )}
    </PhoneFrame>
  );
}

/**
 * H5: the notice as parents will see it. At a desk (≥ 1024 px) always shown, beside the page's
 * content; on a phone behind 预览. Two tabs: 小程序 (the parents' detail page, drawn by the same
 * component) and 网页 (the public web page, built by the server from the saved notice).
 */
export function NoticePreview({ article, web }: NoticePreviewProps) {
  const wide = useDesk();
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState<Tab>('mini');
  const shown = wide || open;
  const tabs: [Tab, string][] = web === undefined ? [['mini', '小程序']] : [['mini', '小程序'], ['web', '网页']];
  return (
    <View className='gk-preview e2e-notice-preview'>
      {wide ? null : <PreviewToggle open={open} onToggle={() => setOpen((o) => !o)} />}
      {shown ? (
        <>
          {tabs.length > 1 ? (
            <View className='gk-preview__tabs' role='tablist'>
              {tabs.map(([value, label]) => (
                <View
                  key={value}
                  role='tab'
                  aria-selected={tab === value}
                  className={`gk-preview__tab e2e-preview-tab e2e-preview-tab-${value} ${tab === value ? 'gk-preview__tab--on e2e-selected' : ''}`}
                  onClick={() => setTab(value)}
                >
                  <Text>{label}</Text>
                </View>
              ))}
            </View>
          ) : null}
          {tab === 'web' && web !== undefined ? (
            <>
              <PreviewCaption>{web ? '公开网站上的样子（按已保存的内容）' : '公开网站上的样子'}</PreviewCaption>
              <WebPreview web={web} />
            </>
          ) : (
            <>
              <PreviewCaption>家长在小程序中看到的样子</PreviewCaption>
              <MiniProgramPreview article={article} />
            </>
          )}
        </>
      ) : null}
    </View>
  );
}
