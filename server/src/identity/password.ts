import { Algorithm, hash, verify } from '@node-rs/argon2';

/** argon2id with OWASP's second recommended setting (19 MiB, t=2, p=1). */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verified against when the username is unknown, so timing does not tell which names exist. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0YrSR1JlwlBDwAOYUrGvTrjW8PLGNTWHqf3Q3WJNk9U';
