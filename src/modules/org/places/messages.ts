import { addMessages } from '../../../core/messages.ts';

// Problems of an uploaded boundary file; a feature's problems name its index (features[i]).
addMessages('org', {
  invalid_boundaries: {
    'zh-CN': '边界文件有 {count} 处问题',
    en: 'The boundary file has {count} problem(s)',
  },
  not_feature_collection: {
    'zh-CN': '应为 GeoJSON FeatureCollection',
    en: 'must be a GeoJSON FeatureCollection',
  },
  no_features: { 'zh-CN': '没有任何要素', en: 'has no features' },
  not_a_feature: {
    'zh-CN': '第 {index} 个要素不是 GeoJSON Feature',
    en: 'feature {index} is not a GeoJSON Feature',
  },
  no_division_property: {
    'zh-CN': '第 {index} 个要素的属性中没有区划代码或名称（code、adcode、XZQDM、QHDM、name…）',
    en: 'feature {index} has no division code or name in its properties (code, adcode, XZQDM, QHDM, name…)',
  },
  no_matching_division: {
    'zh-CN': '第 {index} 个要素：“{name}”不是本区的街道（镇）或社区（村）',
    en: 'feature {index}: "{name}" is no subdistrict or community of the district',
  },
  ambiguous_division: {
    'zh-CN': '第 {index} 个要素：名称“{name}”对应多个区划，请改用区划代码',
    en: 'feature {index}: the name "{name}" matches several divisions; give the division code',
  },
  duplicate_division: {
    'zh-CN': '第 {index} 个要素：{name} 与第 {other} 个要素重复',
    en: 'feature {index}: {name} is also feature {other}',
  },
  bad_geometry: {
    'zh-CN': '第 {index} 个要素的几何不是有效的 Polygon 或 MultiPolygon（{detail}）',
    en: 'feature {index}: the geometry is no valid Polygon or MultiPolygon ({detail})',
  },
  not_wgs84: {
    'zh-CN': '坐标不是 WGS-84 经纬度（经度 -180..180，纬度 -90..90）',
    en: 'coordinates are not WGS-84 longitude/latitude (-180..180, -90..90)',
  },
  outside_district: {
    'zh-CN': '第 {index} 个要素不在本区范围内',
    en: 'feature {index} lies outside the district',
  },
});
