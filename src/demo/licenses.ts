/**
 * The e-licenses the demo issues: 居民身份证电子证照 by 公安, 结婚证 by 民政, 营业执照 by 市场监管. Type codes have the
 * GB/T 36904 form (the defining ministry's credit code and a 3-digit number); the ministries' codes here are
 * made up in the national form, since the national catalog is not at hand.
 */
import { creditCodeCheck, isRealDate } from '../core/cn-codes.ts';
import type { Company } from './companies.ts';
import type { Person } from './people.ts';

/** A license to issue, with its issuer as a department code (the loader turns it into the department's id). */
export type DemoLicense = {
  holderId: string;
  holderIdType: '111' | '001';
  holderName: string;
  typeCode: string;
  typeName: string;
  issueDate: string;
  validUntil: string | null;
  issuer: 'GAFJ' | 'MZJ' | 'SCJGJ';
};

/** A type code: an authority's 17 characters, their GB 32100 check, then the type's number. */
const typeCode = (authority17: string, number: string) =>
  `${authority17}${creditCodeCheck(authority17)}${number}`;

/** The license types of the demo, with the department that issues each. */
export const demoLicenseTypes = {
  idCard: { typeCode: typeCode('11100000000013127', '001'), typeName: '居民身份证电子证照', issuer: 'GAFJ' },
  marriage: { typeCode: typeCode('11100000000014286', '003'), typeName: '结婚证', issuer: 'MZJ' },
  business: { typeCode: typeCode('11100000MB0143028', '001'), typeName: '营业执照', issuer: 'SCJGJ' },
} as const;

/** The same day `years` later; 29 February becomes the 28th in a common year. */
function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  return date.slice(5) === '02-29' && !isRealDate(year, 2, 29) ? `${year}-02-28` : `${year}${date.slice(4)}`;
}

/**
 * An ID card's e-license, issued within the five years before `asOf`; valid 5, 10 or 20 years by the holder's age
 * then (the card's own terms), or for life from 46.
 */
export function idCardLicense(person: Person, issueDate: string): DemoLicense {
  const age = Number(issueDate.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
  const years = age < 16 ? 5 : age <= 25 ? 10 : age <= 45 ? 20 : null;
  return {
    holderId: person.id,
    holderIdType: '111',
    holderName: person.name,
    ...demoLicenseTypes.idCard,
    issueDate,
    validUntil: years === null ? null : addYears(issueDate, years),
  };
}

/** A marriage certificate's e-license for one spouse, issued on the day the marriage was registered. */
export function marriageLicense(person: Person): DemoLicense {
  return {
    holderId: person.id,
    holderIdType: '111',
    holderName: person.name,
    ...demoLicenseTypes.marriage,
    issueDate: person.registeredOn!,
    validUntil: null,
  };
}

/** A business license, issued when the entity was established and valid without limit. */
export function businessLicense(company: Company): DemoLicense {
  return {
    holderId: company.creditCode,
    holderIdType: '001',
    holderName: company.name,
    ...demoLicenseTypes.business,
    issueDate: company.establishedOn,
    validUntil: null,
  };
}
