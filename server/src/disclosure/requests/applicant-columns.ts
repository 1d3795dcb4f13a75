import type { DisclosureApplicantInput } from '@gongkai/shared';
import type { DataHasher } from '../../privacy/crypto/data-hasher';
import type { DisclosureRequest } from '../entities/disclosure-request.entity';

/** The identity columns of a request (sealed by their column transformers when written). */
export type ApplicantColumns = Pick<
  DisclosureRequest,
  'applicantType' | 'organizationKind' | 'applicantName' | 'idType' | 'idNumber' | 'creditCode' | 'applicantHash' | 'legalRepresentative' | 'contactName' | 'phone' | 'email' | 'address' | 'postcode'
>;

/**
 * The identity columns of a new request from what the applicant (or staff for them) gave, for
 * online intake and staff entry alike: the other applicant type's fields are not stored; numbers
 * are kept without spaces and upper-case; `applicantHash` is the keyed hash the 按件 fee counts
 * the same applicant's month by (`id_number` or `credit_code`), never a decrypted comparison.
 */
export function applicantColumns(input: DisclosureApplicantInput, hasher: DataHasher): ApplicantColumns {
  const person = input.applicantType === 'natural_person';
  const idNumber = person && input.idNumber ? input.idNumber.replace(/\s/g, '').toUpperCase() : null;
  const creditCode = !person && input.creditCode ? input.creditCode.replace(/\s/g, '').toUpperCase() : null;
  return {
    applicantType: input.applicantType,
    organizationKind: person ? null : (input.organizationKind ?? null),
    applicantName: input.name,
    idType: person ? (input.idType ?? null) : null,
    idNumber,
    creditCode,
    applicantHash: idNumber ? hasher.hash('id_number', idNumber) : creditCode ? hasher.hash('credit_code', creditCode) : null,
    legalRepresentative: person ? null : input.legalRepresentative || null,
    contactName: input.contactName || null,
    phone: input.phone,
    email: input.email || null,
    address: input.address || null,
    postcode: input.postcode || null,
  };
}
