import { useSyncExternalStore } from 'react';

/** The app's languages: Chinese first (residents), English for visitors. */
export type Lang = 'zh' | 'en';
type Dict = Record<string, string>;
const dicts: Record<Lang, Record<string, Dict>> = { zh: {}, en: {} };
const listeners = new Set<() => void>();
const KEY = 'onecity.m.lang';

function initialLang(): Lang {
  const saved = globalThis.localStorage?.getItem(KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return globalThis.navigator?.language?.startsWith('en') ? 'en' : 'zh';
}
let lang: Lang = initialLang();

/** Adds a namespace's strings (each module registers its own, the shell its own under `m`). */
export function addMessages(ns: string, messages: { zh: Dict; en: Dict }) {
  dicts.zh[ns] = messages.zh;
  dicts.en[ns] = messages.en;
}

/** The language in use. */
export const currentLang = () => lang;

/** Switches the language, remembered on this phone. */
export function setLang(next: Lang) {
  lang = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const l of listeners) l();
}

/** A string of a namespace in the current language, `{name}` filled from params; the key itself when missing. */
export function translate(ns: string, key: string, params?: Record<string, string | number>): string {
  const text = dicts[lang][ns]?.[key] ?? dicts.zh[ns]?.[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

/**
 * The translator of a namespace, re-rendering on a language switch. The console's i18next is not used here: the
 * app's first load must stay small on a phone (issue 18: < 250 KB).
 */
export function useT(ns: string) {
  const current = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => lang,
  );
  return Object.assign(
    (key: string, params?: Record<string, string | number>) => translate(ns, key, params),
    {
      lang: current,
    },
  );
}
