/** What a learned address teaches besides itself: the compound (小区, 花园…) it lies in. */

/** Endings of compound and building names. */
const compoundEnding =
  /^([\u4e00-\u9fffA-Za-z0-9]{2,14}?(小区|花园|公寓|大厦|家园|新村|广场|山庄|华庭|名苑|雅苑|公馆|苑|府|城|园))(?=\d|[#期栋幢座单号]|$)/;

/**
 * The compound a normalized address names after its divisions, roads and house number
 * (金山桥街道金桥社区金科花园3栋 → 金科花园); null when it names none.
 */
export function compoundOf(normalized: string): string | null {
  // What follows the last division, road or house-number marker is where a compound's name starts.
  const tail = normalized.replace(/^.*(街道|镇|社区|村|组|大道|路|街|巷|号)/, '');
  const m = compoundEnding.exec(tail);
  return m ? m[1]! : null;
}
