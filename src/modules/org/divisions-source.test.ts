import { describe, expect, it } from 'vitest';
import { insidePolygon, loadDistrictOutline, loadDivisions } from './divisions-source.ts';

describe('Wangcheng divisions from the packages', () => {
  it('has the district, 16 subdistricts/towns inside the outline, and communities under them', async () => {
    const divisions = await loadDivisions();
    const ring = loadDistrictOutline().geometry.coordinates[0]!;
    const subdistricts = divisions.filter((d) => d.level === 'subdistrict');
    expect(divisions.filter((d) => d.level === 'district')).toEqual([
      expect.objectContaining({ code: '430112', name: '望城区' }),
    ]);
    expect(subdistricts).toHaveLength(16);
    for (const s of subdistricts) expect(insidePolygon([s.lng!, s.lat!], ring), s.name).toBe(true);
    const communities = divisions.filter((d) => d.level === 'community');
    expect(communities.length).toBeGreaterThanOrEqual(107);
    const parents = new Set(subdistricts.map((s) => s.code));
    expect(communities.every((c) => parents.has(c.parentCode!) && c.code.startsWith(c.parentCode!))).toBe(
      true,
    );
  });

  it('tells points inside the outline from points outside', () => {
    const ring = loadDistrictOutline().geometry.coordinates[0]!;
    expect(insidePolygon([112.82, 28.35], ring)).toBe(true); // 高塘岭, the district seat
    expect(insidePolygon([113.0, 28.19], ring)).toBe(false); // 芙蓉区, central Changsha
  });
});
