import { SHANGHAI_OFFSET_MS, shanghaiDate } from '../calendar/shanghai';

/**
 * Field values of WeChat subscribe messages (mini-program) and official-account template
 * messages. WeChat answers 47003 to a value outside its field type's rules, so every value is
 * fitted here before sending: `fitValue` makes one, `validateValue` checks one with exactly the
 * rules `fitValue` aims at (the test fake answers 47003 with it).
 *
 * Lengths count Unicode code points: an emoji or other character outside the BMP is one character.
 */

/** Field types of subscribe-message templates (the key's prefix: `thing1`, `time2` …). */
export const SUBSCRIBE_FIELD_TYPES = [
  'thing', 'number', 'letter', 'symbol', 'character_string', 'time', 'date',
  'amount', 'phone_number', 'car_number', 'name', 'phrase',
] as const;
export type SubscribeFieldType = (typeof SUBSCRIBE_FIELD_TYPES)[number];

/**
 * Official-account template messages (rules since May 2023): no first/remark, every field ≤ 20
 * characters, no newlines. A plain keyword field is `keyword`; newer templates name their keys by
 * the subscribe types (`thing2`, `time3` …), which then also keep to 20 characters.
 */
export type TemplateFieldType = SubscribeFieldType | 'keyword';
export type PushFieldType = TemplateFieldType;
export const PUSH_FIELD_TYPES: readonly PushFieldType[] = [...SUBSCRIBE_FIELD_TYPES, 'keyword'];

/** Which message a value goes into: template messages cap every field at 20 characters. */
export type PushChannel = 'subscribe' | 'template';

export const PUSH_FIELD_LIMITS = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  amountDigits: 10,
  phone_number: 17,
  car_number: 8,
  nameChinese: 10,
  nameLatin: 20,
  phrase: 5,
  /** Every field of an official-account template message. */
  templateField: 20,
} as const;

/** What an emptied free-text value becomes; types without an entry cannot be made up (see `fitValue`). */
export const PUSH_FIELD_PLACEHOLDERS: Partial<Record<PushFieldType, string>> = {
  thing: '无',
  keyword: '无',
  name: '无',
  phrase: '无',
  symbol: '-',
  character_string: '-',
};

export interface FitOptions {
  channel?: PushChannel;
  /** `time`: only `HH:mm` of a Date (default: `YYYY年M月D日 HH:mm`). */
  timeOnly?: boolean;
  /** `date`: add ` HH:mm` to a Date's day. */
  withTime?: boolean;
  /** `amount`: the currency sign put before numbers (default `¥`). */
  currency?: string;
  /** Used instead of the type's placeholder when nothing is left (must itself be valid). */
  placeholder?: string;
}

/** A value that cannot be made valid for its type without inventing data (an unreadable date …). */
export class PushFieldError extends Error {
  constructor(
    readonly type: PushFieldType,
    message: string,
  ) {
    super(message);
    this.name = 'PushFieldError';
  }
}

const ELLIPSIS = '…';
const HAN = /\p{Script=Han}/u;
const CURRENCIES = '¥$€£';
/** Each type's name in the messages of `validateValue` and `fitValue`, which start with it. */
export const PUSH_FIELD_TYPE_NAMES: Record<PushFieldType, string> = {
  thing: '事物', number: '数字', letter: '字母', symbol: '符号', character_string: '字符串', time: '时间',
  date: '日期', amount: '金额', phone_number: '电话', car_number: '车牌', name: '姓名', phrase: '汉字', keyword: '关键词',
};
const TYPE_NAMES = PUSH_FIELD_TYPE_NAMES;

/** What a keyword of each type usually says, for a template whose keyword names are not configured. */
const STAND_IN_LABELS: Record<PushFieldType, string> = {
  thing: '内容', keyword: '内容', number: '数量', letter: '字母', symbol: '符号', character_string: '编号', time: '时间',
  date: '日期', amount: '金额', phone_number: '电话', car_number: '车牌', name: '姓名', phrase: '状态',
};

/**
 * The name staff see for a template's field: the keyword name the template shows on the phone
 * (`labels`, as configured: 通知标题, 发布时间 …) or, when it is not configured, a stand-in from the
 * field's place and type (`第1项（内容）`), never the key itself.
 */
export function pushFieldLabel(key: string, type: PushFieldType, labels: Record<string, string> | undefined, position: number): string {
  const named = labels?.[key]?.trim();
  if (named) return named;
  const n = /(\d+)$/.exec(key)?.[1] ?? String(position + 1);
  return `第${Number(n)}项（${STAND_IN_LABELS[type] ?? '内容'}）`;
}

const chars = (s: string): string[] => Array.from(s);
const length = (s: string): number => chars(s).length;

/** Removes what no field may hold: newlines become spaces, control and invisible characters go, whitespace collapses, ends are trimmed. */
export function cleanText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\r\n\t\v\f\u0085\u2028\u2029]+/g, ' ')
    .replace(/[\p{Cc}\p{Cs}\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first `max` characters; with `ellipsis`, a longer text ends in '…' counted in the `max`. */
function cut(text: string, max: number, ellipsis: boolean): string {
  const all = chars(text);
  if (all.length <= max) return text;
  let kept = all.slice(0, ellipsis ? max - 1 : max).join('');
  // No dangling joiner, variation selector or space before the end.
  kept = kept.replace(/[\u200D\uFE0E\uFE0F\s]+$/u, '');
  return ellipsis ? kept + ELLIPSIS : kept;
}

/** Full-width digits, letters and signs as ASCII (NFKC), for the types that are ASCII only. */
const ascii = (s: string): string => s.normalize('NFKC');

const pad2 = (n: number): string => String(n).padStart(2, '0');

function shanghaiParts(instant: Date): { y: number; m: number; d: number; hh: string; mm: string } {
  const [y, m, d] = shanghaiDate(instant).split('-').map(Number) as [number, number, number];
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return { y, m, d, hh: pad2(shifted.getUTCHours()), mm: pad2(shifted.getUTCMinutes()) };
}

const chineseDay = (p: { y: number; m: number; d: number }): string => `${p.y}年${p.m}月${p.d}日`;

/** A string naming an instant with its offset (`2026-09-01T08:00:00+08:00`, `…Z`): read as that instant. */
function instantOf(raw: string | number | Date): Date | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? new Date(raw) : null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw)) return null;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date;
}

// ---- the rules ---------------------------------------------------------------------------

const DATE_CN = '(\\d{4})年(\\d{1,2})月(\\d{1,2})日';
const DATE_ISO = '(\\d{4})-(\\d{2})-(\\d{2})';
const CLOCK = '(\\d{2}):(\\d{2})(?::(\\d{2}))?';
const DATE_POINT = new RegExp(`^(?:${DATE_CN}|${DATE_ISO})(?: ${CLOCK})?$`);
const TIME_POINT = new RegExp(`^(?:(?:${DATE_CN}|${DATE_ISO}) )?${CLOCK}$`);

function realDay(y: string | undefined, m: string | undefined, d: string | undefined): boolean {
  if (y === undefined) return true;
  const [yy, mm, dd] = [Number(y), Number(m), Number(d)];
  if (yy < 1900 || mm < 1 || mm > 12 || dd < 1) return false;
  return dd <= new Date(Date.UTC(yy, mm, 0)).getUTCDate();
}

const realClock = (h: string | undefined, mi: string | undefined, s: string | undefined): boolean =>
  h === undefined || (Number(h) <= 23 && Number(mi) <= 59 && (s === undefined || Number(s) <= 59));

function validPoint(point: string, kind: 'date' | 'time'): boolean {
  const m = (kind === 'date' ? DATE_POINT : TIME_POINT).exec(point);
  if (!m) return false;
  const [, cy, cm, cd, iy, im, id, h, mi, s] = m;
  return realDay(cy, cm, cd) && realDay(iy, im, id) && realClock(h, mi, s);
}

/** `a` or a range `a~b` of points (WeChat joins the two ends of a period with '~'). */
function validPeriod(value: string, kind: 'date' | 'time'): boolean {
  const parts = value.split('~');
  return parts.length <= 2 && parts.every((p) => validPoint(p, kind));
}

const NAME_CHINESE = /^[\p{Script=Han}A-Za-z·]+$/u;
const NAME_LATIN = /^[A-Za-z][A-Za-z·.'\- ]*$/;

/**
 * Why WeChat would refuse `value` for a field of `type`, or null when it accepts it. The same
 * rules `fitValue` keeps to: whatever it returns passes here.
 */
export function validateValue(type: PushFieldType, value: unknown, channel: PushChannel = 'subscribe'): string | null {
  const label = TYPE_NAMES[type] ?? type;
  if (typeof value !== 'string') return `${label}须为文字`;
  if (value === '') return `${label}不能为空`;
  if (value !== value.trim()) return `${label}首尾不能有空白`;
  if (/[\p{Cc}\p{Cs}\u2028\u2029\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/u.test(value)) return `${label}不能含换行或控制字符`;
  const n = length(value);
  if (channel === 'template' && n > PUSH_FIELD_LIMITS.templateField) return `模板消息每项不超过${PUSH_FIELD_LIMITS.templateField}个字`;
  switch (type) {
    case 'thing':
    case 'keyword':
      return n > PUSH_FIELD_LIMITS.thing ? `${label}不超过${PUSH_FIELD_LIMITS.thing}个字` : null;
    case 'number':
      if (!/^\d+(\.\d+)?$/.test(value)) return '数字只能是数字，可带小数';
      return n > PUSH_FIELD_LIMITS.number ? `数字不超过${PUSH_FIELD_LIMITS.number}位` : null;
    case 'letter':
      if (!/^[A-Za-z]+$/.test(value)) return '字母只能是字母';
      return n > PUSH_FIELD_LIMITS.letter ? `字母不超过${PUSH_FIELD_LIMITS.letter}位` : null;
    case 'symbol':
      if (!/^[\p{P}\p{S}]+$/u.test(value) || HAN.test(value)) return '符号只能是符号';
      return n > PUSH_FIELD_LIMITS.symbol ? `符号不超过${PUSH_FIELD_LIMITS.symbol}位` : null;
    case 'character_string':
      if (!/^[\x21-\x7E]+$/.test(value)) return '字符串只能是数字、字母或符号';
      return n > PUSH_FIELD_LIMITS.character_string ? `字符串不超过${PUSH_FIELD_LIMITS.character_string}位` : null;
    case 'time':
      return validPeriod(value, 'time') ? null : '时间须为 HH:mm，可带日期（如 2026年9月1日 08:00）';
    case 'date':
      return validPeriod(value, 'date') ? null : '日期须为 2026年9月1日 或 2026-09-01，可带时间';
    case 'amount': {
      const m = new RegExp(`^[${CURRENCIES}](\\d+(?:\\.\\d+)?)元?$`).exec(value);
      if (!m) return '金额须为币种符号加数字，可带小数，结尾可带“元”';
      return m[1]!.replace('.', '').length > PUSH_FIELD_LIMITS.amountDigits ? `金额不超过${PUSH_FIELD_LIMITS.amountDigits}位数字` : null;
    }
    case 'phone_number':
      if (!/^[0-9+\-]+$/.test(value) || !/\d/.test(value)) return '电话只能是数字和 + -';
      return n > PUSH_FIELD_LIMITS.phone_number ? `电话不超过${PUSH_FIELD_LIMITS.phone_number}位` : null;
    case 'car_number':
      if (!/^\p{Script=Han}?[A-Z0-9]+\p{Script=Han}?$/u.test(value)) return '车牌首尾可为汉字，其余为大写字母或数字';
      return n > PUSH_FIELD_LIMITS.car_number ? `车牌不超过${PUSH_FIELD_LIMITS.car_number}位` : null;
    case 'name':
      if (HAN.test(value)) {
        if (!NAME_CHINESE.test(value)) return '中文姓名只能是汉字、字母或“·”';
        return n > PUSH_FIELD_LIMITS.nameChinese ? `中文姓名不超过${PUSH_FIELD_LIMITS.nameChinese}个字` : null;
      }
      if (!NAME_LATIN.test(value) || / {2}/.test(value)) return '姓名只能是汉字或字母';
      return n > PUSH_FIELD_LIMITS.nameLatin ? `字母姓名不超过${PUSH_FIELD_LIMITS.nameLatin}个字母` : null;
    case 'phrase':
      if (!/^\p{Script=Han}+$/u.test(value)) return '只能是汉字';
      return n > PUSH_FIELD_LIMITS.phrase ? `不超过${PUSH_FIELD_LIMITS.phrase}个汉字` : null;
    default:
      return `未知的字段类型 ${String(type)}`;
  }
}

// ---- fitting -----------------------------------------------------------------------------

function fitNumber(raw: string | number): string {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) throw new PushFieldError('number', `数字须为非负数：${raw}`);
    // Integers of any size in full (no '1e+21'); fractions as JavaScript writes them, tiny ones in fixed notation.
    text = Number.isInteger(raw) ? BigInt(raw).toString() : String(raw);
    const tiny = /^(\d)(?:\.(\d+))?e-(\d+)$/.exec(text);
    if (tiny) text = raw.toFixed(Math.min(100, Number(tiny[3]) + (tiny[2]?.length ?? 0)));
  } else {
    text = ascii(cleanText(raw)).replace(/[\s,]/g, '');
  }
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new PushFieldError('number', `不是数字：${text.slice(0, 40)}`);
  const [, whole, fraction] = m as unknown as [string, string, string | undefined];
  const max = PUSH_FIELD_LIMITS.number;
  if (whole.length > max) throw new PushFieldError('number', `数字超过${max}位：${whole.length}位`);
  if (!fraction || whole.length >= max - 1) return whole;
  return `${whole}.${fraction.slice(0, max - whole.length - 1)}`;
}

function fitAmount(raw: string | number, currency: string): string {
  let sign = currency;
  let digits: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) throw new PushFieldError('amount', `金额须为非负数：${raw}`);
    digits = raw.toFixed(2);
  } else {
    let text = cleanText(raw).replace(/[\s,]/g, '').replace(/^([¥￥$€£])/, (s) => {
      sign = s === '￥' ? '¥' : s;
      return '';
    });
    text = ascii(text).replace(/(元|RMB|CNY)$/i, '');
    if (!/^\d+(\.\d+)?$/.test(text)) throw new PushFieldError('amount', `不是金额：${raw.slice(0, 40)}`);
    digits = text;
  }
  if (!CURRENCIES.includes(sign) || sign.length !== 1) throw new PushFieldError('amount', `不支持的币种符号：${sign}`);
  const [whole, fraction = ''] = digits.split('.') as [string, string?];
  const max = PUSH_FIELD_LIMITS.amountDigits;
  const wholeTrim = whole.replace(/^0+(?=\d)/, '');
  if (wholeTrim.length > max) throw new PushFieldError('amount', `金额超过${max}位数字`);
  const keep = fraction.slice(0, max - wholeTrim.length);
  return `${sign}${wholeTrim}${keep ? `.${keep}` : ''}`;
}

function fitPeriod(type: 'date' | 'time', raw: string | number | Date, opts: FitOptions): string {
  const instant = instantOf(raw);
  if (instant) {
    const p = shanghaiParts(instant);
    if (type === 'time') return opts.timeOnly ? `${p.hh}:${p.mm}` : `${chineseDay(p)} ${p.hh}:${p.mm}`;
    return opts.withTime ? `${chineseDay(p)} ${p.hh}:${p.mm}` : chineseDay(p);
  }
  if (typeof raw !== 'string') throw new PushFieldError(type, `${TYPE_NAMES[type]}无效`);
  const text = ascii(cleanText(raw))
    .replace(/\s*~\s*/g, '~')
    .replace(/(\d{4})[/.](\d{1,2})[/.](\d{1,2})/g, (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`)
    .replace(/(年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2})\s*(?=\d{1,2}:)/g, '$1 ')
    .replace(/(^|[ ~])(\d):(\d{2})/g, '$1' + '0$2:$3');
  if (validPeriod(text, type)) return text;
  throw new PushFieldError(type, `${TYPE_NAMES[type]}无法识别：${raw.slice(0, 40)}`);
}

function fitName(text: string): string {
  if (HAN.test(text)) {
    const kept = text.replace(/[^\p{Script=Han}A-Za-z·]/gu, '');
    return cut(kept, PUSH_FIELD_LIMITS.nameChinese, false).replace(/^·+|·+$/g, '');
  }
  const kept = ascii(text).replace(/[^A-Za-z·.'\- ]/g, '').replace(/ +/g, ' ').replace(/^[^A-Za-z]+/, '');
  return cut(kept, PUSH_FIELD_LIMITS.nameLatin, false).trim();
}

/**
 * A value WeChat accepts for a field of `type`, made from `raw`: text is cleaned (no newlines or
 * control characters, trimmed), cut to the type's length (`thing`/`keyword` end in '…'), and
 * characters the type does not allow are dropped; Dates are written in Asia/Shanghai.
 * Free-text types left empty get a placeholder ('无', '-'). Types whose value cannot be made
 * up (number, letter, time, date, amount, phone_number, car_number) throw `PushFieldError`
 * when `raw` cannot be read as one: sending a wrong number or date would be worse than not sending.
 */
export function fitValue(type: PushFieldType, raw: string | Date | number, opts: FitOptions = {}): string {
  const channel = opts.channel ?? 'subscribe';
  let value: string;
  if (type === 'time' || type === 'date') value = fitPeriod(type, raw, opts);
  else if (type === 'number') value = fitNumber(raw instanceof Date ? String(raw.getTime()) : raw);
  else if (type === 'amount') value = fitAmount(raw instanceof Date ? Number.NaN : raw, opts.currency ?? '¥');
  else {
    const text = cleanText(raw instanceof Date ? (instantOf(raw) ? fitPeriod('time', raw, {}) : '') : String(raw));
    switch (type) {
      case 'thing':
      case 'keyword':
        value = cut(text, PUSH_FIELD_LIMITS.thing, true);
        break;
      case 'letter':
        value = cut(ascii(text).replace(/[^A-Za-z]/g, ''), PUSH_FIELD_LIMITS.letter, false);
        break;
      case 'symbol':
        value = cut(text.replace(/[^\p{P}\p{S}]/gu, ''), PUSH_FIELD_LIMITS.symbol, false);
        break;
      case 'character_string':
        value = cut(ascii(text).replace(/[^\x21-\x7E ]/g, '').trim().replace(/ +/g, '-'), PUSH_FIELD_LIMITS.character_string, false);
        break;
      case 'phone_number': {
        value = ascii(text).replace(/^\((\+?\d+)\)/, '$1-').replace(/[\s()]+/g, '-').replace(/[^0-9+\-]/g, '').replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
        if (!/\d/.test(value)) throw new PushFieldError(type, `不是电话号码：${text.slice(0, 40)}`);
        if (length(value) > PUSH_FIELD_LIMITS.phone_number) throw new PushFieldError(type, `电话超过${PUSH_FIELD_LIMITS.phone_number}位：${value}`);
        break;
      }
      case 'car_number':
        value = ascii(text).toUpperCase().replace(/[\s·.\-]/g, '');
        if (validateValue(type, value) !== null) throw new PushFieldError(type, `不是车牌号：${text.slice(0, 40)}`);
        break;
      case 'name':
        value = fitName(text);
        break;
      case 'phrase':
        value = cut(text.replace(/[^\p{Script=Han}]/gu, ''), PUSH_FIELD_LIMITS.phrase, false);
        break;
      default:
        throw new PushFieldError(type, `未知的字段类型 ${String(type)}`);
    }
  }
  if (channel === 'template' && length(value) > PUSH_FIELD_LIMITS.templateField) {
    if (type === 'thing' || type === 'keyword') value = cut(value, PUSH_FIELD_LIMITS.templateField, true);
    else if (type === 'letter' || type === 'symbol' || type === 'character_string') value = cut(value, PUSH_FIELD_LIMITS.templateField, false);
    else if (type === 'number' && /\./.test(value) && value.indexOf('.') < PUSH_FIELD_LIMITS.templateField - 1) value = cut(value, PUSH_FIELD_LIMITS.templateField, false);
    else throw new PushFieldError(type, `模板消息每项不超过${PUSH_FIELD_LIMITS.templateField}个字：${value}`);
  }
  if (value === '') {
    const placeholder = opts.placeholder ?? PUSH_FIELD_PLACEHOLDERS[type];
    if (placeholder === undefined) throw new PushFieldError(type, `${TYPE_NAMES[type]}为空`);
    value = placeholder;
  }
  const problem = validateValue(type, value, channel);
  if (problem) throw new PushFieldError(type, problem);
  return value;
}

export interface PushField {
  key: string;
  type: PushFieldType;
}

export interface FittedTemplateData {
  /** The `data` of the send request, for the fields that could be fitted. */
  data: Record<string, { value: string }>;
  /** Text values that were cut or cleaned, for the staff preview. */
  changed: { key: string; from: string; to: string }[];
  /** Fields with no usable value: do not send while this is not empty (WeChat would answer 47003). */
  problems: { key: string; message: string }[];
}

/**
 * Fits every field of a template from `values` (missing ones count as empty). Reports what it
 * changed in text values, and the fields it could not fill.
 */
export function fitTemplateData(fields: readonly PushField[], values: Record<string, unknown>, opts: FitOptions = {}): FittedTemplateData {
  const result: FittedTemplateData = { data: {}, changed: [], problems: [] };
  for (const { key, type } of fields) {
    const raw = values[key] ?? '';
    if (typeof raw !== 'string' && typeof raw !== 'number' && !(raw instanceof Date)) {
      result.problems.push({ key, message: `${TYPE_NAMES[type] ?? type}须为文字、数字或日期` });
      continue;
    }
    try {
      const value = fitValue(type, raw, opts);
      result.data[key] = { value };
      if (typeof raw === 'string' && raw !== value) result.changed.push({ key, from: raw, to: value });
    } catch (error) {
      if (!(error instanceof PushFieldError)) throw error;
      result.problems.push({ key, message: error.message });
    }
  }
  return result;
}
