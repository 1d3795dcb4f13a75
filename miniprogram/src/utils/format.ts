import { SHANGHAI_OFFSET_MS, shanghaiDate } from '@gongkai/shared';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-09-15` in Asia/Shanghai, whatever the device's own time zone. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : shanghaiDate(new Date(t));
}

/** `2026-09-15 08:30` in Asia/Shanghai (UTC+8, no daylight saving), whatever the device's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `48 KB`, `1.2 MB`. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** File extension in lower case, for openDocument's fileType. */
export function fileExtension(nameOrUrl: string): string {
  const clean = nameOrUrl.split(/[?#]/)[0] ?? '';
  const m = /\.([a-z0-9]+)$/i.exec(clean);
  return m?.[1]?.toLowerCase() ?? '';
}
