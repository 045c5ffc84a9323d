import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistryName } from '../feeds.ts';

/**
 * How a registry's items and stored values read in the console's language: item names from the messages (the
 * catalog's own name for an item the messages do not know), stored values translated where they are a known
 * enumeration (statuses, classes, sex), else as stored.
 */
export function useLabels(registry: RegistryName) {
  const { t } = useTranslation('registry');
  // Kept while the language stays, so charts that draw with the labels are not drawn again on every render.
  return useMemo(
    () => ({
      item: (code: string, fallback?: string) =>
        t(`items.${registry}.${code}`, { defaultValue: fallback ?? code }),
      value: (value: string | null | undefined) =>
        value === null || value === undefined || value === ''
          ? t('stats.unknown')
          : t(`values.${value}`, { defaultValue: value }),
    }),
    [t, registry],
  );
}
