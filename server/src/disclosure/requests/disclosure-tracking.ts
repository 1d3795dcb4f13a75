import { randomInt } from 'node:crypto';
import type { DisclosureRequest } from '../entities/disclosure-request.entity';
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

/** A new request's row with every step's field empty: intake and staff entry fill in who, what and how it arrived. */
export function newRequestRow(now: Date): Omit<DisclosureRequest, 'id'> {
  return {
    trackingNo: '',
    verificationHash: '',
    parentId: null,
    channel: 'in_person',
    enteredById: null,
    applicantType: 'natural_person',
    organizationKind: null,
    applicantName: '',
    idType: null,
    idNumber: null,
    creditCode: null,
    applicantHash: null,
    legalRepresentative: null,
    contactName: null,
    phone: null,
    email: null,
    address: null,
    postcode: null,
    description: '',
    purpose: null,
    provisionForm: 'paper',
    delivery: 'pickup',
    pieces: 1,
    status: 'processing',
    version: 1,
    handlerId: null,
    submittedAt: now,
    receivedDate: null,
    clockFrom: null,
    supplementRequestText: null,
    supplementRequestedAt: null,
    supplementDueDate: null,
    suppliedAt: null,
    suppliedText: null,
    extensionDays: 0,
    extensionPendingDays: null,
    extensionReason: null,
    extensionRequestedById: null,
    extensionRequestedAt: null,
    extensionApprovedById: null,
    extensionApprovedAt: null,
    pauses: [],
    dueDate: null,
    dueAt: null,
    flagged: false,
    lastWarning: null,
    outcome: null,
    concludedAt: null,
    parentCancelledAt: null,
    createdAt: now,
    updatedAt: now,
  };
}
