/**
 * The district's roads by subdistrict/town, and a few landmarks. Real names in Wangcheng placed roughly: enough
 * for the gazetteer to place an address on a road in its subdistrict, and for the demo's addresses to look right.
 * A road listed under several subdistricts runs through them.
 */
export const roadsBySubdistrict: Record<string, string[]> = {
  高塘岭街道: ['郭亮中路', '郭亮北路', '望府路', '高裕路', '旺旺中路', '雷锋北大道'],
  丁字湾街道: ['丁字湾路', '书堂山路', '丁书路'],
  大泽湖街道: ['大泽湖路', '腾飞路', '银杉路'],
  月亮岛街道: ['普瑞大道', '月亮岛路', '潇湘北路', '滨江路'],
  白沙洲街道: ['金星北路', '马桥河路', '银星路', '同心路'],
  金山桥街道: ['金山桥路', '黄桥大道', '旺旺西路', '金桥路'],
  黄金园街道: ['黄金园路', '普瑞西路', '黄金大道'],
  乌山街道: ['雷锋大道', '东马路', '乌山路'],
  铜官街道: ['铜官大道', '书堂路', '陶都路'],
  雷锋街道: ['雷锋大道', '雷锋东路', '长望路', '嘉顺路'],
  白马街道: ['白马路', '白马大道'],
  桥驿镇: ['桥驿路'],
  茶亭镇: ['茶亭路'],
  靖港镇: ['靖港路', '保健路'],
  乔口镇: ['乔口路'],
  白箬铺镇: ['白箬路'],
};

/** Landmarks whose subdistrict is known; their points are approximate like the roads'. */
export const landmarksBySubdistrict: Record<string, string[]> = {
  高塘岭街道: ['望城区人民政府', '望城区政务服务中心'],
  铜官街道: ['铜官窑遗址', '铜官古镇'],
  靖港镇: ['靖港古镇'],
  乔口镇: ['乔口渔都'],
  雷锋街道: ['雷锋纪念馆'],
  丁字湾街道: ['书堂山'],
};
