import type { PropsWithChildren } from 'react';
import type { StaffNavKey } from './staff-nav';

export interface StaffShellProps {
  /** The section this page belongs to, marked in the side navigation. */
  active: StaffNavKey;
}

/** H5: the desktop console (side navigation at ≥ 1024 px) around the page. TODO(desktop layout). */
export function StaffShell({ children }: PropsWithChildren<StaffShellProps>) {
  return <>{children}</>;
}
