import { pinyin } from 'pinyin-pro';

// Names repeat a lot (张伟, 王芳 …), and pinyin is the costly part of a merge's JavaScript: remember recent ones.
const cache = new Map<string, string>();

/**
 * What a registry search matches for an entity's name: the lower-cased name and its pinyin initials, e.g.
 * 张三 → "张三 zs", 单雄信 → "单雄信 sxx" (surnames read as surnames). Null when there is no name.
 */
export function searchTextOf(name: string | undefined): string | null {
  if (!name) return null;
  let text = cache.get(name);
  if (text === undefined) {
    const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
      .join('')
      .toLowerCase();
    text = `${name.toLowerCase()} ${initials}`;
    if (cache.size >= 200_000) cache.clear();
    cache.set(name, text);
  }
  return text;
}
