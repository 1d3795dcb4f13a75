import type { StaffRole } from '@gongkai/shared';

/** Who is calling, as the guard found them: a signed-in, active staff account. */
export interface StaffPrincipal {
  id: number;
  username: string;
  roles: StaffRole[];
  unitId: number;
}

/** Who is calling, as the guard found them: a signed-in parent (from WeChat, or a demo parent). */
export interface ParentPrincipal {
  id: number;
  demo: boolean;
}

export function hasRole(staff: StaffPrincipal, ...roles: StaffRole[]): boolean {
  return roles.some((role) => staff.roles.includes(role));
}
