import { checkIdNumber, isIdNumberBirthDate, isIdNumberSex } from '../../../core/cn-codes.ts';
import type { RegistryName } from '../feeds.ts';
import type { consistencyChecks } from './contract.ts';

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

/** The district a component must lie in: its division code and the bounding box of its outline. */
export type District = { code: string; lng: [number, number]; lat: [number, number] };

const ID_FORMAT = /^\d{17}[\dX]$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

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
