/**
 * Personal data that must never reach a log line: mainland mobile numbers (1[3-9] + 9 digits),
 * 18-character resident ID numbers (身份证号, last character a digit or X), and landlines written
 * with their area code (0536-6212345). Matched only where no digit adjoins, so ids, timestamps and
 * hashes made of longer digit runs are left alone.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])([1-9]\d{5})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}([0-9Xx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)((?:\+?86[- ]?)?)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3})-\d{3,4}(\d{4})(?!\d)/g;

/** The text with every phone and ID number masked, e.g. `138****5678`, `370725********123X`. Linear in the text. */
export function maskPersonalData(text: string): string {
  if (!/\d{7}/.test(text)) return text;
  return text
    .replace(ID_NUMBER, (_m, region: string, check: string) => `${region}***********${check}`)
    .replace(MOBILE, (_m, country: string, head: string, tail: string) => `${country}${head}****${tail}`)
    .replace(LANDLINE, (_m, area: string, tail: string) => `${area}-****${tail}`);
}

/** The same for every string inside a log object (JSON log lines), without changing its shape. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return maskPersonalData(value.stack ?? `${value.name}: ${value.message}`);
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item, depth + 1)]));
}
