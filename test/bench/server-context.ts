import type { Cleanup } from '../support/processes';

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
