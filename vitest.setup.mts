import { Logger, type LoggerService } from '@nestjs/common';

/**
 * Runs in every test worker before its test files.
 *
 * Nest's default logger — what `new Logger(...)` writes to until an app installs its own (platform code
 * used without an app, module factories that run before `NestFactory.create`) — prints straight to
 * stdout, where vitest cannot tell which test wrote it. Sent to `console` instead, it is captured per
 * test: vitest prints it under a failing test only (`silent: 'passed-only'` in vitest.config.mts), and
 * all of it with VERBOSE=1. An app's own logger (pino, at the app's LOG_LEVEL) replaces this one.
 */
class TestConsoleLogger implements LoggerService {
  log(message: unknown, ...rest: unknown[]): void {
    console.log(...line('LOG', message, rest));
  }
  error(message: unknown, ...rest: unknown[]): void {
    console.error(...line('ERROR', message, rest));
  }
  warn(message: unknown, ...rest: unknown[]): void {
    console.warn(...line('WARN', message, rest));
  }
  debug(message: unknown, ...rest: unknown[]): void {
    console.debug(...line('DEBUG', message, rest));
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    console.debug(...line('VERBOSE', message, rest));
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    console.error(...line('FATAL', message, rest));
  }
}

/** Nest passes the context (the logger's name) last. */
function line(level: string, message: unknown, rest: unknown[]): unknown[] {
  const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
  return [`[Nest] ${level}${context ? ` [${context}]` : ''}`, message, ...rest];
}

Logger.overrideLogger(new TestConsoleLogger());
