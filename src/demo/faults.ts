/**
 * The faults real departmental files have, each put into the demo files at a small documented rate so that
 * aggregation has something to reject, repair and flag. Each rate applies to the rows that can have the fault
 * (a 15-digit ID number only to people born in the 1900s), and the generator counts both, so a test can hold
 * the files to the rates.
 */
import { CREDIT_CHARS, creditCodeCheck, idNumberCheck } from '../core/cn-codes.ts';
import { mobilePrefixes } from './places.ts';
import type { Random } from './random.ts';

/** The faults and their rates. What ingest makes of each is in the comment. */
export const faultRates = {
  /** An ID number whose check character is wrong (mistyped): rejected, `id_number_checksum`. */
  id_number_checksum: 0.004,
  /** A pre-1999 15-digit ID number (people born 1900–1999): upgraded to 18 digits, `id_number_upgraded`. */
  id_number_15: 0.01,
  /** A date written another way (1990/1/5, 1990年1月5日, 19900105, 1990.01.05): standardized. */
  date_format: 0.2,
  /** A phone number written with spaces, dashes or +86: standardized. */
  phone_format: 0.03,
  /** A row delivered twice, identical: counted as a duplicate. */
  duplicate_row: 0.005,
  /** A person delivered again with another address (moved): the later row wins, `duplicate_key`. */
  duplicate_key: 0.002,
  /** A birth date that disagrees with the ID number: accepted with `birth_date_mismatch`. */
  birth_date_mismatch: 0.002,
  /** 民政's phone number differs from 公安's (of people both have a phone for): a registry conflict. */
  conflicting_phone: 0.05,
  /** A credit code whose check character is wrong: rejected, `credit_code_checksum`. */
  credit_code_checksum: 0.005,
  /** Longitude and latitude swapped: out of range, rejected, `value_invalid`. */
  swapped_coordinates: 0.003,
} as const;
export type FaultName = keyof typeof faultRates;

/** How often a fault could have happened in a file and how often it did. */
export type FaultCount = { eligible: number; applied: number };

/** Counts one file's faults; `roll` decides (deterministically, from the file's generator) whether a row gets one. */
export function createFaultLog(random: Random) {
  const counts: Partial<Record<FaultName, FaultCount>> = {};
  return {
    counts,
    /** The file's fault generator, for choosing how a fault looks. */
    random,
    /** True when this eligible row gets the fault (at its rate). */
    roll(fault: FaultName): boolean {
      counts[fault] ??= { eligible: 0, applied: 0 };
      const count = counts[fault];
      count.eligible++;
      if (!random.chance(faultRates[fault])) return false;
      count.applied++;
      return true;
    },
  };
}
export type FaultLog = ReturnType<typeof createFaultLog>;

/** The ID number with another check character. */
export function withWrongIdCheck(id: string, random: Random): string {
  const checks = '0123456789X';
  const at = checks.indexOf(idNumberCheck(id.slice(0, 17)));
  return id.slice(0, 17) + checks[(at + 1 + random.below(10)) % 11];
}

/** The 15-digit form of an ID number of someone born 1900–1999 (no century, no check character). */
export function fifteenDigits(id: string): string {
  return id.slice(0, 6) + id.slice(8, 17);
}

/** The credit code with another check character. */
export function withWrongCreditCheck(code: string, random: Random): string {
  const at = CREDIT_CHARS.indexOf(creditCodeCheck(code.slice(0, 17)));
  return code.slice(0, 17) + CREDIT_CHARS[(at + 1 + random.below(30)) % 31];
}

/** A YYYY-MM-DD date written one of the other ways departments write dates. */
export function otherDateForm(date: string, random: Random): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  switch (random.below(4)) {
    case 0:
      return `${y}/${Number(m)}/${Number(d)}`;
    case 1:
      return `${y}年${Number(m)}月${Number(d)}日`;
    case 2:
      return `${y}${m}${d}`;
    default:
      return `${y}.${m}.${d}`;
  }
}

/** A mobile number written with spaces, dashes or +86. */
export function otherPhoneForm(phone: string, random: Random): string {
  if (!/^1\d{10}$/.test(phone)) return phone;
  const [a, b, c] = [phone.slice(0, 3), phone.slice(3, 7), phone.slice(7)];
  return random.pick([`${a} ${b} ${c}`, `${a}-${b}-${c}`, `+86 ${phone}`, `+86-${phone}`]);
}

/** Another mobile number than this one. */
export function otherMobile(phone: string, random: Random): string {
  for (;;) {
    const other = `${random.pick(mobilePrefixes)}${String(random.below(100_000_000)).padStart(8, '0')}`;
    if (other !== phone) return other;
  }
}

/** A nearby date that is not this one (a day or a month off), still a real date. */
export function mistypedDate(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  // A day later, or earlier at the end of the month, keeps the year (the ID number's birth date stays valid).
  const next = new Date(ms + 86_400_000).toISOString().slice(0, 10);
  return next.slice(0, 4) === date.slice(0, 4) ? next : new Date(ms - 86_400_000).toISOString().slice(0, 10);
}
