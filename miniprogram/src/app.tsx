import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
// NutUI: only the style sheets of the components the app uses (see components/nut.ts).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/style.css';
import './app.scss';
import { tagH5TabBar } from './utils/h5-tabbar';
import { followPhoneFrame } from './utils/h5-frame';
import { improveH5Accessibility } from './utils/h5-a11y';
import { deviceAgreed, hostPopupAtRoot, loadNotice, popupHostedAtRoot, registerPrivacyListener } from './utils/privacy';
import { PrivacyPopup } from './components/PrivacyPopup';
import { applyTextScale } from './utils/text-scale';
import { TAB_ROUTES, pagePathOf } from './utils/routes';

// H5 opened on a tab page (whose first visit asks): the privacy pop-up is drawn by the app's root,
// in the app's first render, before the page's code has loaded (each page's own pop-up stands down).
// Opened elsewhere (a shared notice, the staff console), the pages draw it as on weapp, where Taro
// has no app-level view.
if (process.env.TARO_ENV === 'h5' && TAB_ROUTES.includes(pagePathOf(window.location.hash))) hostPopupAtRoot();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'h5') tagH5TabBar();
    // H5: parents' pages in a phone-width column on a wide window, staff pages at full width.
    if (process.env.TARO_ENV === 'h5') followPhoneFrame();
    // H5: names, roles and keyboard access for Taro's own chrome and our clickable views.
    if (process.env.TARO_ENV === 'h5') improveH5Accessibility();
    // H5 first visit: the pop-up's text is taken now (index.html's script asked for it: api/request.ts);
    // the pop-up itself asks as it first renders (PrivacyPopup).
    if (process.env.TARO_ENV === 'h5' && !deviceAgreed()) void loadNotice();
    // H5: the reader's default font size and 长辈模式 as --gk-font-scale on <html> (weapp: page root classes).
    applyTextScale();
    // weapp: WeChat asks through this listener before a privacy API runs; the mounted PrivacyPopup answers.
    registerPrivacyListener();
  });
  if (process.env.TARO_ENV !== 'h5' || !popupHostedAtRoot()) return children;
  return (
    <>
      {children}
      <PrivacyPopup atRoot />
    </>
  );
}

export default App;
