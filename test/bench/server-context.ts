import { httpGet, type Cleanup } from '../support/processes';

/** What bench.ts hands a part that starts the built server as its own process. */
export interface BenchServerContext {
  cleanup: Cleanup;
  jwtSecret: string;
  /** DATA_KEYS, DATA_HASH_KEY, PRIVACY_CONTROLLER, PRIVACY_CONTACT. */
  privacyEnv: Record<string, string>;
  dbEnv: Record<string, string>;
  serverNodeArgs: string[];
  childEnv: (extra: Record<string, string>) => NodeJS.ProcessEnv;
}

/**
 * Waits for the server's search index, built once after start (seconds of CPU at 20,000 notices, in
 * batches between requests): a first search answers once it is ready. Parts that measure CPU or
 * latency start after it, or the build would be counted in what they measure.
 */
export async function searchIndexReady(base: string): Promise<void> {
  const first = await httpGet(`${base}/api/v1/search?q=${encodeURIComponent('教育局')}`, {}, 300_000);
  if (first.status !== 200) throw new Error(`first search answered ${first.status}: ${first.body.toString('utf8').slice(0, 300)}`);
}
