import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Cleanup that runs on every way out: normal end, thrown error, SIGINT/SIGTERM. Async steps (a
 * graceful server stop, DROP DATABASE) run when the bench unwinds or catches a signal; the
 * synchronous fallbacks (SIGKILL, rm) also run from process 'exit', which allows nothing async.
 */
export class Cleanup {
  private tasks: { name: string; run: () => Promise<void>; sync?: () => void; done: boolean }[] = [];

  /** Registers a step; the returned function runs it now (once) and forgets it. */
  add(name: string, run: () => Promise<void>, sync?: () => void): () => Promise<void> {
    const task = { name, run, sync, done: false };
    this.tasks.push(task);
    return async () => {
      if (task.done) return;
      task.done = true;
      this.tasks = this.tasks.filter((t) => t !== task);
      await task.run();
    };
  }

  /** Runs pending steps newest first; one failing step does not stop the others. */
  async runAll(): Promise<void> {
    while (this.tasks.length) {
      const task = this.tasks.pop()!;
      if (task.done) continue;
      task.done = true;
      try {
        await task.run();
      } catch (error) {
        console.error(`cleanup "${task.name}" failed: ${String(error)}`);
      }
    }
  }

  runAllSync(): void {
    for (const task of [...this.tasks].reverse()) {
      try {
        task.sync?.();
      } catch {
        // Best effort: the process is exiting.
      }
    }
  }
}

export interface ManagedChild {
  name: string;
  process: ChildProcess;
  /** Last lines of its stdout and stderr, for error messages. */
  tail(): string;
  /** Log lines at warn level or worse, and anything on stderr. */
  problems: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

const PROBLEM_LEVELS = new Set(['warn', 'error', 'fatal']);

/** Spawns a child whose stop() (also registered with `cleanup`) is SIGTERM, then SIGKILL. */
export function spawnChild(cleanup: Cleanup, name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): ManagedChild {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const problems: string[] = [];
  const collect = (stream: 'stdout' | 'stderr') => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        if (!line.trim()) continue;
        lines.push(line);
        if (lines.length > 40) lines.shift();
        let level: string | undefined;
        try {
          level = (JSON.parse(line) as { level?: string }).level;
        } catch {
          level = undefined;
        }
        if ((level !== undefined && PROBLEM_LEVELS.has(level)) || (level === undefined && stream === 'stderr')) {
          if (problems.length < 50) problems.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
        }
      }
    };
  };
  child.stdout!.on('data', collect('stdout'));
  child.stderr!.on('data', collect('stderr'));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = cleanup.add(
    `stop ${name}`,
    async () => {
      if (!alive()) return;
      child.kill('SIGTERM');
      const result = await Promise.race([exited, sleep(10_000).then(() => 'timeout' as const)]);
      if (result === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
    () => {
      if (alive()) child.kill('SIGKILL');
    },
  );
  return { name, process: child, tail: () => lines.join('\n'), problems, exited, stop };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Plain node:http GET without Accept-Encoding, so we see the bytes exactly as sent. */
export function httpGet(url: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Polls `url` until it answers 200; fails early if the child dies. */
export async function waitFor200(url: string, child: ManagedChild, timeoutMs: number): Promise<number> {
  const started = performance.now();
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  void child.exited.then((e) => (exit = e));
  let last = '';
  while (performance.now() - started < timeoutMs) {
    if (exit) {
      const { code, signal } = exit;
      throw new Error(`${child.name} exited (code ${code}, signal ${signal}) before answering ${url}\n${child.tail()}`);
    }
    try {
      const answer = await httpGet(url, {}, 2000);
      if (answer.status === 200) return performance.now() - started;
      last = `status ${answer.status}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(200);
  }
  throw new Error(`${child.name} did not answer 200 on ${url} within ${timeoutMs / 1000} s (last: ${last})\n${child.tail()}`);
}

let clockTicks: number | undefined;

/**
 * CPU seconds (user + system) a process has used so far, from /proc; null where there is no
 * /proc. Unlike req/s this hardly moves when other work shares the cores.
 */
export function cpuSeconds(pid: number): number | null {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}
