import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkIdNumber,
  idNumberSex,
  organizationCodeCheck,
  upgradeIdNumber,
} from '../core/cn-codes.ts';
import { ConfigError, loadConfig } from '../core/config.ts';
import { openFile } from '../modules/ingest/index.ts';
import { insidePolygon, loadDistrictOutline } from '../modules/org/index.ts';
import { isLicenseTypeCode, licenseTypeOf } from '../modules/registry/index.ts';
import { dateOfDay, dayNumber } from './days.ts';
import { type FaultName, faultRates } from './faults.ts';
import { DEMO_AS_OF, demoScales, type GeneratedDemo, generateDemo } from './generate.ts';
import { idCardLicense } from './licenses.ts';
import { nameCharacters } from './names.ts';
import type { Person } from './people.ts';
import { loadDistrict } from './places.ts';
import { createRandom } from './random.ts';
import { generateWaterLevels, waterStations } from './water-levels.ts';

const sizes = { people: 20_000, companies: 2_000, components: 3_000, licenses: 600 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-demo-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The rows of a generated file as values (the header row apart), read by ingest's own reader. */
async function rowsOf(demo: GeneratedDemo, alias: string) {
  const source = await openFile(demo.files.find((f) => f.alias === alias)!.file);
  const rows: string[][] = [];
  for await (const batch of source.batches) rows.push(...batch);
  return { headers: source.headers, encoding: source.encoding, rows };
}

/** An ID number in its 18-digit form. */
const full = (id: string) => (id.length === 15 ? upgradeIdNumber(id) : id);
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

let demo: GeneratedDemo;
let household: Awaited<ReturnType<typeof rowsOf>>;
let marriage: Awaited<ReturnType<typeof rowsOf>>;
let entities: Awaited<ReturnType<typeof rowsOf>>;
let components: Awaited<ReturnType<typeof rowsOf>>;
let schools: Awaited<ReturnType<typeof rowsOf>>;
let waterLevels: Awaited<ReturnType<typeof rowsOf>>;
let sites: Awaited<ReturnType<typeof rowsOf>>;
beforeAll(async () => {
  demo = await generateDemo({ scale: 'small', seed: 7, dir: path.join(tmp, 'a'), sizes });
  household = await rowsOf(demo, 'gafj_household');
  marriage = await rowsOf(demo, 'mzj_marriage');
  entities = await rowsOf(demo, 'scjgj_entities');
  components = await rowsOf(demo, 'component');
  schools = await rowsOf(demo, 'jyj_schools');
  waterLevels = await rowsOf(demo, 'slj_water_level');
  sites = await rowsOf(demo, 'zjj_construction_sites');
});

describe('the demo district generator', () => {
  it('writes the same bytes for the same seed, and other files for another seed', async () => {
    const again = await generateDemo({ scale: 'small', seed: 7, dir: path.join(tmp, 'b'), sizes });
    const other = await generateDemo({ scale: 'small', seed: 8, dir: path.join(tmp, 'c'), sizes });
    for (const [i, file] of demo.files.entries()) {
      expect(sha256(again.files[i]!.file), file.fileName).toBe(sha256(file.file));
      expect(sha256(other.files[i]!.file), file.fileName).not.toBe(sha256(file.file));
    }
    expect(again.licenses).toEqual(demo.licenses);
    expect(again.faults).toEqual(demo.faults);
    expect(again.expected).toEqual(demo.expected);
  });

  it('writes 公安 in GBK, the others as UTF-8 CSV and XLSX, with headers ingest maps', () => {
    expect(household.encoding).toBe('gbk');
    const bytes = fs.readFileSync(demo.files[0]!.file);
    expect(bytes.subarray(0, 12)).toEqual(iconv.encode('公民身份号码', 'gbk'));
    expect(entities.encoding).toBe('utf-8');
    expect(components.encoding).toBe('utf-8');
    expect(marriage.encoding).toBeNull();
    expect(household.headers).toContain('公民身份号码');
    expect(marriage.headers).toContain('当事人身份证号');
    expect(entities.headers).toContain('统一社会信用代码');
    expect(components.headers).toContain('部件编码');
    // Every character of a name survives GBK (iconv would write "?" for one that does not).
    expect(iconv.decode(iconv.encode(nameCharacters, 'gbk'), 'gbk')).toBe(nameCharacters);
    expect(household.rows.some((r) => r[1]!.includes('?'))).toBe(false);
    expect(schools.encoding).toBeNull();
    expect(waterLevels.encoding).toBe('utf-8');
    expect(sites.encoding).toBe('utf-8');
    expect(demo.files.map((f) => [f.alias, f.department, f.rows])).toEqual([
      ['gafj_household', 'GAFJ', household.rows.length],
      ['mzj_marriage', 'MZJ', marriage.rows.length],
      ['scjgj_entities', 'SCJGJ', entities.rows.length],
      ['component', 'CGJ', components.rows.length],
      ['jyj_schools', 'JYJ', schools.rows.length],
      ['slj_water_level', 'SLJ', waterLevels.rows.length],
      ['zjj_construction_sites', 'ZJJ', sites.rows.length],
    ]);
    expect(demo.counts).toMatchObject({
      schools: schools.rows.length,
      waterLevels: waterLevels.rows.length,
      sites: sites.rows.length,
    });
  });

  it('makes people with valid ID numbers, their sex and birth date, mostly born in the district', () => {
    expect(demo.counts.people).toBe(sizes.people);
    const gafj = demo.faults.gafj_household!;
    const people = household.rows
      .filter((r) => checkIdNumber(full(r[0]!), DEMO_AS_OF) === null)
      .map((r) => [full(r[0]!), ...r.slice(1)]);
    const ids = new Set(people.map((r) => r[0]));
    // Everyone has a number of their own; only the rows delivered twice repeat one.
    expect(ids.size).toBe(sizes.people - gafj.id_number_checksum!.applied);
    expect(people.length - ids.size).toBe(gafj.duplicate_row!.applied + gafj.duplicate_key!.applied);
    for (const [id, , sex] of people) expect(sex).toBe(idNumberSex(id!) === 'male' ? '男' : '女');
    const places = new Map<string, number>();
    for (const id of ids) places.set(id!.slice(0, 6), (places.get(id!.slice(0, 6)) ?? 0) + 1);
    expect(places.get('430112')! / ids.size).toBeGreaterThan(0.5);
    expect(places.get('430122')! / ids.size).toBeGreaterThan(0.05);
    expect([...places.keys()].filter((p) => !p.startsWith('43')).length).toBeGreaterThan(3);
    // 望城县's code is for numbers given before the county became a district.
    for (const id of ids) if (id!.startsWith('430122')) expect(id!.slice(6, 10) < '2012').toBe(true);
    // An age pyramid: children, working age and old people in plausible shares.
    const ages = [...ids].map((id) => 2026 - Number(id!.slice(6, 10)));
    const share = (test: (age: number) => boolean) => ages.filter(test).length / ages.length;
    expect(share((a) => a < 15)).toBeGreaterThan(0.08);
    expect(share((a) => a < 15)).toBeLessThan(0.3);
    expect(share((a) => a >= 65)).toBeGreaterThan(0.08);
    expect(share((a) => a >= 65)).toBeLessThan(0.3);
    expect(share((a) => a >= 90)).toBeLessThan(0.02);
    // Mostly 汉族, a few of Hunan's minorities.
    const han = household.rows.filter((r) => r[4] === '汉族').length / household.rows.length;
    expect(han).toBeGreaterThan(0.95);
    expect(han).toBeLessThan(1);
  });

  it('makes entities with valid credit codes issued in the district, represented by people of the district', () => {
    const people = new Map(household.rows.map((r) => [full(r[0]!), r[1]]));
    const valid = entities.rows.filter((r) => !checkCreditCode(r[0]!));
    expect(valid.length).toBeGreaterThan(entities.rows.length * 0.98);
    for (const [code, , kind, repName, repId] of valid) {
      expect(code).toMatch(/^9[123]430112/);
      expect(code![8 + 8]).toBe(organizationCodeCheck(code!.slice(8, 16)));
      expect(
        { '1': ['有限责任公司', '股份有限公司'], '2': ['个体工商户'], '3': ['农民专业合作社'] }[code![1]!],
      ).toContain(kind);
      const id = full(repId!);
      expect(people.get(id), `${repName} ${id}`).toBe(repName);
    }
  });

  it('places components inside the district with codes of division, class, subclass and serial', () => {
    const ring = loadDistrictOutline().geometry.coordinates[0]!;
    const codes = new Set<string>();
    const classes = new Map<string, string>();
    for (const [code, className, subclass, lng, lat] of components.rows) {
      expect(code).toMatch(/^430112\d{10}$/);
      codes.add(code!);
      expect(classes.get(code!.slice(6, 8)) ?? className).toBe(className);
      classes.set(code!.slice(6, 8), className!);
      expect(subclass).toBeTruthy();
      if (Number(lng) < 100) continue; // swapped coordinates, a fault
      expect(insidePolygon([Number(lng), Number(lat)], ring), code).toBe(true);
    }
    expect(codes.size).toBe(sizes.components);
    expect([...classes.keys()].sort()).toEqual(['01', '02', '03', '04', '05', '06']);
  });

  it("lists 教育局's schools: unique codes and names, every kind, each subdistrict's central schools", async () => {
    const small = demoScales.small;
    expect(schools.rows).toHaveLength(small.schools);
    expect(schools.headers).toEqual([
      '学校标识码',
      '学校名称',
      '学段',
      '办学性质',
      '地址',
      '所属街道',
      '在校学生数',
    ]);
    const codes = schools.rows.map((r) => r[0]!);
    for (const code of codes) expect(code).toMatch(/^2430112\d{3}$/);
    expect(new Set(codes).size).toBe(codes.length);
    const names = schools.rows.map((r) => r[1]!);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(schools.rows.map((r) => r[2])).size).toBe(6); // 幼儿园 … 完全中学, all of them
    expect(names).toContain('望城区第一中学');
    const district = await loadDistrict();
    for (const s of district.subdistricts) expect(names).toContain(`${s.name}中心小学`);
    for (const [, name, level, ownership, address, subdistrict, students] of schools.rows) {
      expect(address, name).toMatch(new RegExp(`^长沙市望城区${subdistrict}`));
      expect(['公办', '民办']).toContain(ownership);
      expect(Number(students), name).toBeGreaterThan(level === '幼儿园' ? 50 : 100);
      expect(Number.isInteger(Number(students))).toBe(true);
    }
  });

  it("reads 水利局's stations on the 湘江, 沩水 and 八曲河 at fixed hours, below their warning levels", () => {
    const { waterDays, readingsPerDay } = demoScales.small;
    expect(waterLevels.rows).toHaveLength(waterStations.length * waterDays * readingsPerDay);
    expect(new Set(waterLevels.rows.map((r) => `${r[0]} ${r[3]}`)).size).toBe(waterLevels.rows.length);
    expect(new Set(waterLevels.rows.map((r) => r[2]))).toEqual(
      new Set(['湘江', '沩水', '八曲河', '马桥河', '团头湖', '千龙湖', '大泽湖', '斑马湖']),
    );
    const times = [...new Set(waterLevels.rows.map((r) => r[3]!))].sort();
    expect(times).toHaveLength(waterDays * readingsPerDay);
    expect(times[0]).toBe(`${dateOfDay(dayNumber(DEMO_AS_OF) - waterDays + 1)} 00:00:00`);
    expect(times.at(-1)).toBe(`${DEMO_AS_OF} 18:00:00`);
    let previous: string[] | undefined;
    for (const row of waterLevels.rows) {
      const [code, , , , level, warning] = row;
      expect(code).toMatch(/^\d{8}$/);
      expect(Number(level)).toBeLessThan(Number(warning));
      expect(Number(level)).toBeGreaterThan(Number(warning) - 4);
      // Water rises and falls smoothly: decimetres between readings on a small river in flood, never metres.
      if (previous?.[0] === code) expect(Math.abs(Number(level) - Number(previous[4]))).toBeLessThan(0.8);
      previous = row;
    }
  });

  it('refuses more water-level readings a day than there are hours, and reads hourly at 24', async () => {
    const random = createRandom(1, 'water_levels');
    await expect(generateWaterLevels(random, DEMO_AS_OF, 1, 25, async () => {})).rejects.toThrow(/1 to 24/);
    let readings = 0;
    await generateWaterLevels(random, DEMO_AS_OF, 2, 24, async () => void readings++);
    expect(readings).toBe(waterStations.length * 48);
  });

  it('keeps the full scale’s months of hourly readings below the warning levels (several flood waves meet)', async () => {
    const { waterDays, readingsPerDay } = demoScales.full;
    let readings = 0;
    let over = 0;
    await generateWaterLevels(
      createRandom(2026, 'water_levels'),
      DEMO_AS_OF,
      waterDays,
      readingsPerDay,
      async (r) => {
        readings++;
        if (Number(r.level) >= r.station.warning) over++;
      },
    );
    expect(readings).toBe(waterStations.length * waterDays * readingsPerDay);
    expect(over).toBe(0);
  });

  it("places 住建局's sites in the district, built by the district's construction companies", () => {
    const ring = loadDistrictOutline().geometry.coordinates[0]!;
    expect(sites.rows).toHaveLength(demoScales.small.sites);
    const companies = new Map(
      entities.rows
        .filter((r) => !checkCreditCode(r[0]!))
        .map((r) => [r[0]!, { name: r[1], industry: r[9] }]),
    );
    const codes = new Set<string>();
    const names = new Set<string>();
    for (const [
      code,
      name,
      builder,
      builderCode,
      address,
      subdistrict,
      startedOn,
      status,
      lng,
      lat,
    ] of sites.rows) {
      expect(code).toMatch(/^430112\d{12}$/);
      // The permit's date, then its serial: a real date, some time before the work started.
      const permitDate = `${code!.slice(6, 10)}-${code!.slice(10, 12)}-${code!.slice(12, 14)}`;
      expect(dateOfDay(dayNumber(permitDate))).toBe(permitDate);
      expect(permitDate < startedOn!, `${code} before ${startedOn}`).toBe(true);
      codes.add(code!);
      names.add(name!);
      expect(companies.get(builderCode!), builderCode).toEqual({ name: builder, industry: '建筑业' });
      expect(address).toMatch(new RegExp(`^长沙市望城区${subdistrict}`));
      expect(startedOn! < DEMO_AS_OF).toBe(true);
      expect(['在建', '主体完工', '竣工验收中', '停工']).toContain(status);
      expect(insidePolygon([Number(lng), Number(lat)], ring), name).toBe(true);
    }
    expect(codes.size).toBe(sites.rows.length);
    expect(names.size).toBe(sites.rows.length);
  });

  it('has licenses for valid holders of each type, issued by their departments', () => {
    expect(demo.licenses).toHaveLength(sizes.licenses);
    const companies = new Set(entities.rows.map((r) => r[0]));
    const byIssuer = Map.groupBy(demo.licenses, (l) => l.issuer);
    expect([...byIssuer.keys()].sort()).toEqual(['GAFJ', 'MZJ', 'SCJGJ']);
    for (const l of demo.licenses) {
      expect(isLicenseTypeCode(l.typeCode)).toBe(true);
      // A type the registry lists, under its name, issued by its department (else the demo's load is refused).
      expect(licenseTypeOf(l.typeCode)).toEqual({ code: l.typeCode, name: l.typeName, issuer: l.issuer });
      expect(
        l.holderIdType === '111' ? checkIdNumber(l.holderId, DEMO_AS_OF) : checkCreditCode(l.holderId),
      ).toBe(null);
      if (l.holderIdType === '001') expect(companies.has(l.holderId)).toBe(true);
      expect(l.issueDate <= DEMO_AS_OF).toBe(true);
      if (l.validUntil) expect(l.validUntil > l.issueDate).toBe(true);
      if (l.validUntil) expect(dateOfDay(dayNumber(l.validUntil))).toBe(l.validUntil);
    }
  });

  it('lets an ID card issued on 29 February run to the 28th in a common year', () => {
    const person = { id: '430112199001011234', name: '张三', birthDate: '1990-01-01' } as Person;
    expect(idCardLicense(person, '2024-02-29').validUntil).toBe('2044-02-29'); // 20 years, a leap year
    expect(idCardLicense({ ...person, birthDate: '2000-01-01' }, '2024-02-29').validUntil).toBe('2034-02-28');
    expect(idCardLicense({ ...person, birthDate: '2012-03-01' }, '2016-02-29').validUntil).toBe('2021-02-28');
  });

  it('puts each fault in at its rate, and the files show exactly the faults it counted', () => {
    for (const [file, faults] of Object.entries(demo.faults)) {
      for (const [fault, { eligible, applied }] of Object.entries(faults!)) {
        const rate = faultRates[fault as FaultName];
        // Four standard deviations of a binomial count: fails by chance about once in 15,000 runs.
        const slack = 4 * Math.sqrt(eligible * rate * (1 - rate));
        expect(
          Math.abs(applied - eligible * rate),
          `${file} ${fault}: ${applied} of ${eligible}`,
        ).toBeLessThan(slack + 1);
        expect(applied, `${file} ${fault}`).toBeGreaterThan(0);
      }
    }
    const gafj = demo.faults.gafj_household!;
    const lines = household.rows.map((r) => r.join(','));
    const count = <T>(list: T[], test: (x: T) => boolean) => list.filter(test).length;
    // A person's faults are in their first row; rows delivered again copy it (or change the address).
    const persons = firstByKey(household.rows);
    expect(count(persons, (r) => checkIdNumber(r[0]!, DEMO_AS_OF) === 'id_number_checksum')).toBe(
      gafj.id_number_checksum!.applied,
    );
    expect(count(persons, (r) => r[0]!.length === 15)).toBe(gafj.id_number_15!.applied);
    expect(count(persons, (r) => !ISO_DATE.test(r[3]!))).toBe(gafj.date_format!.applied);
    expect(count(persons, (r) => !!r[6] && !/^(1\d{10}|0731-\d{8})$/.test(r[6]))).toBe(
      gafj.phone_format!.applied,
    );
    expect(lines.length - new Set(lines).size).toBe(gafj.duplicate_row!.applied);
    expect(new Set(lines).size - persons.length).toBe(gafj.duplicate_key!.applied);
    const birthMismatch = count(persons, (r) => {
      const id = full(r[0]!);
      const [y, m, d] = /^\d{8}$/.test(r[3]!)
        ? [r[3]!.slice(0, 4), r[3]!.slice(4, 6), r[3]!.slice(6)]
        : r[3]!.split(/\D+/);
      return id.slice(6, 14) !== `${y}${m!.padStart(2, '0')}${d!.padStart(2, '0')}`;
    });
    expect(birthMismatch).toBe(gafj.birth_date_mismatch!.applied);

    const mzj = demo.faults.mzj_marriage!;
    const mzjLines = marriage.rows.map((r) => r.join(','));
    expect(mzjLines.length - new Set(mzjLines).size).toBe(mzj.duplicate_row!.applied);
    const spouses = firstByKey(marriage.rows);
    expect(count(spouses, (r) => r[0]!.length === 15)).toBe(mzj.id_number_15!.applied);
    // Real date cells and ISO text both read as YYYY-MM-DD; the faulty ones are written otherwise.
    expect(count(spouses, (r) => !ISO_DATE.test(r[4]!))).toBe(mzj.date_format!.applied);
    const digits = (phone: string) => phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
    const gafjPhone = new Map(persons.map((r) => [full(r[0]!), digits(r[6]!)]));
    const conflicting = count(spouses, (r) => {
      const theirs = gafjPhone.get(full(r[0]!));
      return !!theirs && !!r[5] && digits(r[5]) !== theirs;
    });
    // The conflicts of people whose 公安 row has a mistyped ID number cannot be seen (nor will the registry see them).
    expect(conflicting).toBe(demo.expected.phoneConflicts);
    expect(conflicting).toBeLessThanOrEqual(mzj.conflicting_phone!.applied);
    expect(conflicting).toBeGreaterThan(mzj.conflicting_phone!.applied * 0.9);

    const scjgj = demo.faults.scjgj_entities!;
    const companies = firstByKey(entities.rows);
    expect(count(companies, (r) => checkCreditCode(r[0]!) === 'credit_code_checksum')).toBe(
      scjgj.credit_code_checksum!.applied,
    );
    expect(count(companies, (r) => r[4]!.length === 15)).toBe(scjgj.id_number_15!.applied);
    expect(count(companies, (r) => !ISO_DATE.test(r[5]!))).toBe(scjgj.date_format!.applied);
    expect(entities.rows.length - companies.length).toBe(scjgj.duplicate_row!.applied);
    const cgj = demo.faults.component!;
    expect(count(components.rows, (r) => Number(r[3]) < 100)).toBe(cgj.swapped_coordinates!.applied);
    expect(components.rows.length - firstByKey(components.rows).length).toBe(cgj.duplicate_row!.applied);
  });
});

/** The first row of each key (the first column): a row delivered again is left out. */
function firstByKey(rows: string[][]) {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r[0]!) && !!seen.add(r[0]!));
}

describe('the small demo district of the first start', () => {
  it('has every fault at least twice with the default seed', async () => {
    const small = await generateDemo({ dir: path.join(tmp, 'default') });
    expect(small.counts).toMatchObject({ people: 5_000, companies: 500, components: 1_000 });
    expect(small.licenses).toHaveLength(300);
    for (const [file, faults] of Object.entries(small.faults))
      for (const [fault, { applied }] of Object.entries(faults!))
        expect(applied, `${file} ${fault}`).toBeGreaterThanOrEqual(2);
  });
});

describe('demo days', () => {
  it('turns dates into day numbers and back as Date does', () => {
    for (let day = dayNumber('1900-01-01'); day < dayNumber('2030-12-31'); day += 17) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(dateOfDay(day)).toBe(date);
      expect(dayNumber(date)).toBe(day);
    }
  });
});

describe('the ONECITY_DEMO setting', () => {
  it('loads the small demo by default, none when told, and refuses anything else by name', () => {
    expect(loadConfig({}).demo).toBe('small');
    expect(loadConfig({ ONECITY_DEMO: 'none' }).demo).toBe('none');
    expect(loadConfig({}, { demo: 'none' }).demo).toBe('none');
    expect(() => loadConfig({ ONECITY_DEMO: 'huge' })).toThrow(ConfigError);
    expect(() => loadConfig({ ONECITY_DEMO: 'huge' })).toThrow(/ONECITY_DEMO \(--demo\)/);
  });
});
