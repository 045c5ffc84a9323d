import type { Department } from '../../org/index.ts';
import type { openTypes, Resource, shareTypes, updateCycles } from '../contract.ts';
import { classificationLabels, formatLabels } from './labels.ts';

// DCAT-AP 2/3 with the EU controlled vocabularies; the catalog's own fields that DCAT has no place for
// (share and open conditions, keys, data items) travel under the onecity namespace so an import round-trips.

export const EU_FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';
export const EU_ACCESS_RIGHT = 'http://publications.europa.eu/resource/authority/access-right/';
export const CLASS_CODE_SCHEME = 'urn:onecity:scheme:class-code';

/** EU frequency authority codes for the catalog's update cycles (half-yearly is ANNUAL_2: twice a year). */
export const frequencyCodes: Record<(typeof updateCycles)[number], string> = {
  realtime: 'CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  half_yearly: 'ANNUAL_2',
  yearly: 'ANNUAL',
};

/** EU access right of a resource: open data is PUBLIC, unshared NON_PUBLIC, anything in between RESTRICTED. */
export function accessRightOf(r: {
  shareType: (typeof shareTypes)[number];
  openType: (typeof openTypes)[number];
}) {
  if (r.openType === 'open') return 'PUBLIC';
  if (r.shareType === 'none') return 'NON_PUBLIC';
  return 'RESTRICTED';
}

export const dcatContext = {
  '@version': 1.1,
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  onecity: 'urn:onecity:ns:catalog#',
  // Data items are kept as JSON literals: their shape is the catalog contract's, not an RDF vocabulary.
  'onecity:items': { '@type': '@json' },
  'onecity:keyItems': { '@container': '@list' },
};

const zh = (text: string) => ({ '@value': text, '@language': 'zh' });

/** Drops absent values so the document carries only what is known. */
function present(node: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(node).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && !v.length)),
  );
}

function agent(department: Department | undefined, fallbackName: string) {
  return present({
    '@type': 'foaf:Agent',
    'dct:identifier': department?.code,
    'foaf:name': zh(department?.name ?? fallbackName),
  });
}

/** The catalog as a DCAT-AP dcat:Catalog in JSON-LD; `baseUrl` makes the datasets' IRIs resolvable. */
export function writeDcatCatalog(resources: Resource[], departments: Department[], baseUrl: string) {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const center = departments.find((d) => d.kind === 'center');
  const resourceUrl = (code: string) => `${baseUrl}/api/catalog/resources/${encodeURIComponent(code)}`;
  const modified = resources
    .map((r) => r.updatedAt)
    .sort()
    .at(-1);
  const datasets = resources.map((r) => {
    const provider = byId.get(r.providerDepartmentId);
    return present({
      '@id': resourceUrl(r.code),
      '@type': 'dcat:Dataset',
      'dct:identifier': r.code,
      'adms:identifier': r.alias ? { '@type': 'adms:Identifier', 'skos:notation': r.alias } : undefined,
      'dct:title': zh(r.name),
      'dct:description': zh(r.summary),
      'dct:publisher': agent(provider, r.providerDepartmentName),
      'dcat:contactPoint': present({
        '@type': 'vcard:Organization',
        'vcard:fn': r.providerDepartmentName,
        'vcard:hasTelephone': provider?.phone
          ? { '@id': `tel:${provider.phone.replace(/\s/g, '')}` }
          : undefined,
      }),
      'dcat:keyword': r.keywords.map(zh),
      'dct:issued': r.publishDate ? { '@value': r.publishDate, '@type': 'xsd:date' } : undefined,
      'dct:modified': { '@value': r.updatedAt, '@type': 'xsd:dateTime' },
      'dct:accrualPeriodicity': { '@id': EU_FREQUENCY + frequencyCodes[r.updateCycle] },
      'dct:accessRights': { '@id': EU_ACCESS_RIGHT + accessRightOf(r) },
      'dct:type': {
        '@type': 'skos:Concept',
        'skos:notation': r.classification,
        'skos:prefLabel': zh(`${classificationLabels[r.classification]}信息资源`),
      },
      'dcat:theme': {
        '@type': 'skos:Concept',
        'skos:notation': r.classCode,
        'skos:inScheme': { '@id': CLASS_CODE_SCHEME },
      },
      'dct:relation': r.relatedCodes.map((code) => ({ '@id': resourceUrl(code), 'dct:identifier': code })),
      'dcat:distribution': [
        {
          '@type': 'dcat:Distribution',
          'dcat:accessURL': { '@id': resourceUrl(r.code) },
          'dct:format': {
            '@type': 'dct:MediaTypeOrExtent',
            'skos:notation': r.format,
            'skos:prefLabel': zh(formatLabels[r.format]),
          },
        },
      ],
      'onecity:shareType': r.shareType,
      'onecity:shareCondition': r.shareCondition,
      'onecity:shareBasis': r.shareBasis,
      'onecity:openType': r.openType,
      'onecity:openCondition': r.openCondition,
      'onecity:keyItems': r.keyItems,
      'onecity:items': r.items,
    });
  });
  return {
    '@context': dcatContext,
    '@id': `${baseUrl}/api/catalog/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    ...present({
      'dct:title': zh('政务信息资源目录'),
      'dct:description': zh(`${center?.name ?? '数据资源中心'}编制的政务信息资源目录`),
      'dct:publisher': agent(center, '数据资源中心'),
      'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/ZHO' },
      'dct:modified': modified && { '@value': modified, '@type': 'xsd:dateTime' },
    }),
    // Always present, even empty, so an empty catalog still reads back as a catalog.
    'dcat:dataset': datasets,
  };
}
