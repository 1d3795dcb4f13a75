import { Global, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

export interface PeriodicTaskOptions {
  /** Pause between the end of one round and the start of the next; 0 or less: only explicit runs. */
  everyMs: number;
  /** Run a first round while the application starts (awaited), e.g. to catch up on time that passed while it was down. */
  atStart?: boolean;
  /** Spread rounds of several instances apart: each pause is everyMs × (1 ± jitter/2). */
  jitter?: number;
}

interface Task {
  name: string;
  options: PeriodicTaskOptions;
  run: () => Promise<void>;
  timer: NodeJS.Timeout | null;
  /** The round in progress or last finished: rounds never overlap. */
  round: Promise<void>;
  busy: boolean;
}

/**
 * Periodic work of every module (scheduled publishing, sweeps, flushes, polls) registers here
 * instead of holding a timer of its own, so all of it starts after the application is up, stops
 * (and is awaited) at shutdown, never overlaps itself, and logs failures the same way. Tests move
 * the clock and call `run(name)` for an explicit round instead of sleeping until a timer fires.
 */
@Injectable()
export class PeriodicTasks implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PeriodicTasks');
  private readonly tasks = new Map<string, Task>();
  private started = false;
  private stopped = false;

  /** Registers a task; call it from the owner's constructor or onModuleInit. Its timer starts when the application has started. */
  register(name: string, options: PeriodicTaskOptions, run: () => Promise<void>): void {
    if (this.tasks.has(name)) throw new Error(`periodic task ${name} registered twice`);
    const task: Task = { name, options, run, timer: null, round: Promise.resolve(), busy: false };
    this.tasks.set(name, task);
    if (this.started) this.schedule(task);
  }

  names(): string[] {
    return [...this.tasks.keys()];
  }

  /** One round now, after any round in progress; rejects with the round's error (the timer's rounds only log it). */
  run(name: string): Promise<void> {
    const task = this.tasks.get(name);
    if (!task) throw new Error(`no periodic task ${name}`);
    return this.round(task);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    await Promise.all([...this.tasks.values()].filter((t) => t.options.atStart).map((t) => this.round(t).catch((e: unknown) => this.failed(t, e))));
    for (const task of this.tasks.values()) this.schedule(task);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks.values()) if (task.timer) clearTimeout(task.timer);
    await Promise.all([...this.tasks.values()].map((t) => t.round.catch(() => undefined)));
  }

  private round(task: Task): Promise<void> {
    const next = task.round.catch(() => undefined).then(async () => {
      if (this.stopped) return;
      task.busy = true;
      try {
        await task.run();
      } finally {
        task.busy = false;
      }
    });
    task.round = next;
    return next;
  }

  private schedule(task: Task): void {
    const { everyMs, jitter = 0 } = task.options;
    // A task registered while the atStart rounds ran already has its timer: one timer per task.
    if (this.stopped || everyMs <= 0 || task.timer) return;
    const delay = everyMs * (1 + jitter * (Math.random() - 0.5));
    task.timer = setTimeout(() => {
      task.timer = null;
      // A round still running (an explicit one) is not doubled: this tick waits for the next.
      const done = task.busy ? Promise.resolve() : this.round(task).catch((e: unknown) => this.failed(task, e));
      void done.finally(() => this.schedule(task));
    }, delay);
    task.timer.unref();
  }

  private failed(task: Task, error: unknown): void {
    this.logger.warn(`${task.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Provides `PeriodicTasks` everywhere (global), as ClockModule provides the clock. */
@Global()
@Module({ providers: [PeriodicTasks], exports: [PeriodicTasks] })
export class TasksModule {}
