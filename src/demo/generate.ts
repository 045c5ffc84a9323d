/**
 * Generating the demo district's departmental files: people household by household into 公安's and 民政's files,
 * then market entities represented by some of those people, then city components, with the faults of
 * faults.ts mixed in; then the open resources' files, clean: 教育局's schools, 水利局's water levels and
 * 住建局's construction sites (built by the district's construction companies). Everything streams to disk;
 * what is kept is the few people and entities that become legal representatives, license holders or builders.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RegistryName } from '../modules/registry/index.ts';
import { ageOn } from '../modules/registry/index.ts';
import { type Company, createCompanyGenerator, type Representative } from './companies.ts';
import { createComponentGenerator } from './components.ts';
import type { Builder } from './construction-sites.ts';
import { dateOfDay, dayNumber } from './days.ts';
import { createCsvWriter, createXlsxWriter, type DemoFileSpec, demoFileSpecs } from './demo-files.ts';
import {
  createFaultLog,
  type FaultCount,
  type FaultName,
  fifteenDigits,
  mistypedDate,
  otherDateForm,
  otherMobile,
  otherPhoneForm,
  withWrongCreditCheck,
  withWrongIdCheck,
} from './faults.ts';
import { businessLicense, type DemoLicense, idCardLicense, marriageLicense } from './licenses.ts';
import { writeOpenResourceFiles } from './open-resource-files.ts';
import { createPeopleGenerator, type Person } from './people.ts';
import { loadDistrict } from './places.ts';
import { createRandom } from './random.ts';
import { type DemoScale, type DemoSizes, demoScales } from './scales.ts';

export { type DemoScale, type DemoSizes, demoScales } from './scales.ts';

/** The default seed, chosen so that the small district has at least two rows of every fault. */
export const DEMO_SEED = 2026;
/** The demo's "today": fixed, so that the same seed gives the same files on any day. */
export const DEMO_AS_OF = '2026-06-30';

/** One file written, with the resource it feeds and who delivers it. */
export type GeneratedFile = Omit<DemoFileSpec, 'headers'> & { file: string; rows: number };

/** What generation made: the files, the licenses to issue, the faults put in, and what loading should give. */
export type GeneratedDemo = {
  scale: DemoScale;
  seed: number;
  asOf: string;
  dir: string;
  sizes: DemoSizes;
  files: GeneratedFile[];
  licenses: DemoLicense[];
  faults: Partial<Record<DemoFileSpec['alias'], Partial<Record<FaultName, FaultCount>>>>;
  counts: {
    people: number;
    households: number;
    marriages: number;
    companies: number;
    components: number;
    schools: number;
    waterLevels: number;
    sites: number;
  };
  /** Entities each registry should hold once everything is loaded, and the phone conflicts 民政's file causes. */
  expected: Record<RegistryName, number> & { phoneConflicts: number };
  seconds: number;
};

const DAY = 86_400_000;
/** Generates the demo district's files into `dir` (created if missing). Same seed and sizes, same bytes. */
export async function generateDemo(args: {
  scale?: DemoScale;
  seed?: number;
  dir: string;
  sizes?: Partial<DemoSizes>;
  onProgress?: (line: string) => void;
}): Promise<GeneratedDemo> {
  const started = performance.now();
  const scale = args.scale ?? 'small';
  const seed = args.seed ?? DEMO_SEED;
  const sizes = { ...demoScales[scale], ...args.sizes };
  const asOf = DEMO_AS_OF;
  const today = dayNumber(asOf);
  const dir = path.resolve(args.dir);
  await fs.promises.mkdir(dir, { recursive: true });
  const district = await loadDistrict();
  const fileOf = (spec: DemoFileSpec) => path.join(dir, spec.fileName);
  const progress = args.onProgress ?? (() => {});

  // Licenses are split between the three types; candidates are drawn a little generously, then cut.
  const wanted = {
    idCard: Math.round(sizes.licenses * 0.5),
    marriage: Math.round(sizes.licenses * 0.15),
    business: 0,
  };
  wanted.business = sizes.licenses - wanted.idCard - wanted.marriage;
  const picks = createRandom(seed, 'picks');
  const representatives: Representative[] = [];
  const idCardHolders: { person: Person; issueDate: string }[] = [];
  const spouses: Person[] = [];
  const repChance = Math.min(1, Math.max(60, sizes.companies * 0.9) / (sizes.people * 0.55));
  const idCardChance = Math.min(1, (wanted.idCard * 1.5) / sizes.people);
  const marriageChance = Math.min(1, (wanted.marriage * 1.5) / (sizes.people * 0.2));

  // People: 公安's household file and 民政's marriage registrations.
  const household = demoFileSpecs.household;
  const marriage = demoFileSpecs.marriage;
  const people = createPeopleGenerator(createRandom(seed, 'people'), district, asOf);
  const gafjFaults = createFaultLog(createRandom(seed, `faults:${household.alias}`));
  const mzjFaults = createFaultLog(createRandom(seed, `faults:${marriage.alias}`));
  const mzjRandom = createRandom(seed, marriage.alias);
  const gafj = createCsvWriter(fileOf(household), household.headers, 'gbk');
  const mzj = createXlsxWriter(
    fileOf(marriage),
    '婚姻登记信息',
    marriage.headers,
    new Date(today * DAY),
    '望城区民政局',
  );
  let made = 0;
  let population = 0;
  let phoneConflicts = 0;
  while (made < sizes.people) {
    const members = people.nextHousehold().slice(0, sizes.people - made);
    for (const person of members) {
      made++;
      const bornInThe1900s = person.birthDate < '2000-01-01';
      const badId = gafjFaults.roll('id_number_checksum');
      const idText = badId
        ? withWrongIdCheck(person.id, gafjFaults.random)
        : bornInThe1900s && gafjFaults.roll('id_number_15')
          ? fifteenDigits(person.id)
          : person.id;
      let birth = gafjFaults.roll('birth_date_mismatch') ? mistypedDate(person.birthDate) : person.birthDate;
      if (gafjFaults.roll('date_format')) birth = otherDateForm(birth, gafjFaults.random);
      const phone =
        person.phone && /^1/.test(person.phone) && gafjFaults.roll('phone_format')
          ? otherPhoneForm(person.phone, gafjFaults.random)
          : person.phone;
      const row = [
        idText,
        person.name,
        person.sex,
        birth,
        person.ethnicity,
        person.address,
        phone,
        person.subdistrict,
        person.community,
        person.householdId,
      ];
      await gafj.row(row);
      if (!badId && gafjFaults.roll('duplicate_row')) await gafj.row(row);
      if (!badId && gafjFaults.roll('duplicate_key')) {
        // Moved house within the community: a second row with the new address, which wins.
        const moved = person.address.replace(/\d+号/, `${gafjFaults.random.between(1, 399)}号`);
        await gafj.row(row.map((v, i) => (i === 5 ? `${moved}` : v)));
      }
      if (!badId) population++;

      // 民政's system holds most registrations made in the district since its records went digital (2000).
      const inMzj =
        person.registeredOn !== null && person.registeredOn >= '2000-01-01' && mzjRandom.chance(0.7);
      if (inMzj) {
        if (badId) population++; // known to the registry through 民政 alone
        const mzjId = bornInThe1900s && mzjFaults.roll('id_number_15') ? fifteenDigits(person.id) : person.id;
        const day = person.registeredOn!;
        // 民政's export writes most dates as text; some rows carry real date cells, some other forms.
        const date = mzjFaults.roll('date_format')
          ? otherDateForm(day, mzjFaults.random)
          : mzjRandom.chance(0.3)
            ? new Date(dayNumber(day) * DAY)
            : day;
        let mzjPhone: string | null = person.phone;
        if (person.phone && mzjFaults.roll('conflicting_phone')) {
          mzjPhone = otherMobile(person.phone, mzjFaults.random);
          if (!badId) phoneConflicts++;
        } else if (!person.phone && mzjRandom.chance(0.3)) {
          mzjPhone = otherMobile('', mzjRandom);
        }
        const divorced = person.marital === '离婚';
        const mzjRow = [
          mzjId,
          person.name,
          divorced ? '离婚登记' : '结婚登记',
          person.marital,
          date,
          mzjPhone,
          '望城区民政局婚姻登记处',
        ];
        mzj.row(mzjRow);
        if (mzjFaults.roll('duplicate_row')) mzj.row(mzjRow);
        if (!badId && !divorced && picks.chance(marriageChance)) spouses.push(person);
      }

      if (badId) continue;
      const age = ageOn(person.birthDate, asOf) ?? 0; // people are born before the demo's today
      if (age >= 25 && age <= 70 && picks.chance(repChance))
        representatives.push({ name: person.name, id: person.id });
      if (picks.chance(idCardChance)) {
        const earliest = Math.max(dayNumber(person.birthDate), today - 5 * 365);
        const issueDate = dateOfDay(earliest + picks.below(Math.max(1, today - earliest)));
        idCardHolders.push({ person, issueDate });
      }
    }
    if (made % 100_000 < members.length) progress(`generated ${made.toLocaleString('en')} people`);
  }
  const files: GeneratedFile[] = [];
  const written = (spec: DemoFileSpec, rows: number) => {
    const { headers: _, ...rest } = spec;
    files.push({ ...rest, file: fileOf(spec), rows });
  };
  written(household, await gafj.close());
  written(marriage, await mzj.close());

  // Market entities, each represented by one of the people kept for it (some represent several).
  if (representatives.length === 0 && sizes.companies > 0)
    throw new Error('Too few people to represent the companies: raise sizes.people');
  const entities = demoFileSpecs.entities;
  const companies = createCompanyGenerator(createRandom(seed, 'companies'), district, asOf);
  const repRandom = createRandom(seed, 'representatives');
  const scjgjFaults = createFaultLog(createRandom(seed, `faults:${entities.alias}`));
  const scjgj = createCsvWriter(fileOf(entities), entities.headers, 'utf-8');
  const licensed: Company[] = [];
  const builders: Builder[] = [];
  const businessChance = Math.min(1, (wanted.business * 1.5) / (sizes.companies * 0.8));
  let legalPersons = 0;
  for (let i = 0; i < sizes.companies; i++) {
    const company = companies.next(representatives[repRandom.below(representatives.length)]!);
    const badCode = scjgjFaults.roll('credit_code_checksum');
    const repBornInThe1900s = company.legalRepId.slice(6, 8) === '19';
    const row = [
      badCode ? withWrongCreditCheck(company.creditCode, scjgjFaults.random) : company.creditCode,
      company.name,
      company.kind,
      company.legalRepName,
      repBornInThe1900s && scjgjFaults.roll('id_number_15')
        ? fifteenDigits(company.legalRepId)
        : company.legalRepId,
      scjgjFaults.roll('date_format')
        ? otherDateForm(company.establishedOn, scjgjFaults.random)
        : company.establishedOn,
      company.capital,
      company.status,
      company.address,
      company.industry,
    ];
    await scjgj.row(row);
    if (!badCode && scjgjFaults.roll('duplicate_row')) await scjgj.row(row);
    if (badCode) continue;
    legalPersons++;
    if (company.industry === '建筑业' && (company.status === '存续' || company.status === '在业'))
      builders.push({ name: company.name, creditCode: company.creditCode });
    if ((company.status === '存续' || company.status === '在业') && picks.chance(businessChance))
      licensed.push(company);
  }
  written(entities, await scjgj.close());
  progress(`generated ${sizes.companies.toLocaleString('en')} market entities`);

  // City components.
  const componentSpec = demoFileSpecs.components;
  const components = createComponentGenerator(createRandom(seed, 'components'), district);
  const cgjFaults = createFaultLog(createRandom(seed, `faults:${componentSpec.alias}`));
  const cgj = createCsvWriter(fileOf(componentSpec), componentSpec.headers, 'utf-8');
  let componentEntities = 0;
  for (let i = 0; i < sizes.components; i++) {
    const c = components.next();
    const swapped = cgjFaults.roll('swapped_coordinates');
    const row = [
      c.code,
      c.className,
      c.subclass,
      swapped ? c.lat : c.lng,
      swapped ? c.lng : c.lat,
      c.owner,
      c.status,
      c.subdistrict,
    ];
    await cgj.row(row);
    if (swapped) continue;
    componentEntities++;
    if (cgjFaults.roll('duplicate_row')) await cgj.row(row);
  }
  written(componentSpec, await cgj.close());

  // The open resources' files, clean: published as they load.
  const open = await writeOpenResourceFiles({ seed, district, asOf, sizes, builders, fileOf });
  for (const [spec, rows] of open.files) written(spec, rows);

  const licenses = [
    ...idCardHolders.slice(0, wanted.idCard).map((h) => idCardLicense(h.person, h.issueDate)),
    ...spouses.slice(0, wanted.marriage).map(marriageLicense),
    ...licensed.slice(0, wanted.business).map(businessLicense),
  ];
  const seconds = (performance.now() - started) / 1000;
  progress(`generated the demo district's files in ${seconds.toFixed(1)} s`);
  return {
    scale,
    seed,
    asOf,
    dir,
    sizes,
    files,
    licenses,
    faults: {
      [household.alias]: gafjFaults.counts,
      [marriage.alias]: mzjFaults.counts,
      [entities.alias]: scjgjFaults.counts,
      [componentSpec.alias]: cgjFaults.counts,
    },
    counts: {
      people: made,
      households: people.households,
      marriages: files[1]!.rows,
      companies: sizes.companies,
      components: sizes.components,
      ...open.counts,
    },
    expected: {
      population,
      legal_person: legalPersons,
      license: licenses.length,
      component: componentEntities,
      phoneConflicts,
    },
    seconds,
  };
}
