import i18n from 'i18next';

/** A timestamp in the user's language and time zone, to the minute; empty values become a dash. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: withSeconds ? 'medium' : 'short',
  }).format(new Date(iso));
}

/** A count with the user's thousands separators. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(i18n.language).format(value);
}

/** A day in the user's language (a timestamp's date in their time zone); empty values become a dash. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));
}
