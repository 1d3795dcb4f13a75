import { useEffect, useState, type MouseEvent, type PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { STAFF_ROLE_LABELS, type StaffMe } from '@gongkai/shared';
import { staffSignOut } from '../../../api/auth';
import { hasToken } from '../../../api/tokens';
import { ROUTES } from '../../../utils/routes';
import { staffNavFor } from './staff-nav';
import { bureauName, forgetStaffMe, knownStaffMe, staffMe } from './staff-session';
import type { StaffShellProps } from './StaffShell';
import { useDesk } from './useDesk';
import './staff.scss';

/**
 * H5: at ≥ 1024 CSS px the staff page sits in a desktop console: a side navigation on the left
 * (the bureau, who is signed in, the sections they may use) and the page in a readable column on
 * the right. Narrower windows get the page exactly as on a phone.
 */
export function StaffShell({ active, children }: PropsWithChildren<StaffShellProps>) {
  const desk = useDesk();
  if (!desk) return <>{children}</>;
  return <DeskConsole active={active}>{children}</DeskConsole>;
}

function DeskConsole({ active, children }: PropsWithChildren<StaffShellProps>) {
  const [me, setMe] = useState<StaffMe | null>(knownStaffMe);
  const [bureau, setBureau] = useState('');
  useEffect(() => {
    let live = true;
    // Signed out: the page itself sends the reader to sign in; the navigation stays empty.
    if (hasToken('staff')) {
      staffMe()
        .then((m) => live && setMe(m))
        .catch(() => undefined);
    }
    void bureauName().then((b) => live && setBureau(b));
    return () => {
      live = false;
    };
  }, []);

  // The side navigation replaces the page rather than piling pages up behind it.
  const go = (e: MouseEvent<HTMLAnchorElement>, url: string) => {
    e.preventDefault();
    void Taro.reLaunch({ url });
  };
  const signOut = () => {
    staffSignOut();
    forgetStaffMe();
    void Taro.reLaunch({ url: ROUTES.staffLogin });
  };
  const entries = me ? staffNavFor(me.roles) : [];

  return (
    <div className='gk-shell e2e-staff-shell'>
      <nav className='gk-shell__nav e2e-staff-nav' aria-label='工作台导航'>
        <div className='gk-shell__org e2e-staff-nav-bureau'>{bureau || '信息公开工作平台'}</div>
        {me ? (
          <div className='gk-shell__me e2e-staff-nav-me'>
            <span className='gk-shell__me-name'>{me.displayName}</span>
            <span className='gk-shell__me-role'>
              {me.unit.name} · {me.roles.map((r) => STAFF_ROLE_LABELS[r] ?? r).join('、')}
            </span>
          </div>
        ) : null}
        <ul className='gk-shell__list'>
          {entries.map((e) => (
            <li key={e.key}>
              <a
                className={`gk-shell__link e2e-staff-nav-link e2e-staff-nav-${e.key} ${e.key === active ? 'gk-shell__link--on' : ''}`}
                href={`#${e.url}`}
                aria-current={e.key === active ? 'page' : undefined}
                onClick={(ev) => go(ev, e.url)}
              >
                {e.label}
              </a>
            </li>
          ))}
        </ul>
        {me ? (
          <button type='button' className='gk-shell__signout e2e-staff-nav-signout' onClick={signOut}>
            退出登录
          </button>
        ) : null}
      </nav>
      <main className='gk-shell__main'>
        <div className='gk-shell__column'>{children}</div>
      </main>
    </div>
  );
}
