/** The four base registries (基础库); each is also the catalog resource of the same alias. */
export const registryNames = ['population', 'legal_person', 'license', 'component'] as const;
export type RegistryName = (typeof registryNames)[number];

export function isRegistryName(name: string): name is RegistryName {
  return (registryNames as readonly string[]).includes(name);
}

/**
 * Which catalog resources feed which registry. An item feeds the registry's item of the same code; the
 * registry's own resource is a source too (data the center itself delivers).
 */
export const feeds: Record<string, RegistryName> = {
  population: 'population',
  gafj_household: 'population',
  mzj_marriage: 'population',
  legal_person: 'legal_person',
  scjgj_entities: 'legal_person',
  license: 'license',
  component: 'component',
};

/** True when the resource of this alias feeds a registry (its batches are merged into it). */
export function feedsRegistry(alias: string | null | undefined): boolean {
  return !!alias && Object.hasOwn(feeds, alias);
}

/** The item holding each registry's name, what people search by (a license's holder, a component's kind). */
export const nameItems: Record<RegistryName, string> = {
  population: 'name',
  legal_person: 'name',
  license: 'holder_name',
  component: 'subclass',
};

/**
 * Source precedence per item when a registry is first set up (stewards change it in the console):
 * 公安 is authoritative on identity, 民政 on marital status, 市场监管 on registration. Others: newest wins.
 */
export const defaultPrecedence: Record<RegistryName, Record<string, string[]>> = {
  population: {
    name: ['gafj_household'],
    sex: ['gafj_household'],
    birth_date: ['gafj_household'],
    ethnicity: ['gafj_household'],
    household_id: ['gafj_household'],
    marital_status: ['mzj_marriage'],
  },
  legal_person: {
    name: ['scjgj_entities'],
    legal_rep_name: ['scjgj_entities'],
    legal_rep_id_number: ['scjgj_entities'],
    established_on: ['scjgj_entities'],
    registered_capital: ['scjgj_entities'],
    status: ['scjgj_entities'],
  },
  license: {},
  component: {},
};
