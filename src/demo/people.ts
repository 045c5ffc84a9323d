/**
 * The demo district's people, made household by household so that 800,000 of them stream to disk without
 * being held: a head of household with an age from the district's adult age pyramid, a spouse, children,
 * sometimes the head's parents. Everyone gets a GB 11643 ID number unique in the district.
 */
import { idNumberCheck } from '../core/cn-codes.ts';
import { dateOfDay, dayNumber } from './days.ts';
import { pickGivenName, pickSurname } from './names.ts';
import {
  birthplaces,
  type Community,
  type District,
  ethnicities,
  mobilePrefixes,
  type Subdistrict,
} from './places.ts';
import { type Random, weightedTable } from './random.ts';

export type Sex = '男' | '女';
export type MaritalStatus = '未婚' | '已婚' | '离婚' | '丧偶';

/** One person as the departments know them. */
export type Person = {
  id: string;
  name: string;
  sex: Sex;
  birthDate: string;
  ethnicity: string;
  address: string;
  /** Mobile (11 digits) or landline (0731-…); null for children and some elderly people. */
  phone: string | null;
  subdistrict: string;
  community: string;
  householdId: string;
  marital: MaritalStatus;
  /** The day the marriage (已婚) or divorce (离婚) was registered; null otherwise. */
  registeredOn: string | null;
};

// The adult age pyramid (heads of household, 20 to 94) by five-year band: China's 2020 census shape.
const headAgeBands = weightedTable<number>([
  [20, 7.5],
  [25, 8.5],
  [30, 12.5],
  [35, 9.8],
  [40, 9.3],
  [45, 11.6],
  [50, 12.1],
  [55, 10.2],
  [60, 7.4],
  [65, 7.6],
  [70, 5.3],
  [75, 3.3],
  [80, 2.2],
  [85, 1.2],
  [90, 0.4],
]);

// How many children live at home; fewer once the parents are past fifty (the others have left).
const childrenAtHome = weightedTable<number>([
  [0, 2],
  [1, 4.5],
  [2, 3],
  [3, 0.5],
]);
const olderParentsChildren = weightedTable<number>([
  [0, 6],
  [1, 4.5],
  [2, 3],
  [3, 0.5],
]);

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Creates the generator; `asOf` (YYYY-MM-DD) is the demo's today, fixed so that the files never change. */
export function createPeopleGenerator(random: Random, district: District, asOf: string) {
  const today = dayNumber(asOf);
  const asOfYear = Number(asOf.slice(0, 4));
  // Numbers handed out so far, as (birthplace, day, sequence) packed into one number: unique per district.
  const used = new Set<number>();
  const birthplaceIndex = new Map<string, number>();
  let households = 0;

  /** A birth date for someone `age` years old on the demo's today. */
  function birthDateFor(age: number): string {
    return dateOfDay(today - Math.floor(age * 365.25) - random.below(365));
  }

  function birthplaceFor(birthDate: string, child: boolean): string {
    const local = random.chance(child ? 0.9 : 0.78);
    if (local) {
      // 望城 was a county (430122) until 2011; some numbers issued before then still carry its code.
      return birthDate < '2011-05-01' && random.chance(0.3) ? birthplaces.formerCounty : birthplaces.district;
    }
    return random.chance(0.6) ? birthplaces.hunan.pick(random) : birthplaces.china.pick(random);
  }

  /** A GB 11643 number not given to anyone else: odd sequence for men, even for women. */
  function idNumberFor(birthDate: string, sex: Sex, child: boolean): string {
    const place = birthplaceFor(birthDate, child);
    if (!birthplaceIndex.has(place)) birthplaceIndex.set(place, birthplaceIndex.size);
    const placeIndex = birthplaceIndex.get(place)!;
    const day = dayNumber(birthDate) + 30_000; // from 1888 on, positive
    let seq = random.below(500) * 2 + (sex === '男' ? 1 : 0);
    for (let tries = 0; used.has((placeIndex * 100_000 + day) * 1000 + seq); tries++) {
      if (tries > 500) throw new Error(`No ID number left for ${place} ${birthDate}`);
      seq = (seq + 2) % 1000;
    }
    used.add((placeIndex * 100_000 + day) * 1000 + seq);
    const first17 = `${place}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return first17 + idNumberCheck(first17);
  }

  function phoneFor(age: number): string | null {
    if (age < 16 || random.chance(age >= 75 ? 0.4 : 0.06)) return null;
    if (random.chance(0.04)) return `0731-8${random.between(1000000, 9999999)}`;
    return `${random.pick(mobilePrefixes)}${String(random.below(100_000_000)).padStart(8, '0')}`;
  }

  function addressIn(subdistrict: Subdistrict, community: Community): string {
    const prefix = `长沙市望城区${subdistrict.name}${community.name}`;
    if (community.village) return `${prefix}${random.between(1, 16)}组${random.between(1, 80)}号`;
    const road = random.pick(subdistrict.roads);
    return `${prefix}${road}${random.between(1, 399)}号${random.between(1, 30)}栋${random.between(1, 4)}单元${random.between(1, 28)}${pad2(random.between(1, 4))}室`;
  }

  /** The day a marriage was registered: when the younger spouse was 22 to 30, and not after the demo's today. */
  function weddingDay(youngerBirthDate: string): string {
    const born = dayNumber(youngerBirthDate);
    const latest = Math.min(born + Math.floor(30 * 365.25), today - 1);
    const earliest = Math.min(born + Math.floor(22 * 365.25), latest);
    return dateOfDay(earliest + random.below(latest - earliest + 1));
  }

  return {
    /** Households made so far. */
    get households() {
      return households;
    },

    /** The next household: one to six people sharing an address and a household number. */
    nextHousehold(): Person[] {
      households++;
      const subdistrict = district.pickSubdistrict(random);
      const community = random.pick(subdistrict.communities);
      const address = addressIn(subdistrict, community);
      const householdId = `${subdistrict.code.slice(6)}${String(households).padStart(6, '0')}`;
      const ethnicity = ethnicities.pick(random);
      const members: Person[] = [];
      const add = (
        sex: Sex,
        age: number,
        surname: string,
        marital: MaritalStatus,
        extra: { birthDate?: string; registeredOn?: string | null } = {},
      ) => {
        const birthDate = extra.birthDate ?? birthDateFor(age);
        const person: Person = {
          id: idNumberFor(birthDate, sex, age < 15),
          name: surname + pickGivenName(random, sex, Number(birthDate.slice(0, 4))),
          sex,
          birthDate,
          ethnicity: random.chance(0.9) ? ethnicity : ethnicities.pick(random),
          address,
          phone: phoneFor(age),
          subdistrict: subdistrict.name,
          community: community.name,
          householdId,
          marital,
          registeredOn: extra.registeredOn ?? null,
        };
        members.push(person);
        return person;
      };

      const headAge = headAgeBands.pick(random) + random.below(5);
      const headSex: Sex = random.chance(0.6) ? '男' : '女';
      const married = random.chance(
        headAge < 25 ? 0.2 : headAge < 30 ? 0.55 : headAge < 40 ? 0.85 : headAge < 75 ? 0.82 : 0.5,
      );
      const alone: MaritalStatus = married
        ? '已婚'
        : headAge < 35
          ? '未婚'
          : headAge >= 65 && random.chance(0.7)
            ? '丧偶'
            : random.chance(0.5)
              ? '离婚'
              : '未婚';
      const headSurname = pickSurname(random);
      const divorcedOn =
        alone === '离婚' ? dateOfDay(today - random.below(15 * 365) - random.below(30)) : null;
      const head = add(headSex, headAge, headSurname, alone, { registeredOn: divorcedOn });

      let spouse: Person | undefined;
      if (married) {
        // Husbands are a little older on average.
        const gap = Math.round(random.normal() * 3 + (headSex === '男' ? 2 : -2));
        const spouseAge = Math.max(20, Math.min(98, headAge - gap));
        const spouseBirth = birthDateFor(spouseAge);
        // The younger spouse's birth date: the later of the two (ISO dates sort as text).
        const registeredOn = weddingDay([spouseBirth, head.birthDate].sort()[1]!);
        head.registeredOn = registeredOn;
        spouse = add(headSex === '男' ? '女' : '男', spouseAge, pickSurname(random), '已婚', {
          birthDate: spouseBirth,
          registeredOn,
        });
      }

      // Children living at home, born when their mother was 22 to 34.
      const parentAge = spouse ? Math.min(headAge, asOfYear - Number(spouse.birthDate.slice(0, 4))) : headAge;
      if (parentAge >= 23 && parentAge <= 62 && (married || random.chance(0.3))) {
        const wanted = (parentAge > 50 ? olderParentsChildren : childrenAtHome).pick(random);
        const father = headSex === '男' ? head : spouse;
        for (let i = 0; i < wanted; i++) {
          const age = parentAge - random.between(22, 34);
          if (age < 0 || (age >= 24 && random.chance(0.7))) continue;
          const surname = father && random.chance(0.9) ? surnameOf(father.name) : surnameOf(head.name);
          add(
            random.chance(0.52) ? '男' : '女',
            age,
            surname,
            age >= 22 && random.chance(0.1) ? '已婚' : '未婚',
          );
        }
      }

      // Three generations: the head's parents live with some younger families.
      if (headAge >= 28 && headAge <= 58 && random.chance(0.15)) {
        const elderAge = Math.min(98, headAge + random.between(24, 32));
        const both = random.chance(0.5);
        // A widowed parent is more often the mother.
        const father = both || random.chance(0.35);
        if (father) add('男', elderAge, surnameOf(head.name), both ? '已婚' : '丧偶');
        if (both) add('女', Math.min(98, elderAge - random.between(0, 4)), pickSurname(random), '已婚');
        else if (!father) add('女', elderAge, pickSurname(random), '丧偶');
      }
      return members;
    },
  };
}

/** The surname of a generated name (欧阳 is the one two-character surname the lists have). */
export function surnameOf(name: string): string {
  return name.startsWith('欧阳') ? '欧阳' : name[0]!;
}
