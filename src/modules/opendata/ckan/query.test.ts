import { describe, expect, it } from 'vitest';
import type { ResourceView } from '../../catalog/index.ts';
import type { Published } from '../published.ts';
import { CkanError } from './errors.ts';
import { intParam, matcher, parseClauses, sorter } from './query.ts';

/** A published dataset with just what the clauses read. */
function dataset(name: string, fields: Partial<ResourceView> & { org?: string } = {}): Published {
  const { org = 'cgj', ...resource } = fields;
  return {
    name,
    rows: 1,
    dataUpdatedAt: '2025-06-01T00:00:00.000Z',
    provider: { code: org.toUpperCase() } as Published['provider'],
    license: {
      id: 'CC-BY-4.0',
      ckanId: 'cc-by',
      title: 'CC BY 4.0',
      titleZh: 'CC BY 4.0',
      url: 'https://creativecommons.org/licenses/by/4.0/',
    },
    resource: {
      code: `103001/00000${name.length}`,
      name,
      keywords: [],
      updateCycle: 'monthly',
      classification: 'base',
      classCode: '103001',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-05-01T00:00:00.000Z',
      providerDepartmentId: 1,
      ...resource,
    } as ResourceView,
  };
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CkanError) return { status: error.status, body: error.body };
    throw error;
  }
  throw new Error('not refused');
};

describe('CKAN query subset', () => {
  it('parses field clauses: bare, quoted, ranges, + and AND', () => {
    expect(
      parseClauses('organization:cgj +tags:"井 盖" AND metadata_modified:[2025-01-01T00:00:00Z TO *]'),
    ).toEqual([
      { field: 'organization', value: 'cgj' },
      { field: 'tags', value: '井 盖' },
      { field: 'metadata_modified', from: '2025-01-01T00:00:00Z', to: '*' },
    ]);
  });

  it('refuses what it does not understand, as a Search Query Error', () => {
    for (const query of ['name:a OR name:b', '-name:a', '(name:a)', 'just words'])
      expect(refusal(() => parseClauses(query)).body.__type, query).toBe('Search Query Error');
    expect(refusal(() => matcher(parseClauses('secret:x'))).status).toBe(400);
    expect(refusal(() => matcher(parseClauses('name:[a TO b]'))).status).toBe(400);
    expect(refusal(() => matcher(parseClauses('metadata_modified:[soon TO *]'))).status).toBe(400);
    // Names of Object.prototype are no fields (they once reached a 500).
    for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(refusal(() => matcher(parseClauses(`${field}:x`))).status, field).toBe(400);
      expect(refusal(() => matcher(parseClauses(`${field}:[* TO *]`))).status, field).toBe(400);
      expect(refusal(() => sorter(`${field} asc`)).status, field).toBe(400);
    }
  });

  it('matches datasets on every clause', () => {
    const a = dataset('component', { keywords: ['井盖'] });
    const b = dataset('jyj_schools', {
      org: 'jyj',
      updateCycle: 'yearly',
      updatedAt: '2024-01-01T00:00:00.000Z',
    });
    const pick = (q: string) => [a, b].filter(matcher(parseClauses(q))).map((d) => d.name);
    expect(pick('organization:cgj')).toEqual(['component']);
    expect(pick('tags:井盖')).toEqual(['component']);
    expect(pick('res_format:csv organization:jyj')).toEqual(['jyj_schools']);
    expect(pick('extras_update_cycle:yearly')).toEqual(['jyj_schools']);
    expect(pick('license_id:cc-by')).toEqual(['component', 'jyj_schools']);
    expect(pick('license_id:notspecified')).toEqual([]);
    expect(pick('metadata_modified:[2025-01-01 TO *]')).toEqual(['component']);
    expect(pick('metadata_modified:[* TO 2024-12-31T23:59:59Z]')).toEqual(['jyj_schools']);
    expect(pick('groups:*')).toEqual([]);
    expect(pick('organization:cgj organization:jyj')).toEqual([]);
  });

  it('sorts by CKAN sort fields, ignoring score', () => {
    const list = [dataset('b', { updatedAt: '2025-01-02T00:00:00Z' }), dataset('a'), dataset('c')];
    expect(list.toSorted(sorter('name asc')).map((d) => d.name)).toEqual(['a', 'b', 'c']);
    expect(list.toSorted(sorter('score desc, metadata_modified asc')).map((d) => d.name)).toEqual([
      'b',
      'a',
      'c',
    ]);
    expect(refusal(() => sorter('name sideways')).status).toBe(400);
  });

  it('reads rows and start as CKAN does', () => {
    expect(intParam(undefined, 'rows', 10, 1000)).toBe(10);
    expect(intParam('5000', 'rows', 10, 1000)).toBe(1000);
    expect(refusal(() => intParam('ten', 'rows', 10, 1000)).body).toEqual({
      __type: 'Validation Error',
      rows: ['Invalid integer'],
    });
    expect(refusal(() => intParam('-1', 'start', 0, 10)).status).toBe(409);
  });
});
