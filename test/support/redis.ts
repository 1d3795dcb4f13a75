import { connect } from 'node:net';

/**
 * The Redis the rate-limit tests share counters through: REDIS_URL, else the one CI starts on
 * 127.0.0.1:6379 (`.ci/run`). Null when none answers a PING, so a machine without Redis still
 * runs the in-memory half. (A raw PING: ioredis belongs to the server workspace.)
 */
export async function reachableRedisUrl(): Promise<string | null> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const { hostname, port } = new URL(url);
  if (new URL(url).password) return url; // an authenticated Redis: trust the setting, the server reports failures
  const pong = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
  return pong ? url : null;
}

/** A key prefix of its own per test server, so test files running in parallel never share counters. */
export function uniqueRedisPrefix(): string {
  return `gongkai-test:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;
}
