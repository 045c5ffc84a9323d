import { frequencyCodes } from '../../catalog/index.ts';
import { downloadFormats, type OpenLicense } from '../contract.ts';
import { termsOfUse } from '../licenses.ts';
import { linksOf, type Published } from '../published.ts';

// The CKAN Action API's package dictionaries, as package_show and package_search return them.

/** CKAN's timestamps: UTC without a zone designator. */
const ckanTime = (iso: string) => new Date(iso).toISOString().slice(0, -1);

const mimeTypes = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
} as const;

/** The CKAN organization name of a provider: its department code in lower case (CKAN names are lower case). */
export function organizationName(p: Published) {
  return (p.provider?.code ?? `department-${p.resource.providerDepartmentId}`).toLowerCase();
}

/** A license as CKAN's license_list describes it (its current fields and the older `is_*_compliant`). */
export function ckanLicense(license: OpenLicense) {
  return {
    id: license.ckanId,
    title: license.title,
    url: license.url,
    status: 'active',
    maintainer: '',
    family: '',
    is_generic: false,
    od_conformance: 'approved',
    osd_conformance: 'not reviewed',
    is_okd_compliant: true,
    is_osi_compliant: false,
    domain_content: true,
    domain_data: true,
    domain_software: false,
  };
}

/** A published dataset as CKAN's package_show returns it; `baseUrl` makes the resource URLs absolute. */
export function packageDict(p: Published, baseUrl: string) {
  const r = p.resource;
  const links = linksOf(p.name);
  const org = organizationName(p);
  const created = ckanTime(r.createdAt);
  const terms = termsOfUse(p.license);
  const extras: Record<string, string> = {
    resource_code: r.code,
    classification: r.classification,
    class_code: r.classCode,
    update_cycle: r.updateCycle,
    frequency: `http://publications.europa.eu/resource/authority/frequency/${frequencyCodes[r.updateCycle]}`,
    publish_date: r.publishDate ?? '',
    row_count: String(p.rows),
    data_modified: p.dataUpdatedAt ? ckanTime(p.dataUpdatedAt) : '',
    key_items: r.keyItems.join(','),
    items: JSON.stringify(r.items.map(({ code, name, type }) => ({ code, name, type }))),
    // The terms of use (使用条款) beside the license, in both languages; CKAN has no field of its own for them.
    terms_of_use: terms['zh-CN'].join('\n'),
    terms_of_use_en: terms.en.join('\n'),
  };
  return {
    id: r.code,
    name: p.name,
    title: r.name,
    notes: r.summary,
    url: `${baseUrl}/open/${encodeURIComponent(p.name)}`,
    type: 'dataset',
    state: 'active',
    private: false,
    version: String(r.version),
    author: r.providerDepartmentName,
    author_email: null,
    maintainer: r.providerDepartmentName,
    maintainer_email: null,
    license_id: p.license.ckanId,
    license_title: p.license.title,
    license_url: p.license.url,
    isopen: true,
    metadata_created: created,
    metadata_modified: ckanTime(r.updatedAt),
    owner_org: org,
    organization: {
      id: org,
      name: org,
      title: r.providerDepartmentName,
      type: 'organization',
      description: '',
      image_url: '',
      is_organization: true,
      state: 'active',
      approval_status: 'approved',
      created,
    },
    num_resources: downloadFormats.length,
    resources: downloadFormats.map((format, position) => ({
      id: `${p.name}.${format}`,
      package_id: r.code,
      name: `${r.name}（${format.toUpperCase()}）`,
      description: '',
      format: format.toUpperCase(),
      mimetype: mimeTypes[format],
      url: `${baseUrl}${links[format]}`,
      url_type: null,
      position,
      state: 'active',
      created,
      last_modified: p.dataUpdatedAt ? ckanTime(p.dataUpdatedAt) : null,
      datastore_active: false,
      // As ckanext-dcat reads a distribution's dct:license and dct:rights.
      license: p.license.url,
      rights: terms['zh-CN'].join('\n'),
    })),
    num_tags: r.keywords.length,
    tags: r.keywords.map((k) => ({ name: k, display_name: k, state: 'active', vocabulary_id: null })),
    groups: [],
    extras: Object.entries(extras).map(([key, value]) => ({ key, value })),
  };
}
