import { checkIdNumber, isIdNumberBirthDate, isIdNumberSex } from '../../../core/cn-codes.ts';
import type { RegistryName } from '../feeds.ts';
import type { consistencyChecks } from '../objections/contract.ts';

export type CheckCode = (typeof consistencyChecks)[number];

/**
 * A check of one entity on its own: null when it does not apply (an item it compares is empty), else whether it
 * passes. `get` gives an item's value (undefined when empty); only `items` are fetched for it.
 */
export type RowCheck = {
  code: CheckCode;
  items: string[];
  test(key: string, get: (code: string) => string | undefined): boolean | null;
};

/** A check against another registry, counted by the database: which entities it applies to and which pass (SQL over `e`). */
export type SqlCheck = { code: CheckCode; applies: string; passes: string };

/** The district a component must lie in: its division code and the bounding box of its outline. */
export type District = { code: string; lng: [number, number]; lat: [number, number] };

const ID_FORMAT = /^\d{17}[\dX]$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** The text of one item of an entity's merged values, in SQL (`e` is registry.entities). */
export const itemSql = (code: string) => `(e.values ->> '${code.replaceAll("'", "''")}')`;

const filledSql = (code: string) => `coalesce(${itemSql(code)}, '') <> ''`;
const existsSql = (registries: string[], key: string) =>
  `exists (select 1 from registry.entities x where x.registry = any(array[${registries.map((r) => `'${r}'`).join(', ')}]) and x.key = ${key})`;

/** The checks of each registry that look at one entity alone (run in the streamed pass). */
export function rowChecks(registry: RegistryName, district: District, today: string): RowCheck[] {
  switch (registry) {
    case 'population':
      return [
        {
          code: 'birth_date_matches_id',
          items: ['birth_date'],
          test: (key, get) => {
            const birth = get('birth_date');
            return birth && ID_FORMAT.test(key) ? isIdNumberBirthDate(key, birth) : null;
          },
        },
        {
          code: 'sex_matches_id',
          items: ['sex'],
          test: (key, get) => {
            const sex = get('sex');
            return sex && ID_FORMAT.test(key) ? isIdNumberSex(key, sex) : null;
          },
        },
      ];
    case 'legal_person':
      return [
        {
          code: 'legal_rep_id_valid',
          items: ['legal_rep_id_number'],
          test: (_key, get) => {
            const rep = get('legal_rep_id_number');
            return rep ? checkIdNumber(rep, today) === null : null;
          },
        },
      ];
    case 'license':
      return [];
    case 'component':
      return [
        {
          code: 'location_in_district',
          items: ['lng', 'lat'],
          test: (_key, get) => {
            const [lng, lat] = [get('lng'), get('lat')];
            if (!lng || !lat || !NUMBER.test(lng) || !NUMBER.test(lat)) return null;
            const [x, y] = [Number(lng), Number(lat)];
            return (
              x >= district.lng[0] && x <= district.lng[1] && y >= district.lat[0] && y <= district.lat[1]
            );
          },
        },
        { code: 'code_division_matches', items: [], test: (key) => key.startsWith(district.code) },
      ];
  }
}

/** The checks of each registry against another registry (counted in SQL, where the other registry is). */
export function sqlChecks(registry: RegistryName): SqlCheck[] {
  switch (registry) {
    case 'legal_person':
      return [
        {
          code: 'legal_rep_in_population',
          applies: filledSql('legal_rep_id_number'),
          passes: existsSql(['population'], itemSql('legal_rep_id_number')),
        },
      ];
    case 'license': {
      // 111: a citizen ID number (population); 001: a credit code (legal person); no type: either.
      const type = itemSql('holder_id_type');
      const holder = itemSql('holder_id');
      return [
        {
          code: 'holder_exists',
          applies: filledSql('holder_id'),
          passes: `case ${type} when '111' then ${existsSql(['population'], holder)} when '001' then ${existsSql(['legal_person'], holder)} else ${existsSql(['population', 'legal_person'], holder)} end`,
        },
      ];
    }
    default:
      return [];
  }
}
