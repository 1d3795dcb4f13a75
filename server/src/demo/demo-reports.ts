import type { EntityManager } from 'typeorm';
import type { StaffAccount } from '../identity/entities/staff-account.entity';

/**
 * The demo's records for the yearly report (hot-topic responses, briefings, NPC / CPPCC proposals,
 * the figures from other systems, a saved narrative for the previous year) in the current and the
 * previous year. Answers how many were seeded.
 */
export async function seedDemoReportRecords(m: EntityManager, ctx: { editor: StaffAccount; now: number }): Promise<number> {
  void m;
  void ctx;
  return 0;
}
