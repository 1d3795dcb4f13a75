import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { ErrorDetail } from '@gongkai/shared';
import { ApiError } from './api-error';

/**
 * Validates every body and query against its DTO; unknown fields are refused, and each bad
 * field is listed with a Chinese message (DTOs give their own messages).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
