import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's logger, through the server's (masking) logger. A failed query is logged by its shape
 * and the driver's error code only: never its parameters (a parent's content, phone, ID number)
 * nor the driver's message (MySQL's "Duplicate entry '…'" quotes the value).
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Successful queries are not logged.
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.error(`query failed: ${errorCode(error)} ${queryShape(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${queryShape(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}

/** The driver's code (`ER_DUP_ENTRY`, `SQLITE_CONSTRAINT_NOTNULL`, …), or the error's class name. */
export function errorCode(error: unknown): string {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  if (typeof code === 'string' && code) return typeof errno === 'number' ? `${code} (${errno})` : code;
  return error instanceof Error ? error.name : 'UNKNOWN';
}

const QUERY_SHAPE_MAX = 300;

/** The statement without its values: quoted literals and numbers become `?`, whitespace collapses, long ones are cut. */
export function queryShape(query: string): string {
  const shape = query
    .slice(0, 4 * QUERY_SHAPE_MAX)
    .replace(/'(?:[^'\\]|\\.|'')*'?/g, '?')
    .replace(/(?<![\w`"])-?\d+(?:\.\d+)?(?![\w`"])/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  return shape.length > QUERY_SHAPE_MAX ? `${shape.slice(0, QUERY_SHAPE_MAX)}…` : shape;
}
