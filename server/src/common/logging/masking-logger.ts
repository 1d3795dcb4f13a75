import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { maskDeep, maskPersonalData } from './mask';

/**
 * The server's one logger (`createApp` gives it to Nest, so every `new Logger(...)` and the
 * database logger write through it): Nest's console logger with phone and ID numbers masked in
 * every line it prints, text or JSON, stack traces included.
 */
export class MaskingLogger extends ConsoleLogger {
  protected override formatMessage(logLevel: LogLevel, message: unknown, pidMessage: string, formattedLogLevel: string, contextMessage: string, timestampDiff: string): string {
    return maskPersonalData(super.formatMessage(logLevel, message, pidMessage, formattedLogLevel, contextMessage, timestampDiff));
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(stack ? maskPersonalData(stack) : stack);
  }

  protected override getJsonLogObject(message: unknown, options: { context: string; logLevel: LogLevel; writeStreamType?: 'stdout' | 'stderr'; errorStack?: unknown }) {
    return maskDeep(super.getJsonLogObject(message, options)) as ReturnType<ConsoleLogger['getJsonLogObject']>;
  }
}
