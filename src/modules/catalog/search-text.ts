import { pinyin } from 'pinyin-pro';

/** Full pinyin and initials of Chinese text, e.g. 人口库 → "renkouku rkk". */
export function pinyinForms(text: string): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed' });
  return `${syllables.join('')} ${syllables.map((s) => s[0]).join('')}`;
}

/** The lower-cased text a catalog search matches: substrings of names, codes, items and pinyin. */
export function searchTextOf(r: {
  name: string;
  code: string;
  summary: string;
  keywords?: string[];
  items: { name: string; code: string; synonyms?: string[] }[];
}) {
  return [
    r.name,
    pinyinForms(r.name),
    r.code,
    r.summary,
    ...(r.keywords ?? []),
    ...r.items.flatMap((i) => [i.name, i.code, ...(i.synonyms ?? [])]),
  ]
    .join(' ')
    .toLowerCase();
}
