import type { StaffRole } from '@gongkai/shared';

/** Who is calling, as the guard found them: a signed-in, active staff account. */
export interface StaffPrincipal {
  id: number;
  username: string;
  roles: StaffRole[];
  unitId: number;
}

export function hasRole(staff: StaffPrincipal, ...roles: StaffRole[]): boolean {
  return roles.some((role) => staff.roles.includes(role));
}
