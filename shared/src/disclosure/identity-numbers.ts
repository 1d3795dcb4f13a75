/**
 * Checks and masks of the identity numbers a 依申请公开 applicant gives: the 居民身份证号码
 * (GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character) and the 统一社会信用代码
 * (GB 32100-2015: 18 characters of a 31-letter alphabet, the last a MOD 31 check character).
 * The form and the server run the same checks, so a typo is caught before it is sent.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** Why a resident ID number is not one (Chinese, for the form), or null when it is. Spaces and a lower-case x are accepted. */
export function residentIdNumberProblem(raw: string): string | null {
  const id = raw.replace(/\s/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '居民身份证号码应为18位（最后一位可以是X）';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return '居民身份证号码中的出生日期不正确，请核对';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== id[17]) return '居民身份证号码校验位不符，请逐位核对';
  return null;
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Why a 统一社会信用代码 is not one, or null when it is. Spaces and lower case are accepted. */
export function creditCodeProblem(raw: string): string | null {
  const code = raw.replace(/\s/g, '').toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return '统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(code[i]!) * CREDIT_WEIGHTS[i]!;
  if (CREDIT_ALPHABET[(31 - (sum % 31)) % 31] !== code[17]) return '统一社会信用代码校验位不符，请逐位核对';
  return null;
}

/** `370102199001011234` → `3701**********1234`; short numbers (passports) keep less: `E12345678` → `E******78`. */
export function maskIdNumber(raw: string): string {
  const chars = Array.from(raw.replace(/\s/g, ''));
  if (chars.length >= 10) return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
  if (chars.length >= 4) return `${chars[0]}${'*'.repeat(chars.length - 3)}${chars.slice(-2).join('')}`;
  return '*'.repeat(chars.length);
}

/** A person's name as others see it: `张三` → `张*`, `欧阳娜娜` → `欧***`. */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
