import { useTranslation } from 'react-i18next';
import type { RawViewTexts } from '../../../../web/kit/raw-view-switch.tsx';

/** The texts of the registry pages' "show unmasked" switch, in the page's language. */
export function useRawTexts(): RawViewTexts {
  const { t } = useTranslation('registry');
  return {
    show: t('search.showRaw'),
    hint: t('search.rawHint'),
    title: t('search.rawTitle'),
    reason: t('search.rawReason'),
    placeholder: t('search.rawPlaceholder'),
    ok: t('search.rawOk'),
    cancel: t('common:common.cancel'),
  };
}
