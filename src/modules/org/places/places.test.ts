import { beforeAll, describe, expect, it } from 'vitest';
import { type DivisionRecord, loadDistrictOutline, loadDivisions } from '../divisions-source.ts';
import { buildCells, type PlaceCell } from './cells.ts';
import { type Area, insideArea } from './geometry.ts';
import { compoundOf } from './learn.ts';
import { normalizeAddress } from './normalize.ts';
import { buildPlaceIndex, type GazetteerEntry, type PlaceIndex } from './place-index.ts';
import { locate, resolveAddress } from './resolve.ts';
import { landmarksBySubdistrict, roadsBySubdistrict } from './roads.ts';

let divisions: DivisionRecord[];
let outline: Area;
let cells: PlaceCell[];
const GTL = '430112001'; // 高塘岭街道
const JSQ = '430112008'; // 金山桥街道

function indexWith(learned: GazetteerEntry[] = [], real = new Map<string, Area>()): PlaceIndex {
  const c = real.size ? buildCells(outline[0]![0]!, divisions, real) : cells;
  return buildPlaceIndex({
    outline,
    cells: c,
    roads: roadsBySubdistrict,
    landmarks: landmarksBySubdistrict,
    learned,
  });
}

beforeAll(async () => {
  divisions = await loadDivisions();
  outline = [loadDistrictOutline().geometry.coordinates];
  cells = buildCells(outline[0]![0]!, divisions);
});

describe('approximate cells', () => {
  it('gives every subdistrict and community a cell containing its centre, all marked approximate', () => {
    const subs = cells.filter((c) => c.level === 'subdistrict');
    const communities = cells.filter((c) => c.level === 'community');
    expect(subs).toHaveLength(16);
    expect(communities.length).toBe(divisions.filter((d) => d.level === 'community').length);
    for (const c of cells) {
      expect(c.approximate).toBe(true);
      expect(insideArea(c.centre, c.area)).toBe(true);
      expect(insideArea(c.centre, outline)).toBe(true);
    }
    // A community's point lies in its own subdistrict's cell.
    for (const c of communities) {
      const parent = subs.find((s) => s.code === c.parentCode)!;
      expect(insideArea(c.centre, parent.area)).toBe(true);
    }
  });

  it('is deterministic', () => {
    expect(buildCells(outline[0]![0]!, divisions)).toEqual(cells);
  });

  it('uses an uploaded boundary instead of the cell, and lays the communities out inside it', () => {
    const square: Area = [
      [
        [
          [112.8, 28.33],
          [112.84, 28.33],
          [112.84, 28.37],
          [112.8, 28.37],
          [112.8, 28.33],
        ],
      ],
    ];
    const built = buildCells(outline[0]![0]!, divisions, new Map([[GTL, square]]));
    const gtl = built.find((c) => c.code === GTL)!;
    expect(gtl).toMatchObject({ approximate: false, area: square });
    for (const c of built.filter((x) => x.parentCode === GTL))
      expect(insideArea(c.centre, square)).toBe(true);
  });
});

describe('locate', () => {
  it('places each centre in its own subdistrict and community', () => {
    const index = indexWith();
    for (const c of cells) {
      const found = locate(index, c.centre[0], c.centre[1])!;
      expect(found.approximate).toBe(true);
      if (c.level === 'subdistrict') expect(found.subdistrictCode).toBe(c.code);
      else expect([found.subdistrictCode, found.communityCode]).toEqual([c.parentCode, c.code]);
    }
  });

  it('is null outside the district', () => {
    const index = indexWith();
    expect(locate(index, 112.94, 28.23)).toBeNull(); // 长沙 city centre, across the river
    expect(locate(index, 116.4, 39.9)).toBeNull(); // Beijing
    expect(locate(index, Number.NaN, 28.3)).toBeNull();
  });

  it('answers by an uploaded boundary, not approximate', () => {
    const square: Area = [
      [
        [
          [112.8, 28.33],
          [112.84, 28.33],
          [112.84, 28.37],
          [112.8, 28.37],
          [112.8, 28.33],
        ],
      ],
    ];
    const index = indexWith([], new Map([[GTL, square]]));
    expect(locate(index, 112.83, 28.36)).toMatchObject({
      subdistrictCode: GTL,
      subdistrictName: '高塘岭街道',
    });
    expect(locate(index, 112.83, 28.36)!.approximate).toBe(true); // its community is still approximate
  });
});

describe('resolveAddress', () => {
  const index = () => indexWith();

  it('reads a full address with prefixes, a road and a house number', () => {
    const r = resolveAddress(index(), '湖南省长沙市望城区高塘岭街道郭亮社区郭亮中路123号')!;
    expect(r).toMatchObject({
      subdistrictCode: GTL,
      subdistrictName: '高塘岭街道',
      precision: 'road',
      approximate: true,
    });
    expect(r.communityCode).toMatch(/^430112001/);
    // The point lies where locate agrees.
    expect(locate(index(), r.lng, r.lat)).toMatchObject({ subdistrictCode: GTL });
  });

  it('reads a crossing of two roads without a subdistrict', () => {
    const r = resolveAddress(index(), '郭亮中路与旺旺中路交叉口')!;
    expect(r).toMatchObject({ subdistrictName: '高塘岭街道', precision: 'road' });
  });

  it('tolerates spacing, full-width digits and committee names', () => {
    const r = resolveAddress(index(), ' 望城区 高塘岭 西塘街社区居委会 望府路１２号 ')!;
    expect(r).toMatchObject({ subdistrictCode: GTL, communityName: '西塘街社区居委会', precision: 'road' });
    // 乔口镇 has no 胜利村 (高塘岭街道 has): the names disagree, the subdistrict stands.
    expect(resolveAddress(index(), '乔口镇 胜利村村委会')).toMatchObject({
      subdistrictName: '乔口镇',
      precision: 'subdistrict',
    });
    expect(resolveAddress(index(), '高塘岭街道胜利村委会5组')).toMatchObject({
      communityCode: '430112001201',
      precision: 'community',
      approximate: true,
    });
  });

  it('falls back to the subdistrict for an unknown compound, and finds a learned one', () => {
    expect(resolveAddress(index(), '金山桥街道某某小区3栋')).toMatchObject({
      subdistrictCode: JSQ,
      precision: 'subdistrict',
    });
    const learned: GazetteerEntry[] = [
      {
        kind: 'compound',
        key: '某某小区',
        subdistrictCode: JSQ,
        communityCode: '430112008003',
        lng: null,
        lat: null,
      },
      {
        kind: 'address',
        key: '郭亮中路123号',
        subdistrictCode: GTL,
        communityCode: null,
        lng: 112.8201,
        lat: 28.3502,
      },
    ];
    const idx = indexWith(learned);
    expect(resolveAddress(idx, '金山桥街道某某小区3栋')).toMatchObject({
      precision: 'compound',
      communityName: '金山桥社区居委会',
    });
    expect(resolveAddress(idx, '长沙市望城区郭亮中路123号2栋')).toMatchObject({
      precision: 'address',
      lng: 112.8201,
      lat: 28.3502,
      approximate: false,
    });
  });

  it('is deterministic', () => {
    const a = resolveAddress(index(), '雷锋街道长望路88号');
    expect(resolveAddress(indexWith(), '雷锋街道长望路88号')).toEqual(a);
  });

  it('is null outside the district or when no place is named', () => {
    expect(resolveAddress(index(), '北京市朝阳区建国路88号')).toBeNull();
    expect(resolveAddress(index(), '长沙市岳麓区麓山南路932号')).toBeNull();
    expect(resolveAddress(index(), '湖北省武汉市江汉区解放大道')).toBeNull();
    expect(resolveAddress(index(), '株洲市荷塘区某某路1号')).toBeNull();
    expect(resolveAddress(index(), '某某路1号')).toBeNull();
    expect(resolveAddress(index(), '   ')).toBeNull();
  });

  it('places every road of every subdistrict inside that subdistrict', () => {
    const idx = index();
    for (const [name, roads] of Object.entries(roadsBySubdistrict))
      for (const road of roads) {
        const r = resolveAddress(idx, `长沙市望城区${name}${road}1号`)!;
        expect(r).toMatchObject({ subdistrictName: name, precision: 'road' });
        expect(locate(idx, r.lng, r.lat)?.subdistrictName).toBe(name);
      }
  });
});

describe('normalize and learn', () => {
  it('strips our region and refuses others', () => {
    expect(normalizeAddress('湖南长沙望城区 高塘岭街道')).toBe('高塘岭街道');
    expect(normalizeAddress('广东省广州市天河区')).toBeNull();
  });
  it('finds the compound an address names', () => {
    expect(compoundOf('金山桥街道金桥社区金科花园3栋')).toBe('金科花园');
    expect(compoundOf('金山桥街道某某小区3栋')).toBe('某某小区');
    expect(compoundOf('高塘岭街道郭亮中路123号')).toBeNull();
  });
});
