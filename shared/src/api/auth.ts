import type { StaffRole } from '../identity/roles';

export interface StaffLoginRequest {
  username: string;
  password: string;
}

export interface TokenResponse {
  token: string;
  /** ISO time the token stops working. */
  expiresAt: string;
}

export interface StaffMe {
  id: number;
  username: string;
  displayName: string;
  roles: StaffRole[];
  unit: { id: number; code: string; name: string };
}
