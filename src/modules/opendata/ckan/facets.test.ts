import { describe, expect, it } from 'vitest';
import type { ResourceView } from '../../catalog/index.ts';
import type { Published } from '../published.ts';
import { CkanError } from './errors.ts';
import { ckanFacets, facetFields } from './facets.ts';

const license = { id: 'CC-BY-4.0', ckanId: 'cc-by', title: 'CC BY', titleZh: 'CC BY', url: 'https://x' };

/** A published dataset with just what the facets read. */
function dataset(name: string, org: string, keywords: string[]): Published {
  return {
    name,
    rows: 1,
    dataUpdatedAt: null,
    provider: { code: org.toUpperCase() } as Published['provider'],
    license,
    resource: { code: name, keywords, providerDepartmentName: `${org} 局` } as unknown as ResourceView,
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

describe('CKAN facets', () => {
  const list = [
    dataset('a', 'cgj', ['井盖', '路灯', '井盖']),
    dataset('b', 'cgj', ['井盖']),
    dataset('c', 'jyj', []),
  ];

  it('reads facet.field as a JSON list, or a list from a JSON body, and refuses anything else', () => {
    expect(facetFields(undefined)).toEqual([]);
    expect(facetFields('["tags","organization"]')).toEqual(['tags', 'organization']);
    expect(facetFields(['tags'])).toEqual(['tags']);
    expect(refusal(() => facetFields('tags')).body).toEqual({
      __type: 'Validation Error',
      'facet.field': ['Could not parse as valid JSON'],
    });
    expect(refusal(() => facetFields('[1]')).status).toBe(409);
    expect(refusal(() => facetFields(JSON.stringify(Array(21).fill('tags')))).body).toEqual({
      __type: 'Validation Error',
      'facet.field': ['Too many fields'],
    });
    expect(refusal(() => facetFields('["hasOwnProperty"]')).body.__type).toBe('Search Query Error');
  });

  it('counts each value once per dataset, most first, within facet.limit and facet.mincount', () => {
    const { facets, search_facets } = ckanFacets(list, { 'facet.field': '["tags","organization"]' });
    expect(facets).toEqual({ tags: { 井盖: 2, 路灯: 1 }, organization: { cgj: 2, jyj: 1 } });
    expect(search_facets.organization!.items[0]).toEqual({ name: 'cgj', display_name: 'cgj 局', count: 2 });
    expect(search_facets.tags!.items[0]).toEqual({ name: '井盖', display_name: '井盖', count: 2 });
    const limited = (extra: Record<string, unknown>) =>
      ckanFacets(list, { 'facet.field': '["tags"]', ...extra });
    expect(limited({ 'facet.limit': '1' }).facets).toEqual({ tags: { 井盖: 2 } });
    expect(limited({ 'facet.limit': '-1' }).facets).toEqual({ tags: { 井盖: 2, 路灯: 1 } });
    expect(limited({ 'facet.mincount': '2' }).facets).toEqual({ tags: { 井盖: 2 } });
    expect(refusal(() => limited({ 'facet.limit': 'all' })).status).toBe(409);
  });
});
