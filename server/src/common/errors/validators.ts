import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The field may be left out, but `null` is validated like any other value (and so refused by
 * the field's type rules). class-validator's `IsOptional` skips `null` too, which let `null`
 * reach NOT NULL columns.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

/** The field may be left out or be `null` (a column that holds NULL: "clear this value"). */
export function OmittableOrNull(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined && value !== null);
}

/**
 * Characters as MySQL/MariaDB count them in a utf8mb4 varchar: Unicode code points. (JavaScript's
 * `length` counts UTF-16 units; class-validator's MaxLength does not count variation selectors.)
 * Linear, no copy of the string.
 */
export function codePoints(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // A low surrogate after a high one is the second half of one code point.
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const previous = value.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    count++;
  }
  return count;
}

/** At most `max` characters, counted as the database column counts them (code points). */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxChars',
      constraints: [max],
      validator: { validate: (value: unknown) => typeof value === 'string' && codePoints(value) <= max },
    },
    options,
  );
}
