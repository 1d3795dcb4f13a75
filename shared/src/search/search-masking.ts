/**
 * Queries are kept for staff without who typed them; before one is stored, anything in it that
 * looks like a phone number, an ID number or a full address (a house or room number) is replaced,
 * so the statistics never hold a parent's personal data.
 */
export const MASK_PHONE = '〔电话〕';
export const MASK_ID = '〔证件号〕';
export const MASK_NUMBER = '〔门牌号〕';
export const MASK_EMAIL = '〔邮箱〕';

// Order matters: the ID number (18 characters) before the phone (11 digits) it contains.
const ID_NUMBER = /(?<![0-9])[0-9]{17}[0-9x](?![0-9a-z])|(?<![0-9])[0-9]{15}(?![0-9])/giu;
const PHONE = /(?<![0-9])(?:\+?86[- ]?)?1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}(?![0-9])|(?<![0-9])0[0-9]{2,3}-?[0-9]{7,8}(?![0-9])/gu;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/giu;
/** A number followed by what makes an address someone's own: 号, 栋, 幢, 楼, 单元, 室, 户, 号院. */
const HOUSE = /[0-9零一二三四五六七八九十百〇两]+(?:-[0-9]+)*\s*(?:号院|号楼|号|栋|幢|座|楼|单元|室|户)/gu;
/** Numbers joined by hyphens, three or more (北辰花园3-2-501: building, unit, room; or a full date). */
const JOINED_NUMBERS = /[0-9]+(?:\s*[-－—]\s*[0-9]+){2,}/gu;
/** Any other run of 5+ digits (a bank card, a student number). */
const LONG_DIGITS = /[0-9]{5,}/gu;

export function maskSearchQuery(text: string): string {
  return text
    .replace(EMAIL, MASK_EMAIL)
    .replace(ID_NUMBER, MASK_ID)
    .replace(PHONE, MASK_PHONE)
    .replace(HOUSE, MASK_NUMBER)
    .replace(JOINED_NUMBERS, MASK_NUMBER)
    .replace(LONG_DIGITS, MASK_NUMBER)
    .replace(/(〔门牌号〕)+/gu, MASK_NUMBER);
}
