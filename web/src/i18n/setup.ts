import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, type Language, languages, storedLanguage } from '../../kit/languages.ts';
import { webModules } from '../modules.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

const shell: Record<Language, typeof zhCN> = { 'zh-CN': zhCN, en };

// One namespace for the shell ('common') and one per module, named after it.
const resources = Object.fromEntries(
  languages.map((language) => [
    language,
    { common: shell[language], ...Object.fromEntries(webModules.map((m) => [m.name, m.messages[language]])) },
  ]),
);

/** Starts i18next in the language the user picked last time (Chinese by default). */
export async function setupI18n() {
  // The page's language, title and the date pickers' month and weekday names follow the console's language.
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    document.title = `${i18n.t('app.name')} ${i18n.t('app.center')}`;
    dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  });
  await i18n.use(initReactI18next).init({
    resources,
    lng: storedLanguage(),
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    defaultNS: 'common',
    ns: ['common', ...webModules.map((m) => m.name)],
    // React escapes what it renders already.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}
