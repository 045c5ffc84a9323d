import type { Config } from '../../core/config.ts';
import type { OpenLicense, OpenTerms } from './contract.ts';

// The open licenses a center may choose for its portal (setting ONECITY_OPEN_DATA_LICENSE). The catalog has no
// license per resource, so every published dataset carries the one chosen here, with the same terms of use.

export type OpenLicenseId = Config['openDataLicense'];

/** CKAN's license ids are those of its default license list, so a harvesting CKAN knows them. */
export const openLicenses: Record<OpenLicenseId, OpenLicense & { euUri: string }> = {
  'CC-BY-4.0': {
    id: 'CC-BY-4.0',
    ckanId: 'cc-by',
    title: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
    titleZh: '知识共享署名 4.0 国际许可协议（CC BY 4.0）',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    euUri: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
  },
  'CC-BY-SA-4.0': {
    id: 'CC-BY-SA-4.0',
    ckanId: 'cc-by-sa',
    title: 'Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)',
    titleZh: '知识共享署名-相同方式共享 4.0 国际许可协议（CC BY-SA 4.0）',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    euUri: 'http://publications.europa.eu/resource/authority/licence/CC_BYSA_4_0',
  },
  'CC0-1.0': {
    id: 'CC0-1.0',
    ckanId: 'cc-zero',
    title: 'Creative Commons CC0 1.0 Universal Public Domain Dedication',
    titleZh: '知识共享 CC0 1.0 公有领域贡献',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    euUri: 'http://publications.europa.eu/resource/authority/licence/CC0',
  },
  'ODC-By-1.0': {
    id: 'ODC-By-1.0',
    ckanId: 'odc-by',
    title: 'Open Data Commons Attribution License 1.0',
    titleZh: '开放数据共享署名许可协议 1.0（ODC-By）',
    url: 'https://opendatacommons.org/licenses/by/1-0/',
    euUri: 'http://publications.europa.eu/resource/authority/licence/ODC_BY',
  },
  'ODbL-1.0': {
    id: 'ODbL-1.0',
    ckanId: 'odc-odbl',
    title: 'Open Data Commons Open Database License 1.0 (ODbL)',
    titleZh: '开放数据库许可协议 1.0（ODbL）',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
    euUri: 'http://publications.europa.eu/resource/authority/licence/ODC_ODBL',
  },
};

/**
 * The portal's terms of use (使用条款), on top of the license: attribution, no re-identification of persons, lawful
 * use, data as provided. The same on every dataset; a dataset's own open condition is shown beside them.
 */
export function termsOfUse(license: OpenLicense): OpenTerms {
  return {
    'zh-CN': [
      `数据按“${license.titleZh}”开放，可免费获取、使用和再发布，包括商业用途。`,
      '使用或再发布时请注明数据来源：提供部门名称、数据集名称及本开放平台。',
      '不得利用开放数据识别、推断特定自然人，或将其与其他数据关联以重新识别个人。',
      '不得将数据用于违反法律法规或损害国家利益、公共利益和他人合法权益的活动，不得歪曲数据原意或冒用提供部门名义。',
      '数据按现状提供，提供部门和本平台不对使用数据产生的后果承担责任；发现数据有误请向提供部门反馈。',
    ],
    en: [
      `The data is open under ${license.title}: free to access, use and republish, commercial use included.`,
      'When using or republishing it, name the source: the providing department, the dataset and this portal.',
      'Do not use open data to identify or single out a person, nor link it with other data to re-identify anyone.',
      'Do not use the data against the law or the rights of others, misrepresent it, or speak in the name of the providing department.',
      'The data is provided as is; neither the department nor this portal answers for its use. Report errors to the providing department.',
    ],
  };
}
