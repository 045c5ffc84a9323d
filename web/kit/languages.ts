/** The console's languages; Chinese is the default. */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';

const storageKey = 'onecity.language';

/** The language the user picked last time on this browser. */
export function storedLanguage(): Language {
  const saved = localStorage.getItem(storageKey);
  return languages.find((l) => l === saved) ?? defaultLanguage;
}

/** Remembers the user's language for the next visit. */
export function storeLanguage(language: Language) {
  localStorage.setItem(storageKey, language);
}
