/** The latest privacy-notice record as the rule needs it. */
export interface NoticeRecord {
  granted: boolean;
  version: string | null;
}

/**
 * Whether the parent must (again) agree to the privacy notice: never agreed, withdrew, or agreed
 * to a version other than the one in force (a new notice asks again, PIPL art. 14).
 */
export function needsAgreement(latest: NoticeRecord | null, currentVersion: string): boolean {
  return !latest || !latest.granted || latest.version !== currentVersion;
}

/** Whether a new record of this kind would change nothing: the latest one already says the same. */
export function sameAsLatest(latest: NoticeRecord | null, granted: boolean, version: string | null): boolean {
  if (!latest) return !granted;
  return latest.granted === granted && (!granted || latest.version === version);
}
