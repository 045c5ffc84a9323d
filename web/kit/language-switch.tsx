import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, languages, storeLanguage } from './languages.ts';

/** Switches the console between Chinese and English and remembers the choice on this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const change = (language: Language) => {
    storeLanguage(language);
    void i18n.changeLanguage(language);
  };
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={languages.find((l) => l === i18n.language) ?? 'zh-CN'}
      options={languages.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      onChange={change}
    />
  );
}
