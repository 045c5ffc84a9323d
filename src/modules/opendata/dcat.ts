import { writeDcatCatalog } from '../catalog/index.ts';
import type { Department } from '../org/index.ts';
import type { DownloadFormat, OpenLicense, OpenTerms } from './contract.ts';
import { downloadFormats } from './contract.ts';
import { linksOf, type Published } from './published.ts';

// The open catalog is the catalog's own DCAT-AP document (same writer, so both read the same way) limited to the
// published datasets, each with its portal page and one distribution per download format.

const IANA = 'http://www.iana.org/assignments/media-types/';
const EU_FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';

const mediaTypes: Record<DownloadFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};
const fileTypes: Record<DownloadFormat, string> = { csv: 'CSV', xlsx: 'XLSX', json: 'JSON' };

/** The license every dataset carries, its EU authority URI and the terms of use. */
export type OpenRights = { license: OpenLicense; euUri: string; terms: OpenTerms };

/**
 * dct:license is the EU licence authority's URI (as DCAT-AP recommends) with the license's own page; dct:rights is
 * the terms of use as a dct:RightsStatement, in Chinese and English.
 */
function rightsNodes({ license, euUri, terms }: OpenRights) {
  return {
    'dct:license': {
      '@id': euUri,
      '@type': 'dct:LicenseDocument',
      'dct:identifier': license.id,
      'dct:title': [
        { '@value': license.titleZh, '@language': 'zh' },
        { '@value': license.title, '@language': 'en' },
      ],
      'foaf:page': { '@id': license.url },
    },
    'dct:rights': {
      '@type': 'dct:RightsStatement',
      'rdfs:label': [
        { '@value': terms['zh-CN'].join('\n'), '@language': 'zh' },
        { '@value': terms.en.join('\n'), '@language': 'en' },
      ],
    },
  };
}

/** The published datasets as a DCAT-AP dcat:Catalog in JSON-LD; `baseUrl` is where this server is reached. */
export function openDcatCatalog(
  datasets: Published[],
  departments: Department[],
  baseUrl: string,
  rights: OpenRights,
) {
  const legal = rightsNodes(rights);
  const doc = writeDcatCatalog(
    datasets.map((d) => d.resource),
    departments,
    baseUrl,
  );
  const byCode = new Map(datasets.map((d) => [d.resource.code, d]));
  return {
    ...doc,
    '@context': { ...doc['@context'], rdfs: 'http://www.w3.org/2000/01/rdf-schema#' },
    '@id': `${baseUrl}/open/catalog.jsonld`,
    'dct:title': { '@value': '开放数据目录', '@language': 'zh' },
    'dct:description': { '@value': '向社会开放的政务数据集，可免登录浏览、预览和下载。', '@language': 'zh' },
    'foaf:homepage': { '@id': `${baseUrl}/open` },
    ...legal,
    'dcat:dataset': doc['dcat:dataset'].map((node) => {
      const d = byCode.get(node['dct:identifier'] as string)!;
      const page = `${baseUrl}/open/${encodeURIComponent(d.name)}`;
      const links = linksOf(d.name);
      return {
        ...node,
        '@id': page,
        'dcat:landingPage': { '@id': page },
        ...legal,
        'dcat:distribution': downloadFormats.map((format) => ({
          '@id': `${baseUrl}${links[format]}`,
          '@type': 'dcat:Distribution',
          'dct:title': { '@value': `${d.resource.name}（${fileTypes[format]}）`, '@language': 'zh' },
          'dcat:accessURL': { '@id': page },
          'dcat:downloadURL': { '@id': `${baseUrl}${links[format]}` },
          'dcat:mediaType': { '@id': IANA + mediaTypes[format] },
          'dct:format': { '@id': EU_FILE_TYPE + fileTypes[format] },
          ...legal,
          ...(d.dataUpdatedAt
            ? { 'dct:modified': { '@value': d.dataUpdatedAt, '@type': 'xsd:dateTime' } }
            : {}),
        })),
      };
    }),
  };
}
