import { DynamicModule, Global, Module } from '@nestjs/common';

/**
 * Where the server reads the time. Production uses the system clock; tests boot the app with a
 * `SettableClock` and move it forward, so rules with time windows (replay windows, lockouts,
 * expiring codes) are reached without sleeping or editing rows. Rules pass `clock.now()` into
 * their SQL as a parameter instead of the database's own NOW(), so both sides agree.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Milliseconds since the epoch, as `Date.now()`. */
  nowMs(): number {
    return this.now().getTime();
  }

  /** Whole seconds since the epoch (WeChat's timestamps). */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock a test moves: it runs with real time from where it was last set, so leases, polls and
 * timeouts keep moving while a jump (`advance`) crosses a window at once.
 */
export class SettableClock extends Clock {
  private offsetMs = 0;

  constructor(start?: Date) {
    super();
    if (start) this.set(start);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** Provides `Clock` everywhere (global), the system clock unless the app was built with another. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
