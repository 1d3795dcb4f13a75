import { Logger } from '@nestjs/common';
import { PeriodicTasks } from './periodic-tasks';

/** A round the test ends when it likes: `started` counts entries, `release()` lets the oldest open one finish. */
function gatedRounds() {
  const gates: (() => void)[] = [];
  const state = { started: 0, finished: 0, running: 0, maxRunning: 0 };
  const run = async () => {
    state.started += 1;
    state.running += 1;
    state.maxRunning = Math.max(state.maxRunning, state.running);
    await new Promise<void>((resolve) => gates.push(resolve));
    state.running -= 1;
    state.finished += 1;
  };
  const release = async () => {
    gates.shift()?.();
    // Let the round's continuation and the next queued round start.
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
  };
  return { run, release, state };
}

const flush = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

describe('PeriodicTasks', () => {
  let tasks: PeriodicTasks;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    tasks = new PeriodicTasks();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await tasks.onApplicationShutdown().catch(() => undefined);
    warn.mockRestore();
    jest.useRealTimers();
  });

  it('never runs two rounds of a task at once, and a run() during a round runs another one after it', async () => {
    const { run, release, state } = gatedRounds();
    tasks.register('sweep', { everyMs: 0 }, run);
    const first = tasks.run('sweep');
    const second = tasks.run('sweep');
    await flush();
    expect(state.started).toBe(1);

    await release();
    await first;
    expect(state.started).toBe(2);
    expect(state.running).toBe(1);

    await release();
    await second;
    expect(state).toEqual({ started: 2, finished: 2, running: 0, maxRunning: 1 });
  });

  it('a timer tick while an explicit round runs does not start a second one beside it', async () => {
    const { run, release, state } = gatedRounds();
    tasks.register('poll', { everyMs: 1000 }, run);
    await tasks.onApplicationBootstrap();
    const explicit = tasks.run('poll');
    await flush();
    await jest.advanceTimersByTimeAsync(1000);
    expect(state.started).toBe(1);
    await release();
    await explicit;
    expect(state.maxRunning).toBe(1);
  });

  it('awaits the atStart rounds while the application starts, then runs on the timer', async () => {
    const { run, release, state } = gatedRounds();
    tasks.register('catch-up', { everyMs: 1000, atStart: true }, run);
    let booted = false;
    const boot = tasks.onApplicationBootstrap().then(() => (booted = true));
    await flush();
    expect(state.started).toBe(1);
    expect(booted).toBe(false);

    await release();
    await boot;
    expect(booted).toBe(true);
    expect(state.finished).toBe(1);

    await jest.advanceTimersByTimeAsync(1000);
    expect(state.started).toBe(2);
    await release();
  });

  it('logs a failed round and keeps the timer going', async () => {
    let rounds = 0;
    tasks.register('flaky', { everyMs: 1000 }, async () => {
      rounds += 1;
      if (rounds === 1) throw new Error('database gone');
    });
    await tasks.onApplicationBootstrap();

    await jest.advanceTimersByTimeAsync(1000);
    expect(rounds).toBe(1);
    expect(warn).toHaveBeenCalledWith('flaky failed: database gone');

    await jest.advanceTimersByTimeAsync(1000);
    expect(rounds).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('an explicit run() rejects with the round error, and the next run() goes on', async () => {
    let rounds = 0;
    tasks.register('once-broken', { everyMs: 0 }, async () => {
      rounds += 1;
      if (rounds === 1) throw new Error('no');
    });
    await expect(tasks.run('once-broken')).rejects.toThrow('no');
    await expect(tasks.run('once-broken')).resolves.toBeUndefined();
    expect(rounds).toBe(2);
  });

  it('shutdown waits for the round in progress and starts no more', async () => {
    const { run, release, state } = gatedRounds();
    tasks.register('flush', { everyMs: 1000 }, run);
    await tasks.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1000);
    expect(state.started).toBe(1);

    let stopped = false;
    const shutdown = tasks.onApplicationShutdown().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);

    await release();
    await shutdown;
    expect(stopped).toBe(true);
    await jest.advanceTimersByTimeAsync(5000);
    expect(state.started).toBe(1);
  });

  it('schedules a task registered while the atStart rounds run once, not twice', async () => {
    const { run, release, state } = gatedRounds();
    tasks.register('slow-start', { everyMs: 0, atStart: true }, run);
    let late = 0;
    const boot = tasks.onApplicationBootstrap();
    await flush();
    tasks.register('late', { everyMs: 1000 }, async () => {
      late += 1;
    });
    await release();
    await boot;
    expect(state.finished).toBe(1);

    await jest.advanceTimersByTimeAsync(1000);
    expect(late).toBe(1);
  });

  it('refuses a name registered twice and a run of an unknown task', () => {
    tasks.register('a', { everyMs: 0 }, async () => undefined);
    expect(() => tasks.register('a', { everyMs: 0 }, async () => undefined)).toThrow('periodic task a registered twice');
    expect(() => tasks.run('b')).toThrow('no periodic task b');
  });
});
