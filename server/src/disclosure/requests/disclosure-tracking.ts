import { randomInt } from 'node:crypto';
import { shanghaiDate } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import type { DataHasher } from '../../privacy/crypto/data-hasher';
import type { DisclosureRequestsRepository } from './disclosure-requests.repository';

/**
 * A new request's tracking number and verification code, for both ways a request comes in
 * (online and entered by staff): `YS` + the Shanghai day + a three-digit number of that day
 * (`YS20260918001`), from the per-day sequence in the caller's transaction; and an 8-character
 * code from an alphabet without look-alikes (0/O, 1/I/L), shown once and stored only as its keyed
 * hash (purpose `disclosure_code`).
 */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

export async function newTrackingNo(repo: DisclosureRequestsRepository, m: EntityManager, now: Date): Promise<string> {
  const day = shanghaiDate(now).replace(/-/g, '');
  const seq = await repo.nextSequence(m, `disclosure/YS/${day}`);
  return `YS${day}${String(seq).padStart(3, '0')}`;
}

export function newVerificationCode(hasher: DataHasher): { code: string; hash: string } {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return { code, hash: hasher.hash('disclosure_code', code) };
}
