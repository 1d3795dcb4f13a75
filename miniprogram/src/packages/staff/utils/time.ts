import { formatDateTime } from '../../../utils/format';

export { formatDateTime };

/** How long something has waited: 不到1分钟, 5分钟, 2小时, 3天. */
export function formatWaiting(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 60) return '不到1分钟';
  if (seconds < 3600) return `${Math.floor(seconds / 60)}分钟`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}小时`;
  return `${Math.floor(seconds / 86400)}天`;
}


/** A Shanghai date (YYYY-MM-DD) and time (HH:mm) → ISO with +08:00; null when either is malformed. */
export function shanghaiIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const iso = `${date}T${time}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** Today's Shanghai date, YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return formatDateTime(now.toISOString()).slice(0, 10);
}
