import type { PropsWithChildren } from 'react';
import type { StaffNavKey } from './staff-nav';

export interface StaffShellProps {
  /** The section this page belongs to, marked in the side navigation. */
  active: StaffNavKey;
}

/** weapp and phones: the page alone (the desktop console's side navigation is H5 only, StaffShell.h5.tsx). */
export function StaffShell({ children }: PropsWithChildren<StaffShellProps>) {
  return <>{children}</>;
}
