import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../../test/databases.ts';
import { creditCodeCheck } from '../../core/cn-codes.ts';
import { systemCtx } from '../../core/context.ts';

// The portal's license and terms (in its API, DCAT-AP and CKAN), the counts beside its filters, and its landing
// figures, asked anonymously. The server runs with ODC-By-1.0, not the default, so the setting is seen to reach
// every output.

const components = Array.from({ length: 30 }, (_, i) => ({
  component_code: `43011201020${String(i).padStart(5, '0')}`,
  class: '公用设施',
  subclass: '路灯',
  subdistrict: '高塘岭街道',
}));
const schools = [
  { school_code: 'S001', name: '望城区第一中学', level: '高中', subdistrict: '高塘岭街道', students: '2400' },
  { school_code: 'S002', name: '金星小学', level: '小学', subdistrict: '金山桥街道', students: '860' },
];
const credit = (first17: string) => first17 + creditCodeCheck(first17);
const sites = [
  {
    project_code: 'P001',
    name: '滨水新城安置房',
    builder_credit_code: credit('91430112MA4L0RH7X'),
    started_on: '2025-03-01',
    subdistrict: '高塘岭街道',
  },
];

describe.each(databaseKinds)('open data portal on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  const ctx = systemCtx('test');
  const get = (url: string) => p.app.inject({ method: 'GET', url });
  const json = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const deliver = async (resource: string, records: Record<string, string>[]) => {
    const batch = await p.modules.ingest.service.ingestRecords(ctx, resource, records);
    await p.modules.ingest.service.idle();
    expect(batch.rejected).toBe(0);
  };
  /** A facet's counts as `value: count` (departments by their name). */
  const counts = (facet: { value: string; label?: string; count: number }[]) =>
    Object.fromEntries(facet.map((f) => [f.label ?? f.value, f.count]));

  beforeAll(async () => {
    p = await startTestPlatform(kind, { ONECITY_OPEN_DATA_LICENSE: 'ODC-By-1.0' });
    await deliver('component', components);
    await deliver('jyj_schools', schools);
    await deliver('zjj_construction_sites', sites);
    // Two datasets on one update cycle, so a count can be more than one.
    await p.database.db.execute(
      sql`update catalog.resources set update_cycle = 'monthly' where alias = 'jyj_schools'`,
    );
  });
  afterAll(() => p?.close());

  it('shows the license and the terms of use on every dataset', async () => {
    const dataset = await json('/api/open/resources/component');
    expect(dataset.license).toEqual({
      id: 'ODC-By-1.0',
      ckanId: 'odc-by',
      title: 'Open Data Commons Attribution License 1.0',
      titleZh: expect.stringContaining('ODC-By'),
      url: 'https://opendatacommons.org/licenses/by/1-0/',
    });
    expect(dataset.terms['zh-CN'].join('')).toContain('不得利用开放数据识别');
    expect(dataset.terms['zh-CN'][0]).toContain(dataset.license.titleZh);
    expect(dataset.terms.en[0]).toContain(dataset.license.title);
  });

  it('puts dct:license and dct:rights on the catalog, each dataset and each distribution in DCAT-AP', async () => {
    const doc = await json('/open/catalog.jsonld');
    const euUri = 'http://publications.europa.eu/resource/authority/licence/ODC_BY';
    expect(doc['@context'].rdfs).toBe('http://www.w3.org/2000/01/rdf-schema#');
    expect(doc['dct:license']).toMatchObject({
      '@id': euUri,
      '@type': 'dct:LicenseDocument',
      'foaf:page': { '@id': 'https://opendatacommons.org/licenses/by/1-0/' },
    });
    const datasets = doc['dcat:dataset'] as Record<string, any>[];
    expect(datasets).toHaveLength(3);
    for (const dataset of datasets) {
      expect(dataset['dct:license']['@id']).toBe(euUri);
      expect(dataset['dct:rights']['@type']).toBe('dct:RightsStatement');
      const labels = dataset['dct:rights']['rdfs:label'] as { '@value': string; '@language': string }[];
      expect(labels.map((l) => l['@language'])).toEqual(['zh', 'en']);
      expect(labels[0]!['@value']).toContain('不得利用开放数据识别');
      for (const distribution of dataset['dcat:distribution'])
        expect(distribution['dct:license']['@id']).toBe(euUri);
    }
  });

  it('gives CKAN clients license_id, license_title, license_url and license_list', async () => {
    const show = (await json('/open/api/3/action/package_show?id=component')).result;
    expect(show).toMatchObject({
      license_id: 'odc-by',
      license_title: 'Open Data Commons Attribution License 1.0',
      license_url: 'https://opendatacommons.org/licenses/by/1-0/',
      isopen: true,
    });
    expect(show.extras).toContainEqual({ key: 'terms_of_use', value: expect.stringContaining('不得利用') });
    expect(show.resources[0]).toMatchObject({ license: 'https://opendatacommons.org/licenses/by/1-0/' });
    const search = (await json('/open/api/3/action/package_search')).result;
    expect(search.results.map((r: { license_id: string }) => r.license_id)).toEqual([
      'odc-by',
      'odc-by',
      'odc-by',
    ]);
    expect((await json('/open/api/3/action/package_search?fq=license_id:odc-by')).result.count).toBe(3);
    expect((await json('/open/api/3/action/package_search?fq=license_id:notspecified')).result.count).toBe(0);

    const licenses = (await json('/open/api/3/action/license_list')).result as Record<string, unknown>[];
    // The license in use is in the list, with the fields CKAN's license list has.
    expect(licenses.find((l) => l.id === 'odc-by')).toMatchObject({
      title: 'Open Data Commons Attribution License 1.0',
      url: 'https://opendatacommons.org/licenses/by/1-0/',
      status: 'active',
      od_conformance: 'approved',
      domain_data: true,
    });
    expect(licenses.map((l) => l.id).sort()).toEqual(['cc-by', 'cc-by-sa', 'cc-zero', 'odc-by', 'odc-odbl']);
  });

  it('counts datasets beside each filter for the current search', async () => {
    const all = await json('/api/open/resources');
    expect(all.total).toBe(3);
    expect(counts(all.facets.classification)).toEqual({ base: 1, department: 1, theme: 1 });
    expect(counts(all.facets.updateCycle)).toEqual({ monthly: 2, weekly: 1 });
    expect(all.facets.updateCycle[0]).toEqual({ value: 'monthly', count: 2 });
    expect(Object.values(counts(all.facets.departmentId))).toEqual([1, 1, 1]);
    const cgj = all.items.find((i: { name: string }) => i.name === 'component').provider;
    expect(all.facets.departmentId).toContainEqual({ value: String(cgj.id), label: cgj.name, count: 1 });

    // A filter narrows the other filters' counts, not its own (they say what picking another value would show).
    const monthly = await json('/api/open/resources?updateCycle=monthly');
    expect(monthly.total).toBe(2);
    expect(counts(monthly.facets.classification)).toEqual({ base: 1, department: 1 });
    expect(counts(monthly.facets.updateCycle)).toEqual({ monthly: 2, weekly: 1 });
    const both = await json('/api/open/resources?updateCycle=monthly&classification=theme');
    expect(both.total).toBe(0);
    expect(counts(both.facets.classification)).toEqual({ base: 1, department: 1 });
    expect(counts(both.facets.updateCycle)).toEqual({ weekly: 1 });

    // The search text narrows every count: 学校名录 by its pinyin initials.
    const schools = await json('/api/open/resources?q=xxml');
    expect(schools.items.map((i: { name: string }) => i.name)).toEqual(['jyj_schools']);
    expect(counts(schools.facets.classification)).toEqual({ department: 1 });
    expect(counts(schools.facets.updateCycle)).toEqual({ monthly: 1 });
    const nothing = await json('/api/open/resources?q=nosuchdataset');
    expect(nothing).toEqual({
      items: [],
      total: 0,
      facets: { classification: [], departmentId: [], updateCycle: [] },
    });
  });

  it('answers CKAN facet.field with counts over the matches', async () => {
    const search = async (query: string) => (await json(`/open/api/3/action/package_search?${query}`)).result;
    const field = encodeURIComponent('["organization","res_format","license_id","extras_update_cycle"]');
    const result = await search(`facet.field=${field}`);
    expect(result.facets).toEqual({
      organization: { cgj: 1, jyj: 1, zjj: 1 },
      res_format: { CSV: 3, JSON: 3, XLSX: 3 },
      license_id: { 'odc-by': 3 },
      extras_update_cycle: { monthly: 2, weekly: 1 },
    });
    expect(result.search_facets.organization.title).toBe('organization');
    const cgj = result.search_facets.organization.items.find((i: { name: string }) => i.name === 'cgj');
    expect(cgj).toEqual({ name: 'cgj', display_name: '城管局', count: 1 });
    // Over the matches only, limited per field, and above the minimum count.
    expect((await search(`fq=organization:jyj&facet.field=${field}`)).facets.organization).toEqual({
      jyj: 1,
    });
    expect(
      (await search(`facet.field=${encodeURIComponent('["extras_update_cycle"]')}&facet.limit=1`)).facets,
    ).toEqual({ extras_update_cycle: { monthly: 2 } });
    expect(
      (await search(`facet.field=${encodeURIComponent('["extras_update_cycle"]')}&facet.mincount=2`)).facets,
    ).toEqual({ extras_update_cycle: { monthly: 2 } });
    // Through POST with a real list, as ckanapi sends it.
    const posted = await p.app.inject({
      method: 'POST',
      url: '/open/api/3/action/package_search',
      payload: { 'facet.field': ['license_id'] },
    });
    expect(posted.json().result.facets).toEqual({ license_id: { 'odc-by': 3 } });
    // Without facet.field, no facets (as CKAN).
    expect((await search('')).facets).toEqual({});

    const error = async (query: string, status: number) => {
      const res = await get(`/open/api/3/action/package_search?${query}`);
      expect(res.statusCode, query).toBe(status);
      return res.json().error;
    };
    expect(await error('facet.field=organization', 409)).toEqual({
      __type: 'Validation Error',
      'facet.field': ['Could not parse as valid JSON'],
    });
    expect(await error(`facet.field=${encodeURIComponent('{"a":1}')}`, 409)).toEqual({
      __type: 'Validation Error',
      'facet.field': ['Not a list of strings'],
    });
    for (const bad of ['secret', 'constructor', '__proto__'])
      expect((await error(`facet.field=${encodeURIComponent(JSON.stringify([bad]))}`, 400)).__type).toBe(
        'Search Query Error',
      );
  });

  it('gives the landing page its figures: datasets, departments, rows, downloads and the newest data', async () => {
    const before = await json('/api/open/overview');
    expect(before).toMatchObject({
      datasets: 3,
      departments: 3,
      rows: components.length + schools.length + sites.length,
      license: { id: 'ODC-By-1.0' },
    });
    expect(before.terms['zh-CN'].length).toBeGreaterThan(2);
    // Newest data first: the sites were delivered last.
    expect(before.recent.map((r: { name: string }) => r.name)).toEqual([
      'zjj_construction_sites',
      'jyj_schools',
      'component',
    ]);
    // Downloads count as soon as they are made (anonymous ones are tallied per minute before they are logged).
    expect((await get('/api/open/resources/jyj_schools/data.csv')).statusCode).toBe(200);
    expect((await get('/api/open/resources/component/data.json')).statusCode).toBe(200);
    expect((await json('/api/open/overview')).downloads).toBe(before.downloads + 2);
    await p.modules.opendata.service.flushDownloads(true);
    expect((await json('/api/open/overview')).downloads).toBe(before.downloads + 2);
  });
});
