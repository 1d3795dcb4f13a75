/**
 * Chinese numerals → Arabic digits, inside any text (三十五号 → 35号, 二〇一 → 201, 一百零八 → 108,
 * 十二栋 → 12栋, 两 → 2, 锦绣华庭二期 → 锦绣华庭2期). Applied alike to the table's names and to what
 * parents type, so a name written either way meets itself.
 */

const DIGITS: ReadonlyMap<string, number> = new Map([
  ['零', 0], ['〇', 0], ['○', 0], ['一', 1], ['壹', 1], ['二', 2], ['贰', 2], ['两', 2], ['三', 3], ['叁', 3],
  ['四', 4], ['肆', 4], ['五', 5], ['伍', 5], ['六', 6], ['陆', 6], ['七', 7], ['柒', 7], ['八', 8], ['捌', 8],
  ['九', 9], ['玖', 9],
]);

/** 十 may open a numeral (十二 = 12); 百 / 千 / 万 only count after a digit (百货, 千佛山, 万达 stay words). */
const TEN = new Set(['十', '拾']);
const UNITS: ReadonlyMap<string, number> = new Map([
  ['十', 10], ['拾', 10], ['百', 100], ['佰', 100], ['千', 1000], ['仟', 1000], ['万', 10_000],
]);

/** Value of a run with units (三十五, 一百零八, 一千零一, 两万三千); linear, never throws. */
function positional(run: string): number {
  let total = 0;
  let section = 0;
  let current = 0;
  for (const ch of run) {
    const d = DIGITS.get(ch);
    if (d !== undefined) {
      current = d;
      continue;
    }
    const unit = UNITS.get(ch) ?? 1;
    if (unit === 10_000) {
      total += (section + current) * 10_000;
      section = 0;
    } else {
      // A bare 十 means 一十 (十二 = 12); 百 / 千 only ever follow a digit here.
      section += (current === 0 && unit === 10 ? 1 : current) * unit;
    }
    current = 0;
  }
  return total + section + current;
}

/** Replaces every Chinese numeral in `text` with its Arabic digits; everything else is kept as is. */
const ANY_NUMERAL = /[零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾]/;

export function chineseNumeralsToDigits(text: string): string {
  // Most texts have none: one linear scan, then nothing to rebuild.
  if (!ANY_NUMERAL.test(text)) return text;
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (!DIGITS.has(ch) && !TEN.has(ch)) {
      out += ch;
      i += 1;
      continue;
    }
    // Collect the run: digits, 十 anywhere, 百 / 千 / 万 right after a digit.
    let j = i;
    let hasUnit = false;
    while (j < n) {
      const c = text[j]!;
      if (DIGITS.has(c) || TEN.has(c)) {
        if (TEN.has(c)) hasUnit = true;
        j += 1;
        continue;
      }
      if (UNITS.has(c) && j > i && DIGITS.has(text[j - 1]!)) {
        hasUnit = true;
        j += 1;
        continue;
      }
      break;
    }
    const run = text.slice(i, j);
    if (hasUnit) {
      out += String(positional(run));
    } else {
      // 二〇一 → 201 (digit by digit: how house numbers and years are read out).
      for (const c of run) out += String(DIGITS.get(c));
    }
    i = j;
  }
  return out;
}
