/**
 * The staff console's sections, as the desktop side navigation (StaffShell, H5 ≥ 1024 px) lists
 * them. Each page says which section it belongs to; the list of entries and who may see each is
 * filled in by the desktop layout.
 */
export type StaffNavKey =
  | 'home'
  | 'notices'
  | 'compose'
  | 'review-queue'
  | 'push'
  | 'inquiries'
  | 'disclosure'
  | 'zoning'
  | 'reports'
  | 'search'
  | 'privacy'
  | 'portal-sync'
  | 'account';
