/**
 * Writing the open resources' files of the demo district: 教育局's school list (XLSX), 水利局's water levels
 * and 住建局's construction sites (UTF-8 CSV). They carry no faults: the open-data portal publishes them as
 * they load.
 */
import { type Builder, generateConstructionSites } from './construction-sites.ts';
import { dayNumber } from './days.ts';
import { createCsvWriter, createXlsxWriter, type DemoFileSpec, demoFileSpecs } from './demo-files.ts';
import type { District } from './places.ts';
import { createRandom } from './random.ts';
import type { DemoSizes } from './scales.ts';
import { generateSchools } from './schools.ts';
import { generateWaterLevels } from './water-levels.ts';

/**
 * Writes the three files where `fileOf` says; returns each file's spec and rows in the order they are loaded
 * (schools, water levels, sites), and the rows of each.
 */
export async function writeOpenResourceFiles(args: {
  seed: number;
  district: District;
  asOf: string;
  sizes: Pick<DemoSizes, 'schools' | 'sites' | 'waterDays' | 'readingsPerDay'>;
  builders: readonly Builder[];
  fileOf: (spec: DemoFileSpec) => string;
}): Promise<{
  files: [DemoFileSpec, number][];
  counts: { schools: number; waterLevels: number; sites: number };
}> {
  const { seed, district, asOf, sizes, fileOf } = args;

  const schoolSpec = demoFileSpecs.schools;
  // The workbook dated the demo's today, so the same seed gives the same bytes.
  const createdAt = new Date(dayNumber(asOf) * 86_400_000);
  const jyj = createXlsxWriter(fileOf(schoolSpec), '学校名录', schoolSpec.headers, createdAt, '望城区教育局');
  for (const school of generateSchools(createRandom(seed, 'schools'), district, sizes.schools))
    jyj.row([
      school.code,
      school.name,
      school.level,
      school.ownership,
      school.address,
      school.subdistrict,
      school.students,
    ]);
  const schools = await jyj.close();

  const waterSpec = demoFileSpecs.waterLevels;
  const slj = createCsvWriter(fileOf(waterSpec), waterSpec.headers, 'utf-8');
  await generateWaterLevels(
    createRandom(seed, 'water_levels'),
    asOf,
    sizes.waterDays,
    sizes.readingsPerDay,
    ({ station, observedAt, level }) =>
      slj.row([station.code, station.name, station.river, observedAt, level, station.warning.toFixed(2)]),
  );
  const waterLevels = await slj.close();

  const siteSpec = demoFileSpecs.constructionSites;
  const zjj = createCsvWriter(fileOf(siteSpec), siteSpec.headers, 'utf-8');
  const random = createRandom(seed, 'construction_sites');
  for (const site of generateConstructionSites(random, district, args.builders, asOf, sizes.sites))
    await zjj.row([
      site.code,
      site.name,
      site.builder.name,
      site.builder.creditCode,
      site.address,
      site.subdistrict,
      site.startedOn,
      site.status,
      site.lng,
      site.lat,
    ]);
  const sites = await zjj.close();

  return {
    files: [
      [schoolSpec, schools],
      [waterSpec, waterLevels],
      [siteSpec, sites],
    ],
    counts: { schools, waterLevels, sites },
  };
}
