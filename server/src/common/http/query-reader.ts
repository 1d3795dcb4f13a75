import type { ErrorCode, ErrorDetail } from '@gongkai/shared';
import { ApiError } from '../errors/api-error';
import { codePoints } from '../errors/validators';

/**
 * A query string checked by hand rather than by class-validator, for the hot public routes (the
 * zoning lookup, search) that need no reflection: unknown fields refused, one value per field, every
 * problem listed with a Chinese message, in the validation pipe's words.
 */
export class QueryReader {
  readonly problems: ErrorDetail[] = [];
  private readonly raw: Record<string, unknown>;

  /** `labels`: each field's name in the messages (the field's own name when absent). */
  constructor(
    raw: unknown,
    allowed: readonly string[],
    private readonly labels: Record<string, string> = {},
  ) {
    this.raw = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    for (const key of Object.keys(this.raw)) if (!allowed.includes(key)) this.problems.push({ field: key, message: `不支持的字段：${key.slice(0, 40)}` });
  }

  /** One string value as given (untrimmed); absent: undefined. */
  exact(field: string): string | undefined {
    const value = this.raw[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.problems.push({ field, message: `${this.labels[field] ?? field}只能填写一个` });
      return undefined;
    }
    return value;
  }

  /** One string value, trimmed; empty or absent: undefined. */
  one(field: string): string | undefined {
    return this.exact(field)?.trim() || undefined;
  }

  text(field: string, max: number): string | undefined {
    const value = this.one(field);
    if (value !== undefined && codePoints(value) > max) {
      this.problems.push({ field, message: `${this.labels[field] ?? field}最多 ${max} 个字` });
      return undefined;
    }
    return value;
  }

  int(field: string, min: number, max: number, message: string): number | undefined {
    const value = this.one(field);
    if (value === undefined) return undefined;
    const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) {
      this.problems.push({ field, message });
      return undefined;
    }
    return n;
  }

  /** Throws the problems found, the first one's message as the answer's (VALIDATION_FAILED unless `code` says otherwise). */
  done(code: ErrorCode = 'VALIDATION_FAILED'): void {
    if (this.problems.length) throw new ApiError(400, code, this.problems[0]!.message, this.problems);
  }
}
