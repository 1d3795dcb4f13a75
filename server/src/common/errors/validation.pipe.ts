import { ArgumentMetadata, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ErrorDetail } from '@gongkai/shared';
import { ApiError } from './api-error';

/**
 * Validates every body and query against its DTO; unknown fields are refused, and each bad
 * field is listed with a Chinese message (DTOs give their own messages).
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: true,
    exceptionFactory: (errors) => ApiError.validation(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field, message: rule === 'whitelistValidation' ? `不支持的字段：${field}` : message });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/** Keys every object inherits slip past the whitelist; refuse them like any unknown field. */
const RESERVED = ['constructor', 'prototype', '__proto__'];

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new ApiError(400, 'VALIDATION_FAILED', '请求内容须为 JSON 对象');
    }
    const bad = reservedKey(value, '');
    if (bad) throw ApiError.validation([{ field: bad, message: `不支持的字段：${bad}` }]);
    return super.transform(value, metadata);
  }
}

function reservedKey(value: unknown, path: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (RESERVED.includes(key)) return here;
    const nested = reservedKey((value as Record<string, unknown>)[key], here);
    if (nested) return nested;
  }
  return null;
}

const queryPipe = createValidationPipe();

/** The same validation as the global pipe, for a handler that validates its query itself. */
export async function validateQuery<T>(dto: Type<T>, query: unknown): Promise<T> {
  return (await queryPipe.transform(query ?? {}, { type: 'query', metatype: dto })) as T;
}
